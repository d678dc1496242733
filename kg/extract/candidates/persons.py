"""Officials and executives: a title from the lexicons followed by a surname and one or two
characters ("党工委书记张三"). The organisation is the named mention right before the title (or
the company spoken of last, for "公司总经理X"); an executive of no named organisation is no node,
and reporters are never persons.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re

from kg.extract.candidates.companies import PARENT_OF_UNIT
from kg.extract.candidates.patterns import Patterns
from kg.extract.candidates.scan import _sentence_of
from kg.extract.names import alternation
from kg.model import Mention


def _persons(text: str, mentions: list[Mention], pat: Patterns, sent_starts, toks) -> list[Mention]:
    out: list[Mention] = []
    reporters = tuple(pat.lex["reporter_words"])
    ends = sorted((m.end, i) for i, m in enumerate(mentions) if m.cls in
                  ("Park", "Agency", "Company", "Institution"))
    end_keys = [x[0] for x in ends]
    for m in pat.person.finditer(text):
        ts, ns, ne = m.start("title"), m.start("name"), m.end("name")
        title = m.group("title")
        name = m.group("name")
        # a name of 3 characters unless the 2-character reading is followed by a name-ender
        if len(name) == 3 and _ends_name(text, ns + 2, pat):
            name = name[:2]
            ne = ns + 2
        if text[max(0, ts - 4):ts].endswith(reporters) or _NOT_IN_NAME.search(name, 1) or \
                _function_word_at(toks, ns):
            continue                    # a reporter; "市长都被查", "负责人和相关代表": words, no name
        # organisation: the nearest named mention ending before the title, within the clause
        i = bisect.bisect_right(end_keys, ts) - 1
        org = None
        title_start = ts
        while i >= 0:
            oend, oi = ends[i]
            gap = text[oend:ts]
            if len(gap) <= 40 and not re.search(r"[，。；！？“”,;!?]", gap) and not _MEETING.search(gap):
                org = mentions[oi]
                title_start = oend
            break
        word = company_word_before(text, ts) if org is None else None
        if word is not None:
            # "公司总经理X说": the company the text spoke of last
            j = bisect.bisect_right(end_keys, word - 2) - 1
            while j >= 0 and (mentions[ends[j][1]].cls != "Company" or PARENT_OF_UNIT.match(text, ends[j][0])):
                j -= 1                  # not the parent named to describe the unit ("由A设立的子公司")
            if j >= 0 and ts - ends[j][0] <= 200:
                org = mentions[ends[j][1]]
        brand = False
        if org is None and ts > 0:
            org = _brand_company(text, mentions, ts, pat)
            brand = org is not None
        full_title = text[title_start:ns] if org is not None and not brand else title
        if org is not None and org.cls in ("Company", "Institution"):
            cls = "Executive"
        elif org is not None:
            cls = "Official"
        else:
            last = _last_title(title, pat)
            if last in pat.official_titles and (last not in pat.exec_titles or
                                                _BARE_REGION_BODY.search(text, max(0, ts - 8), ts)):
                cls = "Official"            # "市人大常委会主任X": a post of the city's assembly
            elif last not in pat.official_titles and not _word_not_name(toks, ns, ne) and \
                    not text.startswith("项目", ts - 2) and not title.startswith("项目"):
                # "岚图汽车CEO卢放": a company's post, its name unrecognised (a project's manager,
                # "…工程项目负责人X", is none)
                cls = "Executive"
            else:
                continue                    # "主任X" of no named organisation: no node
        attrs = {"title": full_title.strip("、")}
        if org is not None:
            attrs["org"] = org.text
            attrs["org_span"] = [org.start, org.end]
            if brand:
                attrs["org_brand"] = True
        out.append(Mention(ns, ne, name, cls, _sentence_of(sent_starts, ns), f"person:{cls.lower()}-title",
                           0.85 if org is not None else 0.7, attrs))
        # "管委会副主任A、B、C出席", "区领导A、B等参加": the names listed after share the title
        for fs, fe in _listed_after(text, ne, pat):
            out.append(Mention(fs, fe, text[fs:fe], cls, _sentence_of(sent_starts, fs),
                               f"person:{cls.lower()}-title-list", 0.8 if org is not None else 0.65,
                               {**attrs, "list_head": [ns, ne]}))
    out += _tagged_after_title(text, pat, sent_starts, toks, {m.start for m in out}, mentions)
    return out + _appointees(text, mentions, pat, sent_starts) + _leaders(text, pat, sent_starts, toks)


def _tagged_after_title(text: str, pat: Patterns, sent_starts, toks, taken: set[int],
                        mentions: list[Mention]) -> list[Mention]:
    """"总理纳吉布、", "副外长莫尔古洛夫透露", "总理李显龙时": a name with no surname of the list (a
    foreign one) or no ending word, which the tagger reads as a person's name right after a title."""
    out = []
    if toks is None or not toks.starts:
        return out
    title_end = pat.title_end
    reporters = tuple(pat.lex["reporter_words"])
    n = len(toks.starts)
    # the first token of each run of name tokens (one pass in C over the tags, not a Python
    # loop over every token)
    nr = [p.startswith("nr") for p in toks.pos]
    for j in itertools.compress(range(n), map(operator.gt, nr, [False] + nr[:-1])):
        s = toks.starts[j]
        if s in taken:
            continue
        t = title_end.search(text, max(0, s - 8), s)
        if t is None or text[max(0, t.start() - 4):t.start()].endswith(reporters):
            continue
        k, dotted = j, False
        while k + 1 < n and toks.ends[k + 1] - s <= 10:
            w1 = toks.words[k + 1]
            # "雅尔|·|米(q)|德曼": a one-character piece right after the dot belongs to the name too
            if toks.pos[k + 1].startswith("nr") or w1 == "·" or \
                    toks.words[k] == "·" and len(w1) == 1 and "\u4e00" <= w1 <= "\u9fff":
                dotted = dotted or w1 == "·"
                k += 1
            else:
                break
        e = toks.ends[k] - (1 if text[toks.ends[k] - 1] == "时" and toks.ends[k] - s > 2 else 0)  # "李显龙时"
        if not 2 <= e - s <= 10 or text[e - 1] == "·":
            continue
        if not (dotted or _ends_name(text, e, pat) or (k + 1 < n and toks.pos[k + 1][:1] in "vdtmp")):
            continue                    # (a transliterated "A·B" name is a person's whatever follows)
        cls = _class_of_title(text, t.start(), _last_title(t.group(), pat), pat, mentions)
        if cls is None:
            continue
        out.append(Mention(s, e, text[s:e], cls, _sentence_of(sent_starts, s), f"person:{cls.lower()}-tagged",
                           0.65, {"title": t.group()}))
    return out


def _class_of_title(text: str, ts: int, title: str, pat: Patterns, mentions: list[Mention]) -> str | None:
    """Official or Executive for a title at ``ts``: by the title when only one list has it, else by
    the organisation right before it in the clause ("A中心主任", "A局主任"); None if there is none."""
    if title not in pat.exec_titles:
        return "Official"
    if title not in pat.official_titles:
        return "Executive"
    org = max((m for m in mentions if m.end <= ts and m.cls in ("Park", "Agency", "Company", "Institution")
               and not re.search(r"[，。；！？“”,;!?]", text[m.end:ts]) and ts - m.end <= 40),
              key=lambda m: m.end, default=None)
    if org is None:
        return None
    return "Executive" if org.cls in ("Company", "Institution") else "Official"


def _leaders(text: str, pat: Patterns, sent_starts, toks) -> list[Mention]:
    """"习近平总书记", "卢卡申科总统": a leader's title written after the name, which the tagger
    reads as one person's name (no surname needed: foreign leaders are named so too)."""
    out = []
    if toks is None or not toks.starts:
        return out
    for m in pat.leader_title.finditer(text):
        i = toks.index_at(m.start() - 1)
        if m.start() == 0 or toks.ends[i] != m.start() or not toks.pos[i].startswith("nr"):
            continue
        ns, ne = toks.starts[i], toks.ends[i]
        if not 2 <= ne - ns <= 6 or text[ns - 1:ns] == "·":
            continue
        out.append(Mention(ns, ne, text[ns:ne], "Official", _sentence_of(sent_starts, ns), "person:official-leader",
                           0.7, {"title": m.group(), "title_after": m.group()}))
    return out


# a name that opens a clause, then an appointment verb: "：宫权同志任A书记", "。张敬华利用担任A厅长",
# "李玲同志不再担任A书记职务" (the name's ends are the clause mark and the verb, so no title
# precedes it); "决定任命林涛为A副省长", "任命丁军伟、王欢为A审判员" (each name of the list after
# 任命), "免去王清华的A副市长职务": a name after the verb, ended by "为" or "的"
_APPOINTEE = r"(?:(?<=[，。；：！？,;:\s、])|^|{naming}|(?<=被告人))(?P<name>(?:{sur})[\u4e00-\u9fff]{{1,2}}?)" \
             r"(?:同志)?(?:（女）)?(?:(?:利用|曾经|曾|此前|先后|历|现|已|不再)?(?:{verbs}|拟任)|(?P<after>为|的))"
# the names listed between "任命" or "免去" and the one before "为" or "的" ("任命A、B同志、C为")
# (the verbs: lexicon appoint_verbs, "as:" and "of:")
_NAMED_BEFORE = r"(?P<verb>{naming_verbs})[：:]?(?P<names>(?:(?:{sur})[\u4e00-\u9fff]{{1,2}}?(?:同志)?、){{0,12}})$"


# a department between an organisation and the title ("A厅开发区处处长", "A银行公司金融部总经理",
# "A法院行政审判庭副庭长"), ``titles`` an alternation of the titles
DEPARTMENT = "(?:[\u4e00-\u9fff]{{2,8}}?(?:处|科|室|部|庭)(?=(?:副|常务)?(?:{titles})))?"


@functools.lru_cache(maxsize=8)
def post_title_re(lex) -> re.Pattern:
    """A title right after an organisation's name ("副书记", "党组副书记", "管委会主任", "行政审判庭
    副庭长"; "委常委" after a zone's name ending in 区: "A开发区委常委" is the zone's Party committee)."""
    titles = alternation(set(lex["official_titles"]) | set(lex["executive_titles"]))
    return re.compile(f"(?:原|前)?{DEPARTMENT.format(titles=titles)}"
                      f"(?:党组|党委|党工委|工委|管委会|管理委员会|(?<=区)委)?(?:常务|代|代理)?(?:{titles})")


def titles_end(text: str, pos: int, title_re: re.Pattern) -> int:
    """Where the titles written from ``pos`` end, each a match of ``title_re`` (:func:`post_title_re`),
    joined by "、" ("A|书记、区长|的X"); ``pos`` when none opens there."""
    while (t := title_re.match(text, pos)) is not None:
        pos = t.end() + (1 if text.startswith("、", t.end()) else 0)
    return pos


def naming_verbs(lex) -> tuple[str, ...]:
    """The appointment verbs the persons follow (lexicon appoint_verbs "as:" 任命…, "of:" 免去…)."""
    return lex.tagged("appoint_verbs", "as") + lex.tagged("appoint_verbs", "of")


def names_appointees(lex, verb: str, end: str | None) -> bool:
    """``verb`` lists the persons that ``end`` closes: 任命… before "为", 免去… before "的"."""
    return verb in lex.tagged("appoint_verbs", "of" if end == "的" else "as")


@functools.lru_cache(maxsize=8)
def _appointee_re(lex) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    sur = alternation(lex["surnames"])
    after = alternation(set(lex["speech_verbs"]) | set(lex["name_followers"]))
    # a name ended by a clause mark or a word that ends names
    name = re.compile(f"(?P<name>(?:{sur})[\u4e00-\u9fff]{{1,2}}?)(?=[，。、；：！？,;:\\s）)“”]|{after}|$)")
    naming = naming_verbs(lex)
    return (re.compile(_APPOINTEE.format(sur=sur, verbs=alternation(lex.tagged("appoint_verbs", "after")),
                                         naming="|".join(f"(?<={re.escape(v)})" for v in naming))),
            post_title_re(lex), name, re.compile(_NAMED_BEFORE.format(sur=sur, naming_verbs=alternation(naming))))


def _appointees(text: str, mentions: list[Mention], pat: Patterns, sent_starts) -> list[Mention]:
    """Persons named before the post they are given ("宫权同志任烟台高新区党工委书记"): the
    organisation starts right after the verb and a title follows it; "为" only after "任命" (and
    the names listed before it), "的" only after "免去"."""
    name_re, title_re, _, named_re = _appointee_re(pat.lex)
    orgs = {m.start: m for m in mentions if m.cls in ("Park", "Agency", "Company", "Institution")}
    out = []
    for m in name_re.finditer(text):
        org = orgs.get(m.end())
        if org is None or not title_re.match(text, org.end):
            continue
        ns, ne = m.span("name")
        in_list = m.group("after") or text[ns - 1:ns] == "、"
        listed = named_re.search(text, max(0, ns - 60), ns) if in_list else None
        if in_list and (listed is None or not names_appointees(pat.lex, listed.group("verb"), m.group("after"))):
            continue                    # "为" after no 任命, "的" after no 免去, "、" in no list of them
        spans = [(ns, ne)]
        if listed is not None:
            pos = listed.start("names")
            for item in filter(None, listed.group("names").split("、")):
                spans.append((pos, pos + len(item.removesuffix("同志"))))
                pos += len(item) + 1
        cls = "Executive" if org.cls in ("Company", "Institution") else "Official"
        # the title given after the organisation, and the verb that gives it: what a title
        # before the name says for the learned chooser
        for s, e in spans:
            out.append(Mention(s, e, text[s:e], cls, _sentence_of(sent_starts, s), f"person:{cls.lower()}-appointed",
                               0.8, {"org": org.text, "title": title_re.match(text, org.end).group(), "title_after": "任"}))
    return out + _holders_after(text, orgs, pat, sent_starts, title_re) + _titled_after(text, pat, sent_starts)


# "刘晓凌法官严格…", "感谢陆磊法官、骆冰法官": a judge or prosecutor named before the title
_TITLE_AFTER = "(?:(?<=[，。、；：“\\s和与及向])|(?<=感谢))(?P<name>(?:{sur})[\u4e00-\u9fff]{{1,2}}?)" \
               "(?P<title>法官|检察官)(?=[，。、；：！？”\\s]|{after})"


def _titled_after(text: str, pat: Patterns, sent_starts) -> list[Mention]:
    out = []
    for m in _title_after_re(pat.lex).finditer(text):
        ns, ne = m.span("name")
        out.append(Mention(ns, ne, m.group("name"), "Official", _sentence_of(sent_starts, ns),
                           "person:official-title-after", 0.7,
                           {"title": m.group("title"), "title_after": m.group("title")}))
    return out


@functools.lru_cache(maxsize=8)
def _title_after_re(lex) -> re.Pattern:
    after = alternation(set(lex["speech_verbs"]) | set(lex["name_followers"]) | {"严格", "现场", "多次", "依法"})
    return re.compile(_TITLE_AFTER.format(sur=alternation(lex["surnames"]), after=after))


# "曾任A书记的X", "此前任A市委书记的X": the person the appointment describes, named after it
_HOLDER_AFTER = re.compile(r"(?:曾|此前|原|历|已|现)(?:担任|任)$")


def _holders_after(text: str, orgs: dict, pat: Patterns, sent_starts, title_re: re.Pattern) -> list[Mention]:
    out = []
    name_re = _appointee_re(pat.lex)[2]
    for start, org in orgs.items():
        if not _HOLDER_AFTER.search(text, max(0, start - 4), start):
            continue
        pos = titles_end(text, org.end, title_re)
        n = name_re.match(text, pos + 1) if pos > org.end and text.startswith("的", pos) else None
        if n is None:
            continue
        cls = "Executive" if org.cls in ("Company", "Institution") else "Official"
        ns, ne = n.span("name")
        out.append(Mention(ns, ne, n.group("name"), cls, _sentence_of(sent_starts, ns),
                           f"person:{cls.lower()}-held", 0.75,
                           {"org": org.text, "title": text[org.end:pos].rstrip("、"), "title_after": "的"}))
    return out


def _function_word_at(toks, pos: int) -> bool:
    """Whether a conjunction or preposition opens at ``pos`` ("负责人|和|相关代表", "总书记|关于"):
    the surname there ("和", "关") is a word of the clause."""
    if toks is None or not toks.starts:
        return False
    i = toks.index_at(pos)
    return toks.starts[i] == pos and toks.pos[i] in ("c", "p") and toks.words[i] in _FUNCTION_WORDS


def _word_not_name(toks, start: int, end: int) -> bool:
    """Whether the tagger reads ``start:end`` as one word that is no name ("主管|单位", "教授|支配")."""
    if toks is None or not toks.starts:
        return False
    i = toks.index_at(start)
    return toks.starts[i] == start and toks.ends[i] == end and not toks.pos[i].startswith("nr")


# conjunctions and prepositions that open with a surname's character (the tagger also calls
# some names "p": "宋向|清")
_FUNCTION_WORDS = frozenset({"和", "与", "及", "以及", "同", "跟", "向", "于", "关于", "对于", "由于", "由"})


# a meeting or a done act between an organisation and a title: the title's person is another's
# guest ("上海市市长A会见了美国B公司总裁X"), no one of the organisation
_MEETING = re.compile("了|会见|会晤|接见|看望|陪同|邀请")
# a region's body named by the bare level word right before a title
_BARE_REGION_BODY = re.compile("(?<![\u4e00-\u9fff])[省市区县](?:人大常委会|人大|政协|政府|委)$")
# function characters that end a clause's words, never inside a given name after the surname
_NOT_IN_NAME = re.compile("[被了的也都]")


# an item of a list of names: "、" and a surname's name, ended as a name after a title is
_LIST_ITEM = "、(?P<name>(?:{sur})[\u4e00-\u9fff]{{1,2}})"


def _listed_after(text: str, end: int, pat: Patterns) -> list[tuple[int, int]]:
    """The names listed right after a titled person's name that ends at ``end``."""
    item = _list_item(pat.lex)
    out = []
    while len(out) < 12:
        m = item.match(text, end)
        if m is None:
            break
        s, e = m.start("name"), m.end("name")
        if e - s == 3 and _ends_name(text, s + 2, pat):
            e = s + 2
        elif not _ends_name(text, e, pat) and not text.startswith(("等", "、"), e):
            break
        out.append((s, e))
        end = e
    return out


@functools.lru_cache(maxsize=8)
def _list_item(lex) -> re.Pattern:
    return re.compile(_LIST_ITEM.format(sur=alternation(lex["surnames"])))


# "公司总经理X", "该公司行政经理X", "公司运营总监X": a company word, then a department's few characters
# ("企业负责人X" with none: "企业联合会副会长X" is of an association)
_COMPANY_WORD_BEFORE = re.compile("(?:(?:该公司|公司|该企业|集团)((?:(?![的在和与及是为])[\u4e00-\u9fff]){2,4})?|企业)$")
_LEGAL_COMPANY_WORD = ("有限公司", "股份公司", "分公司", "子公司")


def company_word_before(text: str, ts: int) -> int | None:
    """Where the bare company word ("公司", "该企业") ends that a title starting at ``ts``
    follows (directly or after a department), or None."""
    m = _COMPANY_WORD_BEFORE.search(text, max(0, ts - 7), ts)
    if m is None:
        return None
    end = m.start(1) if m.group(1) else m.end()
    return None if text[max(0, end - 4):end].endswith(_LEGAL_COMPANY_WORD) else end


def _brand_company(text: str, mentions: list[Mention], ts: int, pat: Patterns) -> Mention | None:
    """"长虹副总裁X": a short brand right before the title, inside the name of exactly one
    company the text has already named (四川长虹电器股份有限公司)."""
    m = re.search(r"[\u4e00-\u9fff]{2,8}$", text[max(0, ts - 8):ts])
    if m is None:
        return None
    chunk = m.group()
    forms = tuple(pat.lex["company_forms"])
    comps = [x for x in mentions if x.cls == "Company" and x.end <= ts - len(chunk) and len(x.text) >= 6]
    for n in range(len(chunk), 1, -1):
        b = chunk[-n:]
        if "公司" in b or "企业" in b or b.endswith(forms) or b in ("集团", "该集团", "该企业"):
            continue
        hits = {x.text: x for x in comps if b in x.text and x.text != b}
        if len(hits) == 1:
            return next(iter(hits.values()))
        if hits:
            return None
    return None


def _last_title(title: str, pat: Patterns) -> str:
    for t in sorted(pat.official_titles | pat.exec_titles, key=len, reverse=True):
        if title.endswith(t):
            return t
    return title


def _ends_name(text: str, pos: int, pat: Patterns) -> bool:
    rest = text[pos:pos + 4]
    if not rest or re.match(r"[，。、；：！？,;:\s）)“”]", rest):
        return True
    return rest.startswith(tuple(pat.lex["speech_verbs"]) + tuple(pat.lex["name_followers"]))
