"""Where a name starts (and where a brand ends): the boundary of a name on the token level.

Every anchor (a suffix, a legal form, a title) is found by a regex; :func:`left_edge` then
walks the rjieba tokens to the left of it while they can belong to a name — places and proper
names, bracketed and quoted groups, linking words — and stops at a stop word, a function word
or punctuation. The other helpers judge a span's tokens: a clear boundary before it, a function
word inside it, one or two ordinary words, the end of a brand.
"""
from __future__ import annotations

import bisect
import re

from kg.extract.candidates.patterns import (_GEO, _PROPER_POS, _RE_CJK1, _RE_CJKS, CJK,
                                            Patterns)
from kg.extract.tokens import Tokens

# Token tags that end a name when walking left (function words, pronouns, adverbs, numbers…).


_STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "d", "x", "y", "e", "o",
             "t", "m", "q", "zg", "ad", "rr", "rz", "k", "h"}


_RE_CJK14 = re.compile(f"[{CJK}]{{1,4}}")
_RE_NAMECH = re.compile(f"[{CJK}A-Za-z0-9·]+")
_RE_BRANDCH = re.compile(f"[{CJK}A-Za-z]{{2,}}")
_CLOSE = "）)”"


def left_edge(text: str, toks: Tokens, pat: Patterns, pos: int, limit: int,
              barrier: int = 0, through_parks: bool = False,
              lead_word: bool = False, through_forms: bool = False) -> tuple[int, bool]:
    """Start of the name whose anchor starts at ``pos``; also whether it has a proper-name part.

    Walks tokens leftwards while they can belong to a name. Once a place or proper name has been
    taken, only further places / proper names (and linking words such as 国际, 国家) may precede
    it ("助力|青岛高新区", "湖北|黄石|…"). Bracketed groups "（郑州）" and quoted groups "“数控一代”"
    are taken whole; a place name the tokenizer split ("长株|潭") is taken whole too.
    ``lead_word``: a two-character word that opens the clause may still precede the proper part
    ("、|西交|利物浦|大学": a university or company named with a word the tokenizer does not know).
    """
    return _LeftWalk(text, toks, pat, pos, limit, barrier, through_parks, lead_word,
                     through_forms).run()


class _LeftWalk:
    """One walk of :func:`left_edge`: the token to judge next (``k``, leftwards), where the name
    starts so far (``start``), whether a place or proper name was taken (``proper``: only more of
    them may precede) and whether any proper part was (``seen``: a bracketed place counts)."""

    __slots__ = ("text", "toks", "pat", "pos", "limit", "barrier", "through_parks", "lead_word",
                 "through_forms", "words", "tpos", "starts", "ends", "places", "start", "proper",
                 "seen", "k", "piece")

    def __init__(self, text: str, toks: Tokens, pat: Patterns, pos: int, limit: int, barrier: int,
                 through_parks: bool, lead_word: bool, through_forms: bool) -> None:
        self.text, self.toks, self.pat, self.pos, self.limit = text, toks, pat, pos, limit
        self.barrier, self.through_parks = barrier, through_parks
        self.lead_word, self.through_forms = lead_word, through_forms
        # the token lists as attributes: this walk runs for every anchor of every class
        self.words, self.tpos, self.starts, self.ends = toks.words, toks.pos, toks.starts, toks.ends
        self.places = pat.places
        self.start = pos
        self.proper = False
        self.seen = False
        self.k = bisect.bisect_right(self.starts, pos - 1) - 1 if pos > 0 else -1
        self.piece = -1     # where a lone character that alone made the name proper starts

    def run(self) -> tuple[int, bool]:
        ends, barrier = self.ends, self.barrier
        while self.k >= 0 and ends[self.k] > barrier and self._token():
            pass
        text, start, pos = self.text, self.start, self.pos
        # a stop word glued to the front of the first token ("在张江") is cut off
        m = self.pat.stop_prefix.match(text, start, pos)
        if m and m.end() < pos and not any(text[start:start + n] in self.places for n in (2, 3, 4)):
            start = m.end()
        return max(start, barrier), self.seen

    def _token(self) -> bool:
        """Take token ``k`` (or a group that ends with it) into the name and move left; False
        when the name starts after it."""
        k, pos, pat = self.k, self.pos, self.pat
        w, t = self.words[k], self.tpos[k]
        ws = self.starts[k]
        if pos - ws > self.limit:
            return False
        if self.ends[k] > pos:
            # the anchor is glued to the token ("苏州工业园区"): judge the part before it
            w = self.text[ws:pos]
            t = "ns" if w in self.places else t
        if w and w[-1] in _CLOSE:
            return self._group(w)
        words, tpos, places = self.words, self.tpos, self.places
        if (w == "·" or len(w) == 1 and w in _GEO) and self._unit(w, k):
            return True
        span = _split_place(self.text, self.toks, places, ws, min(self.ends[k], pos), self.barrier)
        if span:
            # a place the tokenizer cut in two ("长株|潭")
            self.start = span
            self.proper = self.seen = True
            self.k = bisect.bisect_right(self.starts, span - 1) - 1 if span > 0 else -1
            return True
        is_place = t in ("ns", "nr", "nrt", "nz", "j", "nt", "eng") or w in pat.regions2 or (
            w in places and w not in pat.common_places and
            t not in ("v", "vn", "a", "ad", "p", "c", "m"))
        if not is_place and t in ("v", "vn") and w in places and w not in pat.common_places and (
                self.ends[k] == pos or
                k + 1 < len(words) and self.ends[k + 1] == pos and len(words[k + 1]) == 2 and
                (tpos[k + 1] in ("n", "j", "nz") or words[k + 1] in pat.industry)):
            # "X(v)|稀土|高新区", "开封(v)|自贸片区": a place the tagger read as a verb, right before the
            # anchor or one trade noun before it
            is_place = True
        if (self.through_forms or w in pat.links or self.proper and len(w) == 1) and \
                self._runs_on(w, t, k, ws, is_place):
            return True
        if self.proper and not is_place:
            if self._word_of_piece(w, t, k, ws):
                return True
            self._lead_word(w, t, k, ws)
            return False
        if w in ("好", "完", "足") and k > 0 and tpos[k - 1] in ("v", "vn"):
            return False                # "发挥好|高新区", "用足|政策": a verb's complement, never inside a name
        if (w in pat.stops or (len(w) > 1 and not is_place and pat.stop_prefix.fullmatch(w))) and \
                not self._trade_in_name(w, k):
            return False                # "…|是从(v)|研究所": stop words glued into one token are still stop words
        if t == "t" and k > 0 and w not in pat.stops and _RE_CJKS.fullmatch(w) and \
                (tpos[k - 1] in ("ns", "nz", "nt", "j") or words[k - 1] in pat.park_suffix_tuple):
            t = "n"                     # "光谷|未来|科技城": a time word inside a name
        if t == "q" and len(w) == 1 and self.start < pos and k > 0 and tpos[k - 1] != "m" and \
                _RE_CJK1.match(words[k - 1]) and w not in pat.stops:
            t = "nz"                    # "科|大国|盾|量子": a piece of an unknown name, not a measure word
        if self._no_name_part(w, t, k, ws, is_place):
            return False
        if not self.through_parks and w.endswith(pat.park_tails):
            if w in pat.park_suffix_tuple and w.endswith("谷") and not self.proper:
                is_place = True         # "光谷|生物城": a zone's nickname heads the sub-park's name
            elif not (self.through_forms and w.endswith(pat.company_form_tuple)):
                return False
        if (is_place or t in _PROPER_POS) and w not in pat.industry:
            # (a whole token, not the front of one glued to the anchor: "全市|中(小学)")
            self.piece = ws if not self.proper and len(w) == 1 and self.ends[k] <= pos and \
                t in ("ns", "nz", "nr", "nrt") else -1
            self.proper = self.seen = True
        self.start = ws
        self.k = k - 1
        return True

    def _trade_in_name(self, w: str, k: int) -> bool:
        """A stop word that is also a trade ("建设") right after a proper word, before any proper
        part was taken: the trade of a name ("常州新航(j)|建设|发展有限公司"), not a verb
        ("加快|建设|…", "建设|青岛高新区")."""
        return self.lead_word and not self.proper and w in self.pat.industry and k > 0 and \
            self.ends[k - 1] == self.starts[k] and \
            (self.tpos[k - 1] in _PROPER_POS or self.words[k - 1] in self.places)

    def _group(self, w: str) -> bool:
        """A bracketed / quoted group right before: take it whole when short."""
        if self.proper:
            return False
        text, k, ends = self.text, self.k, self.ends
        opener = "（" if w[-1] == "）" else "(" if w[-1] == ")" else "“"
        j = text.rfind(opener, max(0, ends[k] - 12), ends[k] - 1)
        if j < 0 or j < self.barrier or re.search(r"[，。；！？,;：:、]", text[j:ends[k]]):
            return False
        self.start = j
        self.seen = True
        self.k = bisect.bisect_right(self.starts, j - 1) - 1 if j > 0 else -1
        return True

    def _unit(self, w: str, k: int) -> bool:
        """A name the tokenizer cut into pieces, taken whole: a transliterated name, a lake or
        bay it does not know."""
        text, words, starts, ends, places = self.text, self.words, self.starts, self.ends, self.places
        start = self.start
        if w == "·" and start == ends[k] and k > 0 and self.proper and ends[k - 1] > self.barrier and \
                words[k - 1].endswith("区") and words[k - 1].endswith(self.pat.park_suffix_tuple) and \
                any(text[start:start + n] in places for n in (2, 3, 4)):
            self.start = starts[k - 1]  # "开发区·铁山区|消防救援大队": a zone and the district it is run with
            self.k = k - 2
            return True
        if w == "·" and start == ends[k] and k > 0 and _RE_CJK14.fullmatch(words[k - 1]) \
                and not text[start:start + 2] in places and not text[start:start + 3] in places:
            self.start = starts[k - 1]  # "本·古里安大学": a transliterated name
            self.proper = self.seen = True
            self.k = k - 2
            return True
        if len(w) == 1 and w in _GEO and k > 0 and ends[k - 1] > self.barrier and not self.proper:
            w1, t1 = words[k - 1], self.tpos[k - 1]
            if 1 <= len(w1) <= 3 and _RE_CJKS.fullmatch(w1) and w1 not in self.pat.stops and \
                    t1 in ("n", "nr", "nrt", "ns", "nz", "ng", "j") and not _CATEGORY.search(w1):
                # "独墅|湖", "太湖|湾": a lake, bay or hill the tokenizer does not know is a place
                self.start = starts[k - 1]
                self.proper = self.seen = True
                self.k = k - 2
                return True
        return False

    def _runs_on(self, w: str, t: str, k: int, ws: int, is_place: bool) -> bool:
        """Words a name runs on through: a parent's legal name (``through_forms``), linking
        words, an unknown place cut into single characters."""
        pat, words = self.pat, self.words
        if self.through_forms and w.endswith(pat.company_form_tuple) and self.ends[k] <= self.pos:
            # "广汽丰田汽车有限公司|长沙|分公司": the parent's name runs on; walk it afresh
            self.start, self.proper, self.seen = ws, False, True
            self.k = k - 1
            return True
        if w in pat.links and not is_place:
            self.start = ws             # "郑州|高新|智能传感器…", "青岛|国际|…"
            self.k = k - 1
            return True
        if self.proper and not is_place and len(w) == 1 and k > 0 and len(words[k - 1]) == 1 and \
                self.ends[k - 1] > self.barrier and _RE_CJK1.match(w) and _RE_CJK1.match(words[k - 1]) and \
                w not in pat.stops and words[k - 1] not in pat.stops and \
                t not in _STOP_POS and self.tpos[k - 1] not in _STOP_POS:
            # "前|海|深港…": an unknown two-character place cut into single characters
            self.start = self.starts[k - 1]
            self.k = k - 2
            return True
        return False

    def _word_of_piece(self, w: str, t: str, k: int, ws: int) -> bool:
        """The only proper part so far is one character right after this word: the tagger cut an
        unknown word and named its last character ("石墨|烯(nz)|制造业…", "徐家|浜(nz)|社区…",
        "高|青(ns)|公安…"); the word is taken with it and the walk goes on."""
        pat = self.pat
        if self.piece < 0 or self.ends[k] != self.piece or not 1 <= len(w) <= 2 or \
                not _RE_CJKS.fullmatch(w) or t not in ("n", "nrfg", "a", "ng", "b") or w in pat.stops or \
                pat.stop_prefix.fullmatch(w) or _CATEGORY.search(w) or w in pat.industry:
            return False
        self.start, self.piece = ws, -1
        self.k = k - 1
        return True

    def _lead_word(self, w: str, t: str, k: int, ws: int) -> None:
        """After the proper part, a word that opens the clause may still head the name
        (``lead_word``); the walk ends here either way."""
        if not self.lead_word:
            return
        pat, words, tpos, places = self.pat, self.words, self.tpos, self.places
        if len(w) <= 2 and t in ("n", "nz", "j", "ng", "l", "zg") and _RE_CJKS.fullmatch(w) \
                and (len(w) == 2 or t in ("zg", "ng") or k == 0 or words[k - 1] in _CLAUSE_OPEN) \
                and w not in pat.stops and not pat.stop_prefix.match(w) and not _CATEGORY.search(w) and \
                (k == 0 or words[k - 1] in _CLAUSE_OPEN or words[k - 1] in pat.stops):
            self.start = ws
        elif len(w) == 2 and t in ("n", "nz", "j") and k > 0 and _RE_CJKS.fullmatch(w) and \
                (tpos[k - 1] == "ns" or words[k - 1] in places) and words[k - 1] not in pat.common_places and \
                (k == 1 or words[k - 2] in _CLAUSE_OPEN or words[k - 2].endswith("子公司")) and \
                w not in pat.stops and not pat.stop_prefix.match(w) and not _CATEGORY.search(w) and \
                w not in pat.industry and self.ends[k - 1] > self.barrier:
            # "子公司|宜宾|天宜|锂业科创有限公司": a place, then a word the tokenizer does not
            # know as a name, opening the clause: the place heads the legal name
            self.start = self.starts[k - 1]

    def _no_name_part(self, w: str, t: str, k: int, ws: int, is_place: bool) -> bool:
        """The token ends the name: a function word (whose glued stop word may be cut off an
        unknown name after it), a word of no name characters, a position word, a 的."""
        pos, start, places = self.pos, self.start, self.places
        if t in _STOP_POS and not _is_ordinal(w) and not is_place:
            if t == "d" and start < pos:
                # an adverb modifies a verb: "已|集聚|信达…" — a verb right after it is no part of the name
                j = bisect.bisect_right(self.starts, start) - 1
                if self.tpos[j] == "v" and self.starts[j] == start and len(self.words[j]) >= 2 and \
                        pos - self.ends[j] >= 2:
                    self.start = self.ends[j]
            g = self.pat.stop_prefix.match(w)
            if g and len(w) - g.end() >= 2 and not self.proper and t in ("t", "m", "d", "p"):
                self.start = ws + g.end()   # "以新天|科技…": a stop word glued to an unknown name
                self.seen = True
            return True
        if not _RE_NAMECH.fullmatch(w):
            return True
        if t == "f" and w not in places and not (
                len(w) == 2 and k > 0 and start < pos and (self.tpos[k - 1] == "ns" or self.words[k - 1] in places)):
            return True                 # "黄河|上游|水电…": a position word between a place and a name is part of it
        return w.endswith("的")


def _split_place(text: str, toks: Tokens, places, ws: int, e: int, barrier: int) -> int:
    """Start of a 3-4 character place name ending at ``e`` that spans several tokens, else 0."""
    for n in (4, 3):
        s = e - n
        if s < ws and s >= barrier and text[s:e] in places:
            j = toks.index_at(s)
            if toks.starts[j] == s:
                return s
    return 0


# common nouns that open a clause before a name without belonging to it ("园区|苏州大学")
_CATEGORY = re.compile("企业|高校|院校|园区|公司|单位|机构|学校|科研|高新|知名|重点|一流|国内|国外|海外|全球|"
                       "世界|全国|地方|本地|当地|我国|我省|我市|龙头|平台|项目|基地|集团|产业|行业")
_CLAUSE_OPEN = frozenset("、，。；：！？（“\n")


_NUMERAL_CHARS = frozenset("零〇一二三四五六七八九十百千万亿两几数多半第每")


def _is_ordinal(w: str) -> bool:
    return w.startswith("第") and len(w) <= 3


def _common_word(toks: Tokens, s: int, e: int, most: int = 2) -> bool:
    """[s, e) is one or two (``most``) ordinary dictionary words ("外资", "科技"), not a name."""
    k = toks.index_at(s)
    n = 0
    while 0 <= k < len(toks.words) and toks.starts[k] < e:
        if toks.starts[k] < s or toks.ends[k] > e or len(toks.words[k]) < 2 or \
                toks.pos[k] not in ("n", "vn", "a", "b", "v"):
            return False
        n += 1
        k += 1
    return 0 < n <= most


def _clear_boundary(text: str, toks: Tokens, pat: Patterns, start: int, most: int) -> int | None:
    """Where the name ending after ``start`` can begin: right after the punctuation, 的 or stop
    word at most ``most`` characters to the left of ``start``; None when there is none that close,
    or when a number, time word, pronoun or Latin word lies between. ``start`` inside a token
    (a stop word cut off its front) is left alone."""
    k = toks.index_at(start - 1)
    if toks.ends[k] != start:
        return None
    while k >= 0 and start - toks.starts[k] <= most:
        w = toks.words[k]
        if not _RE_CJK1.match(w) or w.endswith("的") or w in pat.stops or pat.stop_prefix.fullmatch(w):
            return toks.ends[k]
        if not _RE_CJKS.fullmatch(w) or toks.pos[k] in ("q", "t", "r") or \
                (toks.pos[k] == "m" and (len(w) > 1 or w in _NUMERAL_CHARS) and not _name_numeral(toks, pat, k)):
            return None                 # (a lone non-numeral "m" is a piece of a name: "煦|日(m)|氢能")
        k -= 1
    return 0 if k < 0 and start <= most else None


#: what ends a numeral and a measure word ("一家", "三个", "一些"): a count, not a piece of a name
MEASURES = frozenset("家个项批位名座条种类所间只台件年月日号期届些")


def _name_numeral(toks: Tokens, pat: Patterns, k: int) -> bool:
    """Token ``k``, tagged a numeral, is a piece of an unknown name after its place ("河南|万里(m)|
    资源再生有限责任公司", "陕西|三万里(m)|网络科技"): two or three Chinese characters, no count
    of a measure, right after a place name."""
    w = toks.words[k]
    return 2 <= len(w) <= 3 and _RE_CJKS.fullmatch(w) is not None and w[-1] not in MEASURES and \
        k > 0 and toks.ends[k - 1] == toks.starts[k] and toks.words[k - 1] in pat.places


_FUNC_POS = {"p", "d", "r", "v", "u", "uj", "ul"}


def _after_function_word(toks: Tokens, s: int, e: int) -> int:
    """Position after the last function word / verb token inside [s, e) ("同时还与|小米")."""
    cut = s
    k = toks.index_at(s)
    while k < len(toks.words) and toks.starts[k] < e:
        if (toks.pos[k] in _FUNC_POS or toks.pos[k] == "f" and len(toks.words[k]) == 2) and \
                toks.starts[k] >= s and toks.ends[k] < e:   # (a position: "为|周边|黎阳、振华等企业")
            cut = toks.ends[k]
        k += 1
    return cut if e - cut >= 2 else s


def _has_function_token(toks: Tokens, s: int, e: int) -> bool:
    k = toks.index_at(s)
    while 0 <= k < len(toks.words) and toks.starts[k] < e:
        if toks.pos[k] in _FUNC_POS or toks.pos[k] in ("c", "r", "m"):
            return True
        k += 1
    return False


_BRAND_TAGS = {"nr", "nrt", "nz", "nt", "j", "eng", "nrfg"}


def _brand_end(text: str, toks: Tokens, s: int, limit: int, pat: Patterns, weak: bool = False) -> int:
    """End of a brand name starting at ``s`` ("南京江智|先进功率半导体基地", "奇瑞|科技|智能…",
    "火炬电子|持续…"): a proper token (after an optional place), pieces the tokenizer split off an
    unknown word, then an optional trade word. ``weak``: a common noun may start the brand.
    Returns 0 when there is none."""
    k = toks.index_at(s)
    if k < 0 or toks.starts[k] != s:
        return 0
    n = len(toks.words)
    w, t = toks.words[k], toks.pos[k]
    if (w in pat.places or t == "ns") and k + 1 < n and toks.pos[k + 1] in _BRAND_TAGS:
        k += 1
        w, t = toks.words[k], toks.pos[k]
    if not _RE_BRANDCH.fullmatch(w) or w in pat.stops:
        return 0
    if t not in _BRAND_TAGS and not (weak and t in ("n", "nz", "l")):
        return 0
    end = toks.ends[k]
    industry = pat.lex.set("industry_words")
    glued = False
    if k + 1 < n and len(toks.words[k + 1]) == 1 and _RE_CJK1.match(toks.words[k + 1]) and \
            toks.pos[k + 1] not in ("d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f") and \
            toks.words[k + 1] not in "的了在和与及等为是将也都就把被对向从年月日个家项全已":
        k += 1                          # "夜光|达": a piece of an unknown word
        end = toks.ends[k]
        glued = True
    if k + 1 < n and toks.words[k + 1] in industry and w not in industry:
        end = toks.ends[k + 1]
    elif weak and t not in _BRAND_TAGS and not glued:
        return 0                        # a bare common word is no brand
    if end > limit or end - s < 2:
        return 0
    return end
