"""Segment (after normalise) — cleaned text into articles and sentences; find the page date.

A newspaper page holds several articles, each with its own topic park, so later stages work
per article. The page comes as cleaned text (:func:`kg.extract.normalise.clean`): one paragraph or one
headline / byline / caption per line. Articles are delimited by

* bylines ("▶ 本报记者 叶伟", "◎通讯员 … 本报记者 …") and dateline leads ("本报讯", "科技日报讯
  （记者 …）"), which start an article together with the headline lines just above them;
* source notes ("（来源：浦东发布）") and authors' signatures ("…产业格局。李偌蔓"), which end one;
* headline blocks (two or more short lines in a row). Some pages print the headline *after*
  the body (the PDF text order of a page whose first line is body text): there a headline
  block closes the article above it.

Trigger words live in ``kg/lexicon/segment_markers.txt``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kg.model import Article, Sentence

# --------------------------------------------------------------------------- markers


@lru_cache(maxsize=None)
def _marker_file() -> dict[str, tuple[str, ...]]:
    text = resources.files("kg").joinpath("lexicon/segment_markers.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            # most entries are one per line; short lists (surnames) may share a line
            current.extend(line.split())
    return {k: tuple(v) for k, v in sections.items()}


def markers(section: str) -> tuple[str, ...]:
    """Entries of one ``[section]`` of ``segment_markers.txt``."""
    return _marker_file().get(section, ())


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ROLES = _alt(markers("byline_roles"))
_BYMARK = "".join(re.escape(m) for m in markers("byline_markers"))
_ROLE_RE = re.compile(f"(?:{_ROLES})")
# a name: 2-4 Chinese characters, or a typeset-spaced one ("王 春")
_NAMES_ONLY = re.compile(f"[{_IDEO}·]+(?:[ 、，,][{_IDEO}·]+)*")

DATELINE_RE = re.compile(
    f"\\s*(?:本报|[{_IDEO}]{{1,10}}?(?:{_alt(markers('dateline_source'))}))"
    f"[{_IDEO}\\d]{{0,12}}?(?:{_alt(markers('dateline_suffix'))})(?=[\\s（(]|$|[{_IDEO}])")
SOURCE_NOTE_RE = re.compile(
    f"[（(]\\s*(?:{_alt(markers('source_note'))})\\s*[：:][^（）()\\n]{{1,40}}[)）]\\s*$")
SOURCE_NOTE_LINE_RE = re.compile(
    f"\\s*[（(]\\s*(?:{_alt(markers('source_note'))})\\s*[：:][^（）()\\n]{{1,40}}[)）]\\s*$")
CAPTION_RE = re.compile(
    f"^(?:{_alt(markers('caption_start'))})|(?:{_alt(markers('caption_end'))})$")
# an author's signature after the last sentence of an article: "…产业格局。李偌蔓"
_TERM = "".join(re.escape(c) for c in markers("terminal"))
_CLOSE = "".join(re.escape(c) for c in markers("closers"))
SIGNATURE_RE = re.compile(f"[{_TERM}][{_CLOSE}]*\\s*([{_IDEO}]{{2,3}})\\s*$")
_SURNAMES = frozenset(markers("surnames"))


def looks_like_name(s: str) -> bool:
    """2-4 Chinese characters starting with a common surname ("李偌蔓", "欧阳明")."""
    return 2 <= len(s) <= 4 and (s[0] in _SURNAMES or s[:2] in _SURNAMES)

# lines that are page furniture, not text ("广告")
_FURNITURE = re.compile(r"^(?:广告|图片新闻|\d{1,3}|第?\d{1,3}版)$")
# meta lines of web copies: "2024-03-08 09:15 来源：新华日报", "发布时间：…", "责任编辑：…"
_META = re.compile(r"^(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?"
                   r"\s*(?:(?:来源|作者|编辑|责任编辑)\s*[：:].{0,30})?"
                   r"|(?:来源|作者|发布时间|发布日期|编辑|责任编辑|浏览次数|字号)\s*[：:].{0,40})$")


def is_byline(line: str) -> bool:
    """A byline / credit line: "▶ 本报记者 叶伟", "◎侯树文 本报记者 王 春", "▶ 高欣"."""
    s = line.strip()
    if not s or len(s) > 48:
        return False
    marked = s[0] in _BYMARK
    if not marked and _ROLE_RE.search(s) is None:
        return False
    s = s.lstrip(_BYMARK + " ")
    if not s:
        return False
    has_role = _ROLE_RE.search(s) is not None
    rest = _ROLE_RE.sub(" ", s)
    rest = re.sub(r"[：:/／\s]+", " ", rest).strip()
    if not rest:
        return False
    if not _NAMES_ONLY.fullmatch(rest):
        return False
    chunks = re.split(r"[ 、，,]", rest)
    if any(len(c) > 4 for c in chunks):
        return False
    if has_role:
        return len(chunks) <= 10
    return marked and len(chunks) <= 3 and all(looks_like_name(c) for c in chunks)


def byline_names(article_byline: str) -> list[str]:
    """Persons named in a byline / credit ("通讯员 赵优 赵海忠 本报记者 王 春" → 赵优, 赵海忠,
    王春). They are reporters: later stages must never make them Officials or Executives."""
    s = article_byline.strip(_BYMARK + " ")
    s = re.sub(r"[（）()]", " ", s)
    s = DATELINE_RE.sub(" ", s)
    s = _ROLE_RE.sub(" ", s)
    s = re.sub(r"[^" + _IDEO + "·]+", " ", s)
    chunks = s.split()
    names: list[str] = []
    buf = ""
    for c in chunks:
        if len(c) == 1:            # typeset-spaced name: "王 春"
            buf += c
            if len(buf) >= 2 and buf not in names:
                names.append(buf)
                buf = ""
            continue
        buf = ""
        if 2 <= len(c) <= 4 and c not in names:
            names.append(c)
    return names


# --------------------------------------------------------------------------- articles

class _L:
    """One line of cleaned text, classified."""
    __slots__ = ("start", "end", "text", "kind", "signature", "source", "credit")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.signature = ""
        self.credit = ""
        self.source = False
        if CAPTION_RE.search(text) and len(text) <= 120:
            self.kind = "caption"   # photo credits ("记者 张三 摄") too: they start nothing
            if is_byline(text):
                self.credit = re.sub(r"\s*(?:摄|供图)$", "", text).strip(_BYMARK + " ")
        elif is_byline(text):
            self.kind = "byline"
        elif _FURNITURE.match(text):
            self.kind = "furniture"
        elif SOURCE_NOTE_LINE_RE.match(text):
            self.kind, self.source = "para", True
        elif _META.match(text):
            self.kind = "furniture"
        elif DATELINE_RE.match(text):
            self.kind = "dateline"
            m = DATELINE_RE.match(text)
            c = re.match(r"\s*[（(]([^（）()]{1,80})[)）]", text[m.end():])
            self.credit = c.group(1).strip() if c else ""
            self._ending(text)
        elif _is_headline(text):
            self.kind = "head"
        else:
            self.kind = "para"
            self._ending(text)

    def _ending(self, text: str) -> None:
        if SOURCE_NOTE_RE.search(text):
            self.source = True
        else:
            m = SIGNATURE_RE.search(text)
            if m and looks_like_name(m.group(1)):
                self.signature = m.group(1)


_TERM_END_RE = re.compile(f"[{_TERM}][{_CLOSE}]*$")
#: a headline is at most this long
MAX_HEADLINE = 50


def _is_headline(text: str) -> bool:
    return (len(text) <= MAX_HEADLINE and not _TERM_END_RE.search(text)
            and "。" not in text and not SIGNATURE_RE.search(text))


def _line_spans(text: str) -> list[_L]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s = m.group()
        a = m.start() + (len(s) - len(s.lstrip()))
        b = m.end() - (len(s) - len(s.rstrip()))
        if b > a:
            out.append(_L(a, b, text[a:b]))
    return out


def _title(heads: list[str]) -> str:
    heads = [h for h in heads if h]
    if len(heads) > 1:
        # a short column label ("园镜头") above a real headline is not part of it
        heads = [h for h in heads if len(h) > 3] or heads
    heads = heads[-2:]
    out = ""
    for h in heads:
        if not out:
            out = h
        elif out.endswith(("：", ":", "——")) or h.startswith("——"):
            out += h
        else:
            out += " " + h
    return out


def split_articles(text: str) -> list[Article]:
    """The articles of a page, in order, covering the whole text without gaps."""
    lines = _line_spans(text)
    if not lines:
        return [Article(idx=0, start=0, end=len(text))]
    n = len(lines)
    first_content = next((ln for ln in lines if ln.kind not in ("furniture", "caption")), lines[0])
    # body-first layout: the page's text starts with body text, its headlines follow the body
    trailing = first_content.kind == "para"

    starts: set[int] = {0}          # line indices where an article starts
    def head_block_start(k: int) -> int:
        """First line of the run of headline/byline lines ending just before line k."""
        j = k
        while j > 0 and lines[j - 1].kind in ("head", "byline"):
            j -= 1
        return j

    for k, ln in enumerate(lines):
        if ln.kind == "byline":
            # the byline's headline block starts the article (headline above byline),
            # unless the byline ends an article (it follows the body: "◎侯树文 本报记者 王 春")
            nxt = next((x for x in lines[k + 1:] if x.kind != "byline"), None)
            if nxt is not None and nxt.kind in ("para", "dateline", "head") and \
                    (k == 0 or lines[k - 1].kind in ("head", "byline") or trailing is False):
                starts.add(head_block_start(k))
        elif ln.kind == "dateline":
            starts.add(k if trailing else head_block_start(k))
        if ln.kind in ("para", "dateline") and (ln.source or ln.signature) and k + 1 < n:
            starts.add(k + 1)
        if ln.kind == "head" and (k == 0 or lines[k - 1].kind != "head"):
            j = k
            while j + 1 < n and lines[j + 1].kind == "head":
                j += 1
            block = j - k + 1
            after = lines[j + 1] if j + 1 < n else None
            if block >= 2 and after is not None and after.kind in ("para", "dateline"):
                prev = lines[k - 1] if k else None
                if trailing:
                    starts.add(j + 1)
                elif prev is None or prev.kind in ("para", "caption", "furniture"):
                    starts.add(k)
    # an article needs a body: a piece without a paragraph joins its neighbour (the one before,
    # or the next one at the top of the page)
    order = sorted(starts)
    pieces = [(order[i], order[i + 1] if i + 1 < len(order) else n) for i in range(len(order))]
    merged: list[list[int]] = []
    for a, b in pieces:
        has_body = any(lines[x].kind in ("para", "dateline") for x in range(a, b))
        if merged and not has_body:
            merged[-1][1] = b
        elif merged and not any(lines[x].kind in ("para", "dateline")
                                for x in range(merged[-1][0], merged[-1][1])):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    articles = _make_articles(text, lines, merged, trailing)
    _adopt_orphan_headline(lines, merged, articles)
    return articles


def _make_articles(text: str, lines: list[_L], merged: list[list[int]],
                   trailing: bool) -> list[Article]:
    articles: list[Article] = []
    for idx, (a, b) in enumerate(merged):
        start = 0 if idx == 0 else lines[a].start
        end = len(text) if idx + 1 == len(merged) else lines[merged[idx + 1][0]].start
        # trim the separator: the article ends where the next one begins
        art = Article(idx=idx, start=start, end=end)
        art.title, art.byline = _describe(lines[a:b], trailing)
        articles.append(art)
    return articles


def _adopt_orphan_headline(lines: list[_L], merged: list[list[int]],
                           articles: list[Article]) -> None:
    """A page may print a headline block far from its article (001: at the top, above another
    article's headline). When the first article has more headline lines above its body than
    its title uses and exactly one article has no title, that article gets them."""
    untitled = [a for a in articles if not a.title]
    if len(untitled) != 1 or untitled[0].idx == 0:
        return
    a, b = merged[0]
    heads: list[str] = []
    for ln in lines[a:b]:
        if ln.kind in ("para", "dateline"):
            break
        if ln.kind == "head":
            heads.append(ln.text)
    if len(heads) >= 4:
        untitled[0].title = _title(heads[:-2])


def _describe(lines: list[_L], trailing: bool) -> tuple[str, str]:
    """Title and byline of one article's lines."""
    title = ""
    body = next((i for i, ln in enumerate(lines) if ln.kind in ("para", "dateline")), len(lines))
    heads = [ln.text for ln in lines[:body] if ln.kind == "head"]
    if heads:
        title = _title(heads)
    if not title or trailing:
        # body-first page: the headline block after the body (the last run of ≥2 heads)
        runs: list[list[str]] = []
        prev_head = False
        for ln in lines[body:]:
            if ln.kind == "head":
                if prev_head:
                    runs[-1].append(ln.text)
                else:
                    runs.append([ln.text])
                prev_head = True
            else:
                prev_head = False
        block = [r for r in runs if len(r) >= 2]
        if block:
            title = _title(block[-1])
        elif not title and runs and lines[-1].kind != "para":
            title = _title(runs[-1])
    credits = []
    for ln in lines:
        if ln.kind == "byline":
            credits.append(ln.text.strip(_BYMARK + " "))
        elif ln.kind in ("dateline", "caption") and ln.credit:
            credits.append(ln.credit)
        elif ln.signature:
            credits.append(ln.signature)
    return title, " ".join(credits)


# --------------------------------------------------------------------------- sentences

_SENT_END = "。！？；!?;"
# a single "…" is an omission inside a sentence; "……" (or longer) ends one
_SENT_RE = re.compile(
    f"[^\\n]+?(?:(?:[{_SENT_END}]|……+)+[{_CLOSE}]*|(?=\\n)|\\Z)")


def split_sentences(text: str, articles: list[Article]) -> list[Sentence]:
    """Sentences of every article: split at 。！？； and "……" (closing quotes/brackets stay
    with the sentence) and at line breaks; whitespace stripped, no empty sentences."""
    out: list[Sentence] = []
    for art in articles:
        for m in _SENT_RE.finditer(text, art.start, art.end):
            a, b = m.span()
            s = m.group()
            ls = len(s) - len(s.lstrip())
            rs = len(s) - len(s.rstrip())
            a, b = a + ls, b - rs
            while b - a > MAX_SENTENCE:
                # a "sentence" longer than any written one (a list of thousands of names, a page
                # without punctuation) is cut into pieces, so the work and memory spent on one
                # sentence (pairs of its mentions) stay bounded
                c = _cut(text, a, a + MAX_SENTENCE)
                piece = text[a:c]
                e = a + len(piece.rstrip())
                if e > a:
                    out.append(Sentence(idx=len(out), start=a, end=e, text=text[a:e], article=art.idx))
                while c < b and text[c].isspace():
                    c += 1
                a = c
            if b > a:
                out.append(Sentence(idx=len(out), start=a, end=b, text=text[a:b], article=art.idx))
    return out


#: the longest sentence kept whole (the longest in the test and real corpora is 563 characters)
MAX_SENTENCE = 2000
_SOFT_CUT = re.compile(r"[，、,：:]")


def _cut(text: str, a: int, hi: int) -> int:
    """Where to cut an over-long sentence that starts at ``a``: after the last comma or
    enumeration mark in its second half up to ``hi``, else at ``hi``."""
    last = -1
    for m in _SOFT_CUT.finditer(text, a + (hi - a) // 2, hi):
        last = m.end()
    return last if last > a else hi


# --------------------------------------------------------------------------- page date

_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日天]")
_HEADER_NOISE = re.compile(r"[\s|｜/·,，第版期总号农历\d一二三四五六七八九十〇零年月日初廿卅星期周天]")


_DATELINE_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日电")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _iso(y: int, mo: int, d: int) -> str | None:
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """The page / issue date as ISO "YYYY-MM-DD" when a header line gives one.

    Counted: a line near the top that is (almost) nothing but a date — possibly with a
    weekday, issue/page number or the paper's name ("2024年1月15日 星期一"); or a dateline
    "本报北京1月15日电" with the year in such a header line. A date inside a sentence is
    an event date and does not count.
    """
    header = [ln.strip() for ln in text.splitlines()[:8]]
    year = None
    for line in header:
        if len(line) > 40 or _TERM_END_RE.search(line) or "，" in line:
            continue
        m = _DATE.search(line)
        if m:
            rest = line[:m.start()] + line[m.end():]
            if _WEEKDAY.search(line) or len(_HEADER_NOISE.sub("", rest)) <= 8:
                iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                if iso:
                    return iso
        y = _YEAR.search(line)
        if y and year is None:
            year = int(y.group(1))
    if year is not None:
        for line in header:
            d = DATELINE_RE.match(line)
            m = _DATELINE_DATE.search(line[:d.end()]) if d else None
            if m:
                return _iso(year, int(m.group(1)), int(m.group(2)))
    return None
