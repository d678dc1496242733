"""Name helpers shared by recognition and resolution: lexicons, normal forms, short forms.

Lexicons are plain text files in ``kg/lexicon/`` (one entry a line, or several separated by
spaces; ``#`` starts a comment). A user adds entries by putting files of the same names in
extra directories (``ExtractConfig.lexicon_dirs``); they are merged with the shipped ones.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

LEXICON_DIR = Path(__file__).parent.parent / "lexicon"

# Every shipped lexicon is loaded (so a user's same-named file extends any of them), except the
# segmenter's markers, which kg.extract.segment reads itself.
_NOT_LEXICONS = {"segment_markers"}


def _stems() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.txt") if p.stem not in _NOT_LEXICONS))


@dataclass(frozen=True, eq=False)
class Lexicon:
    words: dict  # file stem -> tuple of entries (file order, de-duplicated)

    def __getitem__(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())

    def set(self, name: str) -> frozenset[str]:
        return _as_set(self, name)

    def tagged(self, name: str, tag: str) -> tuple[str, ...]:
        """The entries of a lexicon written "tag:word" for ``tag``, without the tag, in file
        order (``anaphors``: "park:高新区"; ``part_triggers``: "has:下辖")."""
        return _tagged(self, name, tag)


@functools.lru_cache(maxsize=None)
def _as_set(lex: Lexicon, name: str) -> frozenset[str]:
    return frozenset(lex[name])


@functools.lru_cache(maxsize=None)
def _tagged(lex: Lexicon, name: str, tag: str) -> tuple[str, ...]:
    head = tag + ":"
    return tuple(w[len(head):] for w in lex[name] if w.startswith(head))


def _read(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.extend(line.split())
    return out


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """Shipped lexicons merged with same-named files from ``extra_dirs`` (cached per process)."""
    words: dict[str, tuple[str, ...]] = {}
    for stem in _stems():
        entries: list[str] = []
        for d in (LEXICON_DIR, *map(Path, extra_dirs)):
            p = d / f"{stem}.txt"
            if p.is_file():
                entries.extend(_read(p))
        words[stem] = tuple(dict.fromkeys(entries))
    return Lexicon(words)


def alternation(words, escape: bool = True) -> str:
    """A regex alternation that prefers the longest entry."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in ws)


def find_names(names, text: str) -> list[tuple[int, int, str]]:
    """The matches of ``re.finditer(alternation(names), text)`` as (start, end, name).

    Found with ``str.find`` per name, so no pattern is compiled for a document's own names
    (a compile costs more than the scan). Like the regex: the longest name at a position wins,
    and matches do not overlap (the scan resumes after each match).
    """
    if "" in names:             # an empty alternative matches everywhere: leave it to re
        return [(m.start(), m.end(), m.group(0)) for m in re.finditer(alternation(names), text)]
    out = []
    last = 0
    for s, e, w in find_names_overlapping(names, text):
        if s >= last:
            last = e
            out.append((s, e, w))
    return out


def find_names_overlapping(names, text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the longest non-empty name starting at each position where one
    does, by start; the occurrences may overlap."""
    best: dict[int, str] = {}
    for i, w in occurrences(names, text):
        b = best.get(i)
        if b is None or len(w) > len(b):
            best[i] = w
    return [(s, s + len(best[s]), best[s]) for s in sorted(best)]


#: above this many (names x characters), names are looked up at every position of the text
#: (one pass, linear) rather than searched one after the other with str.find (quicker for the
#: few names of a normal article, but names x length on a list of thousands of names)
FIND_EACH_LIMIT = 20_000_000


def occurrences(names, text: str):
    """Every (start, name) where a non-empty name occurs in ``text``, overlapping ones too, in
    no particular order."""
    ws = {w for w in names if w}
    if len(ws) * len(text) <= FIND_EACH_LIMIT:
        find = text.find
        for w in ws:
            i = find(w)
            while i >= 0:
                yield i, w
                i = find(w, i + 1)
        return
    singles = {w for w in ws if len(w) == 1}
    lengths: dict[str, set[int]] = {}
    for w in ws:
        if len(w) >= 2:
            lengths.setdefault(w[:2], set()).add(len(w))
    by_prefix = {k: sorted(v) for k, v in lengths.items()}
    get = by_prefix.get
    for i in range(len(text)):
        if singles and text[i] in singles:
            yield i, text[i]
        ls = get(text[i:i + 2])
        if ls:
            for n in ls:
                w = text[i:i + n]
                if len(w) == n and w in ws:
                    yield i, w


# --- normal forms -------------------------------------------------------------------------

_QUOTES = "\"'“”‘’「」『』《》"
_TRANS = str.maketrans("", "", _QUOTES + " \u3000\t\r\n")


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The comparison form of a name: NFKC, no spaces or quotes, long park forms shortened."""
    s = unicodedata.normalize("NFKC", name).translate(_TRANS)
    s = s.replace("高新技术产业开发区", "高新区").replace("经济技术开发区", "经开区")
    return s


def clean_label(name: str) -> str:
    """A display label: no spaces; half-width brackets next to CJK stay as written."""
    return re.sub(r"\s+", "", name)


def dropped_runs(short: str, long: str) -> int | None:
    """How many runs of ``long`` are left out to read ``short`` — its characters in order, each
    taken as early as it can be ("中原人力产业园" in "中国中原人力资源服务产业园": 2, the Chinese
    way of abbreviating a name); None when ``short`` is not so read."""
    runs, k = 0, 0
    for ch in short:
        p = long.find(ch, k)
        if p < 0:
            return None
        runs += p > k
        k = p + 1
    return runs + (k < len(long))


def standard_expansions(name: str) -> list[str]:
    """X高新区 <-> X高新技术产业开发区, X经开区 <-> X经济技术开发区 (the guideline's expansions)."""
    out = []
    for short, long in (("高新区", "高新技术产业开发区"), ("经开区", "经济技术开发区")):
        if name.endswith(long):
            out.append(name[: -len(long)] + short)
        elif name.endswith(short):
            out.append(name[: -len(short)] + long)
    return out


def strip_place_prefix(name: str, lex: Lexicon, keep: int = 2, suffixes: tuple[str, ...] = ()) -> list[str]:
    """Forms of ``name`` without leading place names (湖北黄石大冶湖高新区 -> 黄石大冶湖高新区 -> …).

    At least ``keep`` characters must remain before the longest of ``suffixes`` the name ends with.
    """
    # the same names are stripped again and again (per mention, per entity, per stage): memoised
    return list(_strip_place_prefix(name, lex, keep, tuple(suffixes)))


EndingIndex = tuple  # ((length, frozenset of endings of that length), ...), longest first


@functools.lru_cache(maxsize=256)
def ending_index(endings: tuple[str, ...]) -> EndingIndex:
    """``endings`` grouped by length for :func:`longest_ending` (build it once per set of endings)."""
    by: dict[int, set[str]] = {}
    for x in endings:
        by.setdefault(len(x), set()).add(x)
    return tuple((size, frozenset(by[size])) for size in sorted(by, reverse=True))


def lexicon_endings(lex: Lexicon, name: str) -> EndingIndex:
    """:func:`ending_index` of one lexicon list."""
    return _lexicon_endings(lex, name)


@functools.lru_cache(maxsize=64)
def _lexicon_endings(lex: Lexicon, name: str) -> EndingIndex:
    return ending_index(tuple(lex[name]))


def longest_ending(name: str, index: EndingIndex, min_rest: int = 0) -> str | None:
    """The longest ending of ``index`` that ``name`` ends with leaving at least ``min_rest``
    characters before it (None when there is none): one set lookup per ending length instead of
    an ``endswith`` per ending."""
    n = len(name)
    for size, group in index:
        if size <= n - min_rest and name[n - size:] in group:
            return name[n - size:]
    return None


@functools.lru_cache(maxsize=65536)
def _strip_place_prefix(name: str, lex: Lexicon, keep: int, suffixes: tuple[str, ...]) -> tuple[str, ...]:
    places = place_names(lex)
    if suffixes:
        # "兰州新区" keeps its place: "新区" alone names no zone
        suffixes = _with_zone_suffixes(suffixes, lex)
    end = longest_ending(name, ending_index(suffixes))
    tail = len(end) if end is not None else 0
    links = lex.set("name_links")
    out = []
    cur = name
    while True:
        for n in range(min(8, len(cur) - keep - tail), 1, -1):
            if cur[:n] in places and len(cur) - n - tail >= keep and \
                    cur[n:len(cur) - tail] not in links:   # "成都|高新|综合保税区": 高新 names nothing
                cur = cur[n:]
                out.append(cur)
                break
        else:
            return tuple(out)


@functools.lru_cache(maxsize=64)
def _with_zone_suffixes(suffixes: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    return suffixes + lex["park_zone_suffixes"]


@functools.lru_cache(maxsize=8)
def place_names(lex: Lexicon) -> frozenset[str]:
    return lex.set("places") | lex.set("regions")


_PAREN = re.compile(r"[（(][^（）()]{1,12}[）)]")


def company_core(name: str, lex: Lexicon) -> str:
    """The brand part of a company name: no legal form, no bracketed place, no leading place."""
    s = name
    form = longest_ending(s, lexicon_endings(lex, "company_forms"), min_rest=2)
    if form is not None:
        s = s[: -len(form)]
    s = _PAREN.sub("", s)
    for v in strip_place_prefix(s, lex, keep=2):
        # "贵州白山云科技" -> "白山云科技", but not on to "云科技": a place name that leaves less
        # than two characters before the trade words is part of the brand ("麒麟软件")
        if len(_strip_trades(v, lex)) < 2:
            break
        s = v
    return s


def _strip_trades(name: str, lex: Lexicon) -> str:
    words = lexicon_endings(lex, "industry_words")
    cur = name
    while True:
        w = longest_ending(cur, words)
        if w is None:
            return cur
        cur = cur[: -len(w)]


def company_short_forms(name: str, lex: Lexicon, min_len: int = 3) -> list[str]:
    """Short names a text may use for a company (格科微电子（上海）有限公司 -> 格科微电子, 格科微)."""
    return list(_company_short_forms(name, lex, min_len))


@functools.lru_cache(maxsize=65536)
def _company_short_forms(name: str, lex: Lexicon, min_len: int) -> tuple[str, ...]:
    core = company_core(name, lex)
    out = [core] if len(core) >= min_len and core != name else []
    words = lexicon_endings(lex, "industry_words")
    cur = core
    while True:
        w = longest_ending(cur, words, min_rest=min_len)
        if w is None:
            break
        cur = cur[: -len(w)]
        out.append(cur)
    return tuple(dict.fromkeys(out))
