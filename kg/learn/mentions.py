"""The learned name chooser: which recognised names to keep, where each starts, which class.

The recogniser proposes a name span with a class (from its anchor: a suffix, a title, 《》);
real news often glues a verb or a clause to its left edge ("项目合作方中冶集团", "给区行政审批局")
or calls an industry word a company ("分布式光伏"). For each proposal this component scores
alternatives — the span as found, the span with a few leading tokens trimmed, and for
organisations each of the three organisation classes — and keeps the best one if the model
accepts it, else drops the name. Features are the rules' own signals (rule, anchor, lexicons)
plus the characters and part-of-speech tags at the edges.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections import Counter
from dataclasses import replace
from itertools import repeat

from kg.extract.candidates.patterns import CREDIT, last_credit_end
from kg.learn.linear import LinearModel
from kg.model import Mention

ORG = ("Company", "Institution", "Agency")
PERSON = ("Official", "Executive")
MAX_TRIM = 10          # characters a left edge may move right
MAX_ALTERNATIVE_STARTS = 6
_PUNCT = set("，。、；：！？,.;:!?（）()“”\"《》「」 \n")


@functools.lru_cache(maxsize=4096)     # called four times per span with few distinct values
def _bucket(n: int, edges=(1, 2, 3, 4, 6, 9, 14)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "15+"


def _bucketed(prefix: str, edges=(1, 2, 3, 4, 6, 9, 14)) -> tuple[str, ...]:
    """``prefix + _bucket(n, edges)`` for n = 0 … edges[-1] + 1, the last for any n above:
    the span features' counts as ready strings (no call, no concatenation, hash kept)."""
    return tuple(prefix + _bucket(n, edges) for n in range(edges[-1] + 2))


_LEN, _NTOK, _CNT, _TRIM = _bucketed("len="), _bucketed("ntok="), _bucketed("cnt=", (1, 2, 3)), \
    _bucketed("trim=", (0, 1, 2, 3, 5))


def classes_for(cls: str) -> tuple[str, ...]:
    if cls in ORG:
        return ORG
    if cls in PERSON:
        return PERSON
    return (cls,)


def starts_for(toks, m: Mention) -> list[int]:
    """The proposal's start and token starts a little to its right (names keep ≥ 2 chars)."""
    out = [m.start]
    if m.cls in PERSON or m.cls == "Policy" or m.rule in _FIXED_START:
        return out
    k = toks.index_at(m.start)
    for k in range(k + 1, len(toks.starts)):
        s = toks.starts[k]
        if s - m.start > MAX_TRIM or m.end - s < 2 or len(out) >= MAX_ALTERNATIVE_STARTS:
            break
        out.append(s)
    return out


@functools.lru_cache(maxsize=8)
def _places(lex) -> frozenset:
    return lex.set("places") | lex.set("regions")


@functools.lru_cache(maxsize=8)
def _plain_words(lex) -> frozenset:
    """Trade words and places: an enumeration's items that are no firm's name (per lexicon: the
    union of some 6,000 words took longer than the rest of a document's list features)."""
    return lex.set("industry_words") | _places(lex)


@functools.lru_cache(maxsize=8)
def _place_prefixes(places: frozenset) -> frozenset:
    return frozenset(p[:2] for p in places if len(p) >= 2)


@functools.lru_cache(maxsize=4096)     # a person's title, asked per class of each proposal
def _ends_with_one_of(word: str, words: frozenset) -> bool:
    return any(word[-n:] in words for n in range(1, min(len(word), 8) + 1))


class Context:
    """Per-document lookups the features need, computed once per document."""

    def __init__(self, text: str, toks, mentions: list[Mention], lex) -> None:
        self.text = text
        self.toks = toks
        self.counts = Counter(m.text for m in mentions)
        self.places = _places(lex)
        self.place_prefixes = _place_prefixes(self.places)
        self.industry = lex.set("industry_words")
        self.official_titles = lex.set("official_titles")
        self.exec_titles = lex.set("executive_titles")
        self.agency_end = _agency_end(lex)
        #: span features per (proposal's start, rule, span), for :func:`features`
        self.spans: dict[tuple, list[str]] = {}
        #: whether the text has a Latin letter, a digit at all (most spans need not look)
        self.latin, self.digit = _LATIN.search(text) is not None, _DIGIT.search(text) is not None
        #: the class of the proposal that ends at each offset (what a person's title follows)
        self.ends_at = {m.end: m.cls for m in mentions if m.cls in ORG or m.cls == "Park"}
        #: the start of the organisation or park proposal that ends at each offset
        self.starts_at_end = {m.end: m.start for m in mentions
                              if (m.cls in ORG or m.cls == "Park") and not m.anaphor}
        self.stop_prefix = _stop_prefix(lex)
        self.post_tense = _post_tense(lex)
        self.post_tense_end = re.compile(f"(?:{self.post_tense.pattern})$")
        #: the enumerations of the text, with what their head and tail say of their items
        self.lists = list_contexts(text, toks, lex)
        self.list_starts = [x[0] for x in self.lists]


@functools.lru_cache(maxsize=8)
def _stop_prefix(lex):
    from kg.extract.candidates.patterns import patterns
    return patterns(lex).stop_prefix


@functools.lru_cache(maxsize=8)
def _post_tense(lex) -> re.Pattern:
    """kg/lexicon/post_tense_words.txt: "原", "时任" … before a title."""
    from kg.extract.names import alternation
    return re.compile(alternation(lex["post_tense_words"]) or "(?!)")


@functools.lru_cache(maxsize=8)
def _agency_end(lex):
    from kg.extract.candidates.patterns import patterns
    return patterns(lex).agency_suffix


def _starts_with_place(name: str, places) -> str:
    """Whether a place opens the name (the caller first checks its first two characters
    against the places' prefixes: most names need one look-up, not seven)."""
    for n in range(min(8, len(name)), 1, -1):
        if name[:n] in places:
            return "y" if n < len(name) else "all"
    return "n"


_LATIN = re.compile("[A-Za-z]")
#: kinds of organisation that open a clause before a name without belonging to it
_CATEGORY_HEAD = re.compile("(?:企业|单位|公司|机构|央企|国企|民企|外企|高校|院校|平台|项目|品牌|客户|厂商|"
                            "合作方|投资方|合资公司|子公司|成员单位|共建单位|文明单位|龙头企业|领军企业)")
_DIGIT = re.compile(r"\d")


def features(ctx: Context, m: Mention, s: int, e: int, cls: str) -> list[str]:
    """The features of one alternative: what the span and the proposal say, each feature
    qualified by the class it is scored for (the span's own part is computed once per span).
    :class:`Scorer` scores the same three parts without building the qualified strings."""
    c = cls + "|"
    f = class_free_features(m, cls)
    key = (m.start, m.rule, s, e)           # asked once per class of the span (training)
    span = ctx.spans.get(key)
    if span is None:
        span = ctx.spans[key] = span_features(ctx, m, s, e)
    f += [c + x for x in span]
    f += [c + x for x in mention_features(ctx, m, cls)]
    return f


def class_free_features(m: Mention, cls: str) -> list[str]:
    """The features that are not qualified by the class (they name it themselves)."""
    return ["b", cls, "orig=" + m.cls + ">" + cls]


def mention_features(ctx: Context, m: Mention, cls: str) -> list[str]:
    """What the proposal says beyond its span (a person's title, employer); unqualified."""
    if cls not in PERSON:
        return []
    title = str(m.attrs.get("title", ""))
    return ["tl=" + title[-2:],
            "tofficial=" + str(_ends_with_one_of(title, ctx.official_titles)),
            "texec=" + str(_ends_with_one_of(title, ctx.exec_titles)),
            "org=" + str(bool(m.attrs.get("org") or m.attrs.get("org_span"))),
            # what the title follows: an organisation or park the rules proposed, or nothing
            "orgcls=" + ctx.ends_at.get(m.start - len(title), "-"),
            # a post named after the name ("陆磊法官", "X同志任…")
            "ta=" + str(m.attrs.get("title_after", "-"))]


def span_features(ctx: Context, m: Mention, s: int, e: int) -> list[str]:
    """The span's own features, unqualified by class. Not cached here: the chooser asks once
    per span (:class:`Scorer`), and a cache it never hit cost a tenth of the time."""
    text, toks = ctx.text, ctx.toks
    starts, pos, words = toks.starts, toks.pos, toks.words
    name = text[s:e]
    k = bisect.bisect_right(starts, s) - 1                                   # toks.index_at(s)
    k_last = bisect.bisect_right(starts, e - 1) - 1 if e > s else k
    at_token = k >= 0 and starts[k] == s
    prev = text[s - 1] if s > 0 else "^"
    nxt = text[e] if e < len(text) else "$"
    trim = s - m.start if s > m.start else 0
    lext = m.start - s
    ext = e - m.end
    f = [
        *_rule_features(m.rule),
        _LEN[min(len(name), 15)],
        "f1=" + name[:1], "f2=" + name[:2],
        "l1=" + name[-1:], "l2=" + name[-2:], "l3=" + name[-3:], "l4=" + name[-4:],
        "p1=" + (prev if prev not in _PUNCT else "P"), "p2=" + text[max(0, s - 2):s],
        "n1=" + (nxt if nxt not in _PUNCT else "P"), "n2=" + text[e:e + 2],
        "fpos=" + (pos[k] if k >= 0 else "?"),
        "bpos=" + (pos[k - 1] if k > 0 and at_token else ("mid" if k >= 0 and not at_token else "^")),
        _NTOK[min(k_last - k + 1, 15)],                                   # k_last >= k
        "place=n" if name[:2] not in ctx.place_prefixes else "place=" + _starts_with_place(name, ctx.places),
        _CNT[min(ctx.counts.get(m.text, 1), 4)],
        _TRIM[min(trim, 6)],
    ]
    first_word = words[k] if k >= 0 else ""
    if len(first_word) <= 2:
        f.append("fw=" + first_word)
    if at_token and k + 1 < len(starts) and starts[k + 1] < e:
        f.append("fpos2=" + pos[k] + "+" + pos[k + 1])
    if len(name) >= 6 and _CATEGORY_HEAD.match(name):
        f.append("fcat")                # "单位|上海易多思…", "央企|中国中丝集团": a kind before the name
    if k > 0 and at_token and len(words[k - 1]) <= 2:
        f.append("bw=" + words[k - 1])
    if trim:
        t0 = bisect.bisect_right(starts, m.start) - 1
        f.append("trimpos=" + pos[t0])
        f.append("trimw=" + (words[t0] if len(words[t0]) <= 2 else "long"))
    if lext > 0:
        f.append("lext=" + _bucket(lext, (2, 3, 4, 6, 9)))
        f.append("lextglued=" + str(ctx.starts_at_end.get(m.start) == s))
        f.append("lextw=" + (words[k] if k >= 0 and len(words[k]) <= 2 else "long"))
    if ext > 0:
        f.append("ext=" + _bucket(ext, (2, 3, 4, 6)))
        f.append("extw=" + text[e - 2:e])
    elif ext < 0 and m.rule in _DELIMITED:
        # cut before the words glued to a delimited candidate: what the cut leaves out
        f.append("rcut=" + _bucket(-ext, (2, 4, 6, 9)))
        f.append("rcutpos=" + (pos[k_last + 1] if k_last + 1 < len(pos) else "$"))
    if name in ctx.industry or name[1:] in ctx.industry:    # the word, or one character and it
        f.append("industry")
    if name in ctx.places:
        f.append("isplace")
    if ctx.latin and _LATIN.search(name):
        f.append("latin")
    if ctx.digit and _DIGIT.search(name):
        f.append("digit")
    if prev in "“《":
        f.append("quoted")
    if "（" in name or "(" in name:
        f.append("paren")
    if m.cls == "Park":
        f.append("kind=" + str(m.attrs.get("kind", "")))
    if "n" in m.attrs:
        f.append("items=" + m.attrs["n"])
    if "cue" in m.attrs:
        f.append("cue=" + m.attrs["cue"])
    f += _list_features(ctx, m.start, e)
    return f


@functools.lru_cache(maxsize=256)
def _rule_features(rule: str) -> tuple[str, str]:
    return "rule=" + rule, "ruleh=" + rule.split(":")[0]


def alternatives(ctx: Context, m: Mention):
    """(start, end, class) proposals for one recognised mention."""
    classes = classes_for(m.cls)
    for s, e in alternative_spans(ctx, m):
        for cls in classes:
            yield s, e, cls
    park = m.attrs.get("park")
    if park is not None:
        yield park[0], park[1], "Park"  # "周浦|时尚产业园": a brand's project, or a park after all


def alternative_spans(ctx: Context, m: Mention) -> list[tuple[int, int]]:
    """The spans :func:`alternatives` gives each class of the proposal's group, in order."""
    ends = (m.end, m.end - 1) if m.rule == PERSON_RULE and m.end - m.start == 3 else (m.end,)
    if m.cls == "Agency":
        ends = (m.end, *_body_extensions(ctx, m.end))
    elif m.rule in _DELIMITED:
        ends = (m.end, *_right_cuts(ctx, m))
    starts = starts_for(ctx.toks, m)
    if m.rule in _EXTENDED:
        starts = _left_extensions(ctx, m) + starts
    return [(s, e) for s in starts for e in ends]


#: candidates cut at the next delimiter (a list item, the words before a title): the name may end
#: before the words glued to it ("上海药康|已完成厂房内部装修", "深圳能源|疏勒县200万千瓦光储")
_DELIMITED = frozenset(("org:list-item", "org:list-head", "org:list-one", "org:before-title"))
MAX_RIGHT_CUTS = 2
_CUT_POS = frozenset(("d", "p", "c", "v", "vn", "u", "uj", "ul", "ns"))


def _right_cuts(ctx: Context, m: Mention) -> list[int]:
    """Ends left of the candidate's: before the first adverb, verb, function word or place after
    the name's first two characters (at most ``MAX_RIGHT_CUTS``)."""
    toks, out = ctx.toks, []
    k = toks.index_at(m.start) + 1
    while k < len(toks.starts) and toks.starts[k] < m.end - 1 and len(out) < MAX_RIGHT_CUTS:
        s = toks.starts[k]
        if s - m.start >= 2 and (toks.pos[k] in _CUT_POS or toks.words[k] in ctx.places):
            out.append(s)
        k += 1
    return out


def chosen_spans(ctx: Context, m: Mention) -> list[tuple[int, int]]:
    """The spans the chooser picks among: :func:`alternative_spans` (what it is trained on) less
    those no name can take — malformed (:func:`well_formed`; the proposal's own span stays, a
    policy's 《》), a body run on into a former post ("新疆生产建设兵团|原党委") — with the start
    after a photo credit inside the proposal, and an organisation before a title without the
    former post's word ("中国新建集团公司原|副总经理"). Applied when choosing, not in training,
    so the learned weights stay those of all alternatives."""
    text = ctx.text
    spans = alternative_spans(ctx, m)
    credit = _after_credit(text, m)
    if credit is not None:
        spans += [(credit, e) for e in sorted({e for _, e in spans}) if (credit, e) not in spans]
    if m.rule == TITLE_RULE:
        tense = ctx.post_tense_end.search(text, m.start, m.end)
        if tense is not None and tense.start() - m.start >= 2:
            spans = [(s, min(e, tense.start())) for s, e in spans if s < tense.start()]
    former = ctx.post_tense.match(text, m.end) is not None
    return [(s, e) for s, e in dict.fromkeys(spans)
            if ((s, e) == (m.start, m.end) or well_formed(text, s, e)) and not (former and e > m.end)]


#: what no name starts or ends with (a name may end in a closing bracket: "某某（集团）")
_EDGE = "，。、；：！？,.;:!?“”\"《》「」 \n"
_PAIRS = {"）": "（", ")": "(", "》": "《", "」": "「", "”": "“"}


def _after_credit(text: str, m: Mention) -> int | None:
    """Where the name starts after a photo credit inside the proposal ("…讨论（周可茹摄）|高新区")."""
    end = last_credit_end(text, m.start, m.end)
    return end if end is not None and m.end - end >= 2 else None


def well_formed(text: str, s: int, e: int) -> bool:
    """[s, e) may be a name: not opened or closed by punctuation, nor by an opening bracket or
    closing one, and its brackets and quotes paired ("摄）高新区" runs out of a photo credit's
    bracket, "（周可茹摄）" is no part of "高新区"))."""
    if e <= s or text[s] in _EDGE or text[e - 1] in _EDGE or text[s] in "）)》」（(" or text[e - 1] in "（(《「“":
        return False
    if CREDIT.search(text, s, e):
        return False
    stack = []
    for ch in text[s:e]:
        if ch in "（(《「“":
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack.pop() != _PAIRS[ch]:
                return False
    return not stack


#: names found from a suffix: their start may lie left of where the rule's walk stopped
_EXTENDED = frozenset(("company:legal-form", "org:company-word", "institution:suffix", "agency:suffix",
                       "park:suffix", "park:weak"))
MAX_LEFT_EXTENSION = 14
_CLAUSE_DELIM = re.compile("[，。、；：！？“”《》（）()「」\n ,;:!?]")


def _left_extensions(ctx: Context, m: Mention) -> list[int]:
    """Starts left of the rule's: a park or body glued right before the name ("三门峡经济开发区|
    税务局", "万盛公安分局|黑山派出所"), and the start of the clause, after its punctuation or
    stop word, when it is near ("、|湖北黎民医疗|养老服务管理有限公司", "据|天津飞旋科技|研发有限公司")."""
    out = []
    glued = ctx.starts_at_end.get(m.start)
    if glued is not None and m.start - glued <= MAX_LEFT_EXTENSION:
        out.append(glued)
    lo = max(0, m.start - MAX_LEFT_EXTENSION)
    d = None
    for d in _CLAUSE_DELIM.finditer(ctx.text, lo, m.start):
        pass
    if d is not None or lo == 0:
        b = d.end() if d is not None else 0
        stop = ctx.stop_prefix.match(ctx.text, b, m.start)
        if stop is not None:
            b = stop.end()
        if m.start - b >= 1 and b not in out and ctx.toks.starts[ctx.toks.index_at(b)] == b:
            out.append(b)
    return sorted(out)


#: "X市公安局|新洲区分局", "湖北省委|网信办", "上海市政府|新闻办": a body's unit named after it
MAX_BODY_EXTENSION = 12
_BODY_RUN = re.compile(f"(?:(?![的和与及并等在对是为])[\u4e00-\u9fff]){{2,{MAX_BODY_EXTENSION}}}")
_UNIT_END = re.compile("研究室|联络处|纪检监察组")


def _body_extensions(ctx: Context, e: int) -> tuple[int, ...]:
    """Ends of a body's unit named right after it (at most two: the nearest and the farthest
    agency ending in the run of characters that follows)."""
    run = _BODY_RUN.match(ctx.text, e)
    if run is None:
        return ()
    toks = ctx.toks
    ends = [x.end() for x in ctx.agency_end.finditer(ctx.text, e + 1, run.end())]
    ends += [x.end() for x in _UNIT_END.finditer(ctx.text, e + 1, run.end())]
    ends = [x for x in ends if toks.ends[toks.index_at(x - 1)] == x]    # not "局|部"
    if not ends:
        return ()
    ends.sort()
    return (ends[0],) if ends[0] == ends[-1] else (ends[0], ends[-1])


PERSON_RULE = "person:tagged"
LIST_RULE, TITLE_RULE, STOCK_RULE = "org:list-item", "org:before-title", "org:stock-code"
LIST_HEAD = "org:list-head"     # the first item, which may carry the words before the list
LIST_ONE = "org:list-one"       # the one item before "等…企业", with the words before it
#: candidates delimited on both sides: their start is not moved (fewer alternatives to score)
_FIXED_START = {LIST_RULE, STOCK_RULE}
#: the chooser's own organisation candidates
_OWN_ORG = frozenset({LIST_RULE, LIST_HEAD, LIST_ONE, TITLE_RULE, STOCK_RULE, "org:company-word"})
_DELIM = "，。、；：！？“”《》（）()「」\n ,;:!?"
#: enumerations "A、B、C等…": items of 2-14 characters (no delimiter inside, so no backtracking)
_LIST = re.compile(f"(?:[^{_DELIM}]{{2,14}}、)+[^{_DELIM}]{{2,14}}")
_HAN = re.compile("[\u4e00-\u9fff]")
_STOCK_CODE = re.compile(r"[（(]\d{5}")      # what every match of _STOCK holds
_STOCK = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12})[（(](?:\d{6}|\d{5}\.?H|\d{6}\.S[HZ])")


#: where an enumeration's last item ends: "等", "为代表", "3家", "两家"
_LIST_ANCHOR = re.compile("等|为代表|为龙头|[两三四五六七八九十百千多余\\d]+家")
_CLAUSE_END = re.compile(f"[{_DELIM}]")
#: a list's closing words may quote a kind ("等“智改数转”项目")
_TAIL_END = re.compile("[，。、；：！？（）()《》\n ,;:!?]")
MAX_ITEM = 14
MAX_TAIL = 20


def enumerations(text: str):
    """The enumerations of ``text`` as (item spans, where the words closing the list start, or
    None): "A、B、C等…" and a single item before 等 ("推进X等“智改数转”项目"). The last item ends at
    the list's anchor (等, 为代表, "3家"); the first one may carry the words heading the list."""
    spans = []
    for m in _LIST.finditer(text):
        pos, items = m.start(), []
        for item in m.group(0).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        s, e = items[-1]
        a = _LIST_ANCHOR.search(text, s + 2, e)
        if a is not None:
            items[-1] = (s, a.start())
        spans.append((m.start(), m.end()))
        yield items, a.start() if a is not None else None
    if "等" not in text:
        return
    for a in re.finditer("等", text):
        d = None
        for d in _CLAUSE_END.finditer(text, max(0, a.start() - MAX_ITEM), a.start()):
            pass
        s = d.end() if d is not None else max(0, a.start() - MAX_ITEM)
        i = bisect.bisect_right(spans, (a.start(), len(text))) - 1
        if a.start() - s < 2 or (d is not None and d.group(0) == "、") or (i >= 0 and spans[i][1] >= a.start()):
            continue                    # an item of a list found above, or no item at all
        yield [(s, a.start())], a.start()


@functools.lru_cache(maxsize=2)
def _enumerations(text: str) -> tuple:
    """:func:`enumerations` of the document being read, found once: the chooser's list candidates
    and its list features both ask for them (the text is hashed once; a hit compares identity)."""
    return tuple(enumerations(text))


def list_contexts(text: str, toks, lex) -> list[tuple[int, int, tuple[str, ...], frozenset]]:
    """Per enumeration: its span, what its head and its tail say of its items (the word heading
    it, the kind of words closing it, how many items are trade words or places) and its items'
    ends — features of a proposal inside it ("集聚了A、B、C等企业" vs "云服务、数字金融等领域")."""
    if "等" not in text and "、" not in text:
        return []
    heads, firm, field = _list_words(lex)
    plain = _plain_words(lex)
    out = []
    for items, anchor in _enumerations(text):
        s0, e0 = items[0]
        h = None
        lo = max(0, s0 - 6)
        d = _CLAUSE_END.search(text[lo:s0][::-1])
        for x in heads.finditer(text, s0 - d.start() if d is not None else lo, max(s0, e0 - 2)):
            if x.start() < s0 or _whole_words(toks, x.start(), x.end()):
                h = x                   # not "如" of "如年实业"
        feats = ["lh=" + (h.group(0) if h is not None else "-"), "ln=" + str(min(len(items), 4))]
        feats += _tail_features(text, anchor, firm, field)
        n_plain = sum(1 for s, e in items if text[s:e] in plain or text[s + 1:e] in plain or
                      _common_words(toks, s, e))
        feats.append("lplain=" + ("0" if not n_plain else "most" if n_plain * 2 >= len(items) else "some"))
        out.append((s0, items[-1][1], tuple(feats), frozenset(e for _, e in items)))
    out.sort(key=lambda x: x[0])
    return out


def _tail(text: str, anchor: int) -> str:
    """The words that close a list, from its anchor to the end of the clause."""
    stop = _TAIL_END.search(text, anchor, anchor + MAX_TAIL)
    return text[anchor:stop.start() if stop is not None else anchor + MAX_TAIL]


def _tail_features(text: str, anchor: int | None, firm: re.Pattern, field: re.Pattern) -> list[str]:
    """What closes a list: its anchor, the first firm word and field word after it, in order."""
    if anchor is None:
        return ["lt=none"]
    tail = _tail(text, anchor)
    f, d = firm.search(tail), field.search(tail)
    order = "".join(k for _, k in sorted((x.start(), k) for x, k in ((f, "F"), (d, "D")) if x is not None))
    a = _LIST_ANCHOR.match(text, anchor).group(0)
    out = ["lt=" + (order or "-"), "la=" + ("家" if a.endswith("家") else a)]
    if f is not None:
        out.append("ltw=" + f.group(0))
    return out


@functools.lru_cache(maxsize=8)     # per lexicon, not per document
def _list_words(lex) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    from kg.extract.names import alternation
    return tuple(re.compile(alternation(lex[name]) or "(?!)")
                 for name in ("list_heads", "list_firm_words", "list_field_words"))


#: parts of speech of the dictionary's common words ("数字|金融", "云|服务", "新能源|汽车")
_COMMON_POS = frozenset(("n", "vn", "v", "a", "an", "b", "d", "l", "i", "ng"))


def _common_words(toks, s: int, e: int) -> bool:
    """[s, e) is made of common words of two characters or more: a trade, not a brand (a lone
    word of two characters is as often a brand the tagger does not know: "鼎材", "芯科")."""
    k, kl = toks.index_at(s), toks.index_at(e - 1)
    return toks.starts[k] == s and toks.ends[kl] == e and (kl > k or e - s > 2) and all(
        toks.pos[i] in _COMMON_POS and len(toks.words[i]) >= 2 for i in range(k, kl + 1))


def _whole_words(toks, s: int, e: int) -> bool:
    """[s, e) starts and ends where the tagger's words do."""
    k = toks.index_at(s)
    return toks.starts[k] == s and toks.ends[toks.index_at(e - 1)] == e


def _list_features(ctx: Context, start: int, e: int) -> list[str]:
    """The features of the enumeration a proposal starting at ``start`` belongs to, and whether
    the span ends where one of its items ends."""
    i = bisect.bisect_right(ctx.list_starts, start) - 1
    if i < 0 or ctx.lists[i][1] <= start:
        return []
    _, _, feats, ends = ctx.lists[i]
    return [*feats, "lend=" + str(e in ends)]


def proposals(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """The rules' names plus the learned chooser's own candidates (persons, then organisations).
    An organisation may overlap a tagged person ("蓝鹊|生物", "盛虹|石化": the tagger reads a
    brand as a name): both are scored, :func:`_drop_nested` keeps one."""
    persons = person_candidates(text, toks, mentions, lex, sentences)
    orgs = org_candidates(text, mentions, sentences, lex)
    orgs += company_candidates(text, toks, mentions + orgs, lex, sentences)
    orgs += predicate_candidates(text, toks, mentions + orgs, lex, sentences)
    return mentions + persons + orgs + park_candidates(text, toks, mentions + orgs, lex, sentences)


class _Taken:
    """Spans already proposed: a new candidate must not overlap one (bisect over starts)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [a for a, _ in self.spans]
        self.max_len = max((b - a for a, b in self.spans), default=0)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        j = bisect.bisect_left(self.starts, s - self.max_len)
        return any(self.spans[k][1] > s for k in range(j, i))


def org_candidates(text: str, mentions: list[Mention], sentences, lex=None) -> list[Mention]:
    """Organisation names the rules' anchors cannot see: the items of an enumeration
    ("优卡迪、蓝鹊生物、上氟医药等企业"), the words before a person's title ("跃迁引擎联合创始人
    王盛") and a name before a stock code ("当升科技(300073"). Proposed as Company; the chooser
    may re-type them (Institution, Agency) or, most often, drop them."""
    taken = _Taken(mentions)
    sent_starts = [x.start for x in sentences]
    out: list[Mention] = []

    def add(s: int, e: int, rule: str, **attrs) -> None:
        while s < e and text[s] in _DELIM:
            s += 1
        if e - s < 2 or taken.overlaps(s, e) or not _HAN.search(text, s, e):
            return
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        out.append(Mention(s, e, text[s:e], "Company", si, rule, 0.4, attrs))

    firm = _list_words(lex)[1] if lex is not None else None
    for items, anchor in _enumerations(text):
        if len(items) == 1:
            # "推进X等“智改数转”项目", "X等产业链配套企业": one item, when firms close it
            if firm is not None and firm.search(_tail(text, anchor)):
                add(*items[0], LIST_ONE, n="1")
            continue
        n = str(min(len(items), 6))
        for k, (s, e) in enumerate(items):
            add(s, e, LIST_HEAD if k == 0 else LIST_RULE, n=n)
    for m in mentions:
        title = m.attrs.get("title") if m.cls in PERSON else None
        if not title:
            continue
        ts = m.start - len(title)
        if text[ts:m.start] != title:
            continue
        s = ts
        while s > 0 and ts - s < 20 and text[s - 1] not in _DELIM:
            s -= 1
        if s < ts:
            add(s, ts, TITLE_RULE)
    # few pages quote a stock code: a scan for one is much cheaper than _STOCK tried everywhere
    for m in _STOCK.finditer(text) if _STOCK_CODE.search(text) else ():
        add(m.start(1), m.end(1), STOCK_RULE)
    return out

COMPANY_RULE = "org:company-word"
#: "X公司" not after a legal form's own words, nor a company's kind ("子公司", "该公司", "上市公司")
_COMPANY_WORD = re.compile("(?<![有限份团子分该本其此家各际市资营贸外])公司")


def company_candidates(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """Names that end in 公司 without a legal form ("捷翼汽车公司", "中国铝业公司", "国网重庆合川供电
    公司"): the name runs left from 公司 as a legal name does; proposed as Company for the
    chooser, which drops the kinds of company ("科技公司", "这家汽车公司")."""
    return _names_before(text, toks, mentions, lex, sentences, _COMPANY_WORD.finditer(text), COMPANY_RULE)


PREDICATE_RULE = "org:predicate"
MAX_PREDICATE_SUBJECT = 10


def predicate_candidates(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """Short names before a company's own predicate ("亦庄国投|凭借", "由清科创业|主办", "郑州富士康|
    捐赠", kg/lexicon/company_predicates.txt): the name runs left from the predicate as a legal
    name does; proposed as Company with the predicate as a feature, for the chooser to keep."""
    rx = _predicates(lex)
    if rx is None:
        return []
    return _names_before(text, toks, mentions, lex, sentences, rx.finditer(text), PREDICATE_RULE,
                         predicate=True)


def _names_before(text: str, toks, mentions: list[Mention], lex, sentences, anchors, rule: str,
                  predicate: bool = False) -> list[Mention]:
    """Company candidates named before each anchor match, walking left as a legal name does: the
    anchor ends the name (公司) or, a ``predicate``, follows it and becomes a feature (``cue``);
    a predicate's subject may also run back to the clause's function word ("东久|新宜")."""
    from kg.extract.candidates.edges import left_edge
    from kg.extract.candidates.patterns import _generic, patterns
    pat = patterns(lex)
    taken = _Taken(mentions)
    sent_starts = [x.start for x in sentences]
    out: list[Mention] = []
    for m in anchors:
        p = m.start()
        e = p if predicate else m.end()
        if taken.overlaps(p - 1 if predicate else p, max(e, p)) or \
                (predicate and (p < 2 or toks.ends[toks.index_at(p - 1)] != p)):
            continue                # inside a name or right after one, or the cue inside a word
        limit = MAX_PREDICATE_SUBJECT if predicate else 16
        start, _ = left_edge(text, toks, pat, p, limit, lead_word=True)
        if predicate:
            start = min(start, _clause_words_start(text, toks, p, limit))
        if p - start < 2 or _generic(text[start:p], pat) or taken.overlaps(start, e) or \
                _one_plain_word(toks, start, p) or not _HAN.search(text, start, p) or \
                (not predicate and _verb_before_company(toks, pat, start, p)):
            continue                # "深化|公司", "来到|公司", "地产|公司", "所在|公司": no name
        if predicate and (text[start:p] in pat.places or text.endswith(_WORK_ENDS, start, p)):
            continue                # "拟在|常州|投资": a place, no company; "X项目|开发建设": a work
        si = max(0, bisect.bisect_right(sent_starts, start) - 1)
        attrs = {"cue": m.group(0)} if predicate else {}
        out.append(Mention(start, e, text[start:e], "Company", si, rule, 0.4, attrs))
    return out


def _verb_before_company(toks, pat, s: int, p: int) -> bool:
    """A verb right before 公司 at ``p``, or before the kind of company it names ("开发厅|批准|
    公司在韩建设", "住建局|要求|物业公司协助", "申请追加|保险公司"): a clause, not a name — unless
    the verb is a trade a name ends with ("X开发|公司")."""
    kinds = pat.lex.set("company_kinds")
    k = toks.index_at(p - 1)
    head = toks.words[k][:p - toks.starts[k]]
    kind = head in kinds
    if kind or toks.starts[k] < p and toks.ends[k] > p and len(head) < len(toks.words[k]):
        k -= 1                      # the kind, or the word that holds 公司 ("物业公司")
    if k < 1 or toks.starts[k] < s:
        return False
    w = toks.words[k]
    if toks.pos[k] != "v" or len(w) < 2 or w in pat.industry:
        return False
    # before a bare 公司 the tagger reads a trade as a verb too ("渤海湾港|轮驳(v)|公司"): a clause
    # only when a body or a person does the verb ("开发厅|批准|公司")
    return kind or toks.words[k - 1][-1] in _BODY_ENDS or toks.pos[k - 1] in ("nr", "nrfg")


#: what the name of a public body ends with ("…厅", "…局", "…委"): the subject of a clause
_BODY_ENDS = frozenset("厅局委部府")


#: what a project or a work ends with: the subject of a builder's predicate, never a firm
_WORK_ENDS = ("项目", "工程", "基地", "园区")


#: parts of speech that end a subject read leftwards from its predicate ("由|X主办", "与|X签订")
_SUBJECT_STOP_POS = frozenset(("p", "c", "u", "uj", "ul", "ud", "uz", "r", "d", "x", "m"))


def _clause_words_start(text: str, toks, p: int, limit: int) -> int:
    """The start of the words before ``p`` back to a function word or punctuation (the tagger
    splits unknown names oddly, "东久|新宜": the chooser trims from here rather than the walk
    stopping inside the name)."""
    k = toks.index_at(p - 1)
    start = p
    while k >= 0 and p - toks.starts[k] <= limit and toks.pos[k] not in _SUBJECT_STOP_POS and \
            not any(ch in _DELIM for ch in toks.words[k]):
        start = toks.starts[k]
        k -= 1
    return start


@functools.lru_cache(maxsize=8)     # per lexicon, not per document
def _predicates(lex) -> re.Pattern | None:
    from kg.extract.names import alternation
    words = lex["company_predicates"]
    return re.compile(alternation(words)) if words else None


#: parts of speech of a word that alone before 公司 is no company's name
_PLAIN_POS = frozenset(("n", "vn", "v", "a", "b", "d", "r", "p", "c", "j"))
_VERB_POS = frozenset(("v", "d", "r", "p", "c", "a", "b"))


def _one_plain_word(toks, s: int, e: int) -> bool:
    """[s, e) is one ordinary word (a verb, adverb, common noun …), verbs and adverbs only
    ("要|夯实|公司"), or ends in an adjective ("杭州|新|公司")."""
    k, kl = toks.index_at(s), toks.index_at(e - 1)
    if toks.ends[kl] != e:
        # "物业公司": one dictionary word with 公司 in it
        return k == kl and toks.starts[k] == s and toks.pos[k] == "n"
    pos = toks.pos[k:kl + 1]
    return (k == kl and toks.starts[k] == s and pos[0] in _PLAIN_POS) or \
        all(p in _VERB_POS for p in pos) or (kl > k and pos[-1] == "a" and len(toks.words[kl]) == 1)


PARK_RULE = "park:weak"
_NEW_ZONE = re.compile("新区|新城")


def park_candidates(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """Park names the rules leave out for want of a proper name before the suffix ("光明|科学城",
    "西部|科学城", "硅砂|产业园") and zones named "X新区", "X新城" without a park committee
    ("西咸新区", "临平新城"): proposed as Park for the chooser."""
    import bisect
    from kg.extract.candidates.edges import left_edge
    from kg.extract.candidates.patterns import _generic, patterns
    pat = patterns(lex)
    taken = _Taken(mentions)
    sent_starts = [x.start for x in sentences]
    # the tails of the parks found ("智能传感器产业基地" of "郑州高新智能传感器产业基地"): a short
    # form of a name the text gives in full, not a park of its own
    tails = {m.text[i:] for m in mentions if m.cls == "Park" for i in range(1, len(m.text) - 3)}
    out: list[Mention] = []
    last = 0
    for m in _chain_sorted(pat.park.finditer(text), _NEW_ZONE.finditer(text)):
        e = m.end()
        if m.start() < last or taken.overlaps(m.start(), e):
            continue                # (the suffix inside a name: so is any start left of it)
        start, _ = left_edge(text, toks, pat, m.start(), 10, barrier=last, lead_word=True)
        prefix = text[start:m.start()]
        if len(prefix) < 2 or _generic(prefix, pat) or taken.overlaps(start, e):
            continue
        if not all("\u4e00" <= ch <= "\u9fff" for ch in prefix) or text[start:e] in tails:
            continue
        if pat.park_generic.search(prefix) or prefix.endswith("省"):
            continue                    # as the rules: "江西省十大…工业园区", "江苏省|开发区"
        if _clause_word_in(toks, start, m.start()):
            continue
        last = e
        si = max(0, bisect.bisect_right(sent_starts, start) - 1)
        out.append(Mention(start, e, text[start:e], "Park", si, PARK_RULE, 0.4, {}))
    return out


#: parts of speech no park's proper part holds: a verb, idiom, adverb, preposition or
#: conjunction before the suffix is the clause's ("接下来|高新区", "…图书馆举办|高新区")
_CLAUSE_POS = frozenset(("v", "l", "d", "p", "c", "u"))


def _clause_word_in(toks, s: int, e: int) -> bool:
    k, kl = toks.index_at(s), toks.index_at(e - 1)
    return any(toks.pos[i] in _CLAUSE_POS for i in range(k, kl + 1) if toks.ends[i] <= e)


def _chain_sorted(a, b):
    import heapq
    return heapq.merge(a, b, key=lambda m: m.start())


_PERSON_POS = {"nr", "nrfg", "nrt"}


def person_candidates(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """Words the tagger reads as a person's name that no rule took: proposals for the chooser.

    Real news names officials in lists ("区领导陈钢、张德才"), after titles the rules do not
    know ("审委会专委", "行政总裁") and before speech verbs; the model decides from the
    context whether one is an Official, an Executive or no entity (a resident, a reporter).
    """
    surnames = lex.set("surnames")
    titles = lex.set("official_titles") | lex.set("executive_titles")
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    sent_starts = [x.start for x in sentences]
    out = []
    n = len(toks.words)
    for k in itertools.compress(range(n), map(_PERSON_POS.__contains__, toks.pos)):
        s, w = toks.starts[k], toks.words[k]
        if w[:1] not in surnames and w[:2] not in surnames:
            continue
        e = toks.ends[k]
        if len(w) == 1 and k + 1 < n and len(toks.words[k + 1]) <= 2 and toks.pos[k + 1] in ("nr", "nz", "n", "ng"):
            e = toks.ends[k + 1]            # "周|海鹰": a surname the tagger split off its name
        if not 2 <= e - s <= 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in text[s:e]):
            continue
        i = bisect.bisect_right(starts, e) - 1
        if i >= 0 and taken[i][1] > s:
            continue                        # inside (or over) a name the rules found
        title = next((text[s - L:s] for L in range(7, 1, -1) if s >= L and text[s - L:s] in titles), "")
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        attrs = {"title": title} if title else {}
        after = "" if title else _title_after(text, e, titles)
        if after:
            attrs["title_after"] = after
        official = title in lex.set("official_titles") or not (title or after) or after in lex.set("official_titles")
        out.append(Mention(s, e, text[s:e], "Official" if official else "Executive", si, PERSON_RULE, 0.5, attrs))
    return out


#: "X同志任A书记", "X同志担任…": an appointment names the post after the person
_APPOINTED = ("同志任", "同志担任", "同志为")


def _title_after(text: str, e: int, titles) -> str:
    """A post named right after a person's name ("陆磊法官", "卢卡申科总统"), or an appointment."""
    if text.startswith(_APPOINTED, e):
        return "同志任"
    return next((text[e:e + L] for L in (4, 3, 2) if text[e:e + L] in titles), "")


_ZEROS = repeat(0.0)     # the weight of a feature the model has not seen


class Scorer:
    """``model.prob(features(ctx, m, s, e, cls))`` for all alternatives of a mention, without
    building ``features()``.

    Most of a build's time went into making a "cls|feature" string per class for each of the
    span's features and finding it among all classes' weights. Here the weights are arranged
    once, at load, per group of classes an alternative may take (``classes_for``): a feature
    maps to its weight for each class of the group, so one look-up of a span's unqualified
    feature (``span_features``, built once per span) serves all of the span's classes. The
    weights are summed in the order ``features()`` lists them, so the probability is the same
    float and no decision can flip; a feature added to ``span_features`` needs no change here.
    """

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.tables = _group_tables(model.weights)
        #: (proposal's class, its mention features per class) -> per class: (class, the sum of
        #: the head's weights, the class's column of a row, the tail's weights)
        self._ends: dict[tuple, list[tuple]] = {}

    def probs(self, ctx: Context, m: Mention) -> list[tuple[tuple[int, int, str], float]]:
        """Each of ``alternatives(ctx, m)`` the chooser may pick (:func:`chosen_spans`), in order,
        with its probability."""
        group = classes_for(m.cls)
        table = self.tables.get(group, {})
        columns = self._class_ends(ctx, m, group, table)
        bias, squash = self.model.bias, self.model.squash
        out = []
        for s, e in chosen_spans(ctx, m):
            rows = _weighted(table, span_features(ctx, m, s, e))
            for cls, head, column, tail in columns:
                # sum(head + col + tail) in the same order, so the same float: sum() adds left
                # to right from its start, here the head's sum (no per-class tuples are built)
                out.append(((s, e, cls), squash(bias + sum(tail, sum(map(column, rows), head)))))
        park = m.attrs.get("park")
        if park is not None:            # a brand's park: scored plainly (Park is not in the group)
            s, e = park
            out.append(((s, e, "Park"), self.model.prob(features(ctx, m, s, e, "Park"))))
        return out

    def _class_ends(self, ctx: Context, m: Mention, group: tuple[str, ...], table: dict) -> list:
        """Per class of ``group``, in order: the class, the sum of the weights of the features
        before the span's, the getter of the class's weight in a row, the weights of the features
        after the span's. They depend only on the proposal's class and its mention features (none but a
        person's, from a few values), so they are looked up once per such pair, not per proposal."""
        mf = tuple(tuple(mention_features(ctx, m, c)) for c in group)
        key = (m.cls, mf)
        ends = self._ends.get(key)
        if ends is None:
            weights, n = self.model.weights, len(group)
            ends = self._ends[key] = [
                (c, sum(map(weights.get, class_free_features(m, c), _ZEROS)), operator.itemgetter(i),
                 tuple(map(operator.itemgetter(i), _rows(table, list(mf[i]), n))))
                for i, c in enumerate(group)]
        return ends


def _group_tables(weights: dict[str, float]) -> dict[tuple[str, ...], dict[str, list[float]]]:
    """Per group of classes: feature -> its weight for each class of the group (0.0: none).

    Built at load (about 0.07 s for the shipped model's 116,000 weights) rather than as
    features are met: most features a corpus meets have no weight, and remembering them too
    made the look-ups of a whole build slower than this."""
    tables: dict[tuple[str, ...], dict[str, list[float]]] = {}
    where: dict[str, tuple] = {}        # class -> (its group's table, its column, group size)
    for key, w in weights.items():
        cls, bar, feature = key.partition("|")
        if not bar:
            continue
        place = where.get(cls)
        if place is None:
            group = classes_for(cls)
            place = where[cls] = (tables.setdefault(group, {}), group.index(cls), len(group))
        table, i, n = place
        row = table.get(feature)
        if row is None:
            row = table[feature] = [0.0] * n
        row[i] = w
    return tables


def _rows(table: dict[str, list[float]], feats: list[str], n: int) -> list:
    """The weights of each of ``feats``, a row per feature (zeros for one the model lacks)."""
    return list(map(table.get, feats, repeat((0.0,) * n)))


def _weighted(table: dict[str, list[float]], feats: list[str]) -> list[list[float]]:
    """The rows (a weight per class of the table's group) of ``feats`` in their order."""
    # a feature without a weight adds 0.0, which leaves any float sum as it is: it is left out
    return list(filter(None, map(table.get, feats)))


class NameChooser:
    """Pipeline component: recognised mentions in, chosen (trimmed, re-typed or dropped) out."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.scorer = Scorer(model)

    def __call__(self, text: str, toks, mentions: list[Mention], lex, sentences=()) -> list[Mention]:
        if sentences:
            mentions = proposals(text, toks, mentions, lex, sentences)
        ctx = Context(text, toks, mentions, lex)
        # an official's employer as the rules read it off the title ("X高新区行政审批服务部副部长Y")
        # stays: resolution maps it (often to the park) and holdsPost follows it
        employers = {tuple(m.attrs["org_span"]) for m in mentions if m.attrs.get("org_span")}
        out = []
        moved: dict[tuple[int, int], tuple[int, int, str]] = {}   # employer's span -> new span, name
        for m in mentions:
            if (m.start, m.end) in employers and not m.anaphor:
                m = self._employer(ctx, m, moved)
            if m.anaphor or (m.start, m.end) in employers or m.rule.endswith("+employer"):
                out.append(m)
                continue
            if m.rule == PERSON_RULE and _addressed(m.text, lex):
                continue                    # "杨先生", "周女士": a surname and a form of address
            best, best_p = None, -1.0
            for alt, p in self.scorer.probs(ctx, m):
                if p > best_p:
                    best, best_p = alt, p
            if best_p < self.model.threshold:
                continue
            s, e, cls = best
            if (s, e, cls) == (m.start, m.end, m.cls) and "n" not in m.attrs:
                out.append(m)
            else:
                out.append(replace(m, start=s, end=e, text=text[s:e], cls=cls,
                                   rule=m.rule + "+model", attrs=_attrs_for(m, cls)))
        if moved:
            out = [_moved_org(m, moved) for m in out]
        return _drop_nested(_drop_in_units(out))

    def _employer(self, ctx: Context, m: Mention, moved: dict) -> Mention:
        """An employer the rules read off a title stays (holdsPost follows it), but where its
        left edge is glued ("企业|海南澳斯卡…有限公司关务经理", "省|商务厅厅长" the other way)
        the chooser's best span of the same class names it."""
        best, best_p = None, -1.0
        for alt, p in self.scorer.probs(ctx, m):
            if alt[2] == m.cls and p > best_p:
                best, best_p = alt, p
        if best is None or best[:2] == (m.start, m.end):
            return m
        s, e = best[0], best[1]
        moved[(m.start, m.end)] = (s, e, ctx.text[s:e])
        return replace(m, start=s, end=e, text=ctx.text[s:e], rule=m.rule + "+employer")


#: rule families of names the rules propose as another class than Park
_NOT_PARK_RULES = ("company:", "org:", "institution:", "agency:")
#: mentions derived from another mention's name (an alias, a repeat): no evidence of their own
_DERIVED_RULES = ("alias:", "repeat")


def chooser_park(m: Mention) -> bool:
    """A park the chooser named where the rules did not: its own park candidate ("光明|科学城",
    "X新区") or a name the rules proposed as another class ("周浦|时尚产业园" of a brand)."""
    if m.cls != "Park":
        return False
    base = m.rule.split("+")[0]
    return base == PARK_RULE or (m.rule.endswith("+model") and base.startswith(_NOT_PARK_RULES))


def weak_parks(mentions: list[Mention], entities) -> set[int]:
    """The park entities (local ids) that no rules' own park name of the document names: every
    named mention is the chooser's park (:func:`chooser_park`), an alias or a repeat of one."""
    strong = {m.entity for m in mentions if m.cls == "Park" and not m.anaphor and m.entity >= 0 and
              not chooser_park(m) and not m.rule.startswith(_DERIVED_RULES)}
    return {e.local_id for e in entities if e.cls == "Park" and e.local_id not in strong}


def _addressed(name: str, lex) -> bool:
    """A bare surname with a form of address (kg/lexicon/address_forms.txt): the report withholds
    the name (a resident, a customer), so no entity."""
    address = lex.set("address_forms")
    return name[1:] in address or name[2:] in address


def _moved_org(m: Mention, moved: dict) -> Mention:
    """A person whose employer the chooser moved points at the employer's new span."""
    span = m.attrs.get("org_span")
    if not span or tuple(span) not in moved:
        return m
    s, e, name = moved[tuple(span)]
    return replace(m, attrs={**m.attrs, "org_span": [s, e], "org": name})


def _drop_in_units(chosen: list[Mention]) -> list[Mention]:
    """A kept body inside a kept body's unit the chooser extended it to ("新洲区分局" of "武汉市
    公安局新洲区分局") is that unit's part, not a name of its own."""
    units = [(m.start, m.end) for m in chosen if m.cls == "Agency" and m.rule.endswith("+model")]
    if not units:
        return chosen
    import bisect
    units.sort()
    starts = [a for a, _ in units]
    longest = max(b - a for a, b in units)
    out = []
    for m in chosen:
        i = bisect.bisect_right(starts, m.start)
        j = bisect.bisect_left(starts, m.start - longest)
        if m.cls == "Agency" and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end)
                                     for a, b in units[j:i]):
            continue
        out.append(m)
    return out


def _drop_nested(chosen: list[Mention]) -> list[Mention]:
    """A tagged person kept inside a kept organisation candidate ("蓝鹊" of "蓝鹊生物") is
    dropped, and an organisation candidate kept on the very span of a kept person."""
    persons = [m for m in chosen if m.rule.startswith(PERSON_RULE)]
    orgs = [m for m in chosen if m.rule.split("+")[0] in _OWN_ORG]
    if not persons or not orgs:
        return chosen
    import bisect
    spans = sorted((m.start, m.end) for m in orgs)
    starts = [a for a, _ in spans]
    longest = max(b - a for a, b in spans)
    person_spans = {(m.start, m.end) for m in persons}
    drop = set()
    for m in persons:
        i = bisect.bisect_right(starts, m.start)
        j = bisect.bisect_left(starts, m.start - longest)
        if any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans[j:i]):
            drop.add(id(m))
    for m in orgs:
        if (m.start, m.end) in person_spans:
            drop.add(id(m))
    return [m for m in chosen if id(m) not in drop] if drop else chosen


def _attrs_for(m: Mention, cls: str) -> dict:
    attrs = dict(m.attrs)
    attrs.pop("n", None)            # features of the candidate, not of the entity
    attrs.pop("park", None)
    attrs.pop("cue", None)
    if cls != m.cls:
        attrs.pop("kind", None)
    if cls == "Park":
        attrs["kind"] = "subpark"   # a project brand's park
    return attrs


def training_examples(docs, config, ex) -> None:
    """Add the name chooser's examples of ``docs`` (kg.learn.golddata.GoldDoc) to ``ex``."""
    from kg.evaluate import normalize
    from kg.extract import recognised
    for di, doc in enumerate(docs):
        rec = recognised(doc.source, config)
        forms, optional = doc.forms(), doc.optional()
        props = proposals(rec.text, rec.toks, rec.mentions, rec.lex, rec.sentences)
        ctx = Context(rec.text, rec.toks, props, rec.lex)
        employers = {tuple(m.attrs["org_span"]) for m in props if m.attrs.get("org_span")}
        for m in props:
            if m.anaphor or (m.start, m.end) in employers:
                continue
            decision = len(ex.doc)
            rows = 0
            for s, e, cls in alternatives(ctx, m):
                key = normalize(rec.text[s:e])
                if key in optional:
                    continue
                ex.add(features(ctx, m, s, e, cls), int(key in forms[cls]), decision, cls)
                rows += 1
            if rows:
                ex.doc.append(di)
