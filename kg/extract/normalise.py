"""Normalise (the first stage) — clean the artefacts of PDF-extracted newspaper text, keeping an
offset map.

What the seeds show, and what is done about it (in this order):

1. control / zero-width characters removed, ``\\r\\n`` → ``\\n``, odd spaces (tab, ideographic
   space, NBSP …) → " ", full-width letters and digits (ＡＢＣ１２３) → ASCII;
2. PDF lines re-joined into paragraphs: a line that wraps (full column width, no sentence-final
   punctuation) is joined to the next; headlines, bylines, captions, markdown headings (``#``
   markers dropped) and paragraph ends stay on lines of their own, separated by one ``\\n``;
3. half-width ``, ; : ? ! ( )`` next to Chinese → ``， ； ： ？ ！ （ ）`` (numbers keep ``1,000``);
4. spaces next to a Chinese character or punctuation removed ("青 岛 高 新 区" → "青岛高新区",
   "COP15 大会" → "COP15大会"); between Latin words one space is kept; in bylines the spaces
   that separate names are kept ("本报记者 朱彤");
5. doubled (over-printed) captions undone: "（（青岛青岛））" → "（青岛）", "图为X图为X" → "图为X".

Every step records where each output character came from: ``CleanText.offsets[i]`` is the
index in the input text of the character ``text[i]`` stands for. The work is done with regular
expressions and slices; Python loops run per line or per match, never per character.
"""
from __future__ import annotations

import re

from kg.model import CleanText
from kg.extract.segment import DATELINE_RE, SOURCE_NOTE_RE, is_byline, markers

# --------------------------------------------------------------------------- character classes

# Chinese characters and Chinese punctuation (CJK symbols, full-width forms). The curly quotes
# “”‘’ are shared with Western text, so they are deliberately not in this class.
_CJK_CHARS = "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK = re.compile(f"[{_CJK_CHARS}]")
_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _is_cjk(c: str) -> bool:
    return bool(c) and _CJK.match(c) is not None


# step 1: removed outright; "\r" only where it precedes "\n"
_DELETE = re.compile(
    r"\r(?=\n)|[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# step 1: one character for one character, so offsets do not move
_TRANSLATE = {ord(c): " " for c in "\t\u3000\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u202f\u205f"}
_TRANSLATE.update({ord(c): "\n" for c in "\r\x0b\x0c\u2028\u2029\x85"})
_TRANSLATE.update({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})      # ０-９
_TRANSLATE.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})      # Ａ-Ｚ
_TRANSLATE.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})      # ａ-ｚ

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _set(section: str) -> str:
    return "".join(re.escape(x) for x in markers(section) if len(x) == 1)


_TERMINAL = _set("terminal")
_CLOSERS = _set("closers")
# a line ends a sentence: terminal punctuation (+ closers), or a signature after it
# ("…产业格局。 李偌蔓", "…开展服务。 受访者供图")
_TERMINAL_END = re.compile(
    f"(?:[{_TERMINAL}][{_CLOSERS}]*|[{_TERMINAL}][{_CLOSERS}]* +[{_IDEO}·]{{2,6}})$")
_TERMINAL_CHARS = frozenset(x for x in markers("terminal") if len(x) == 1)
_CLOSER_CHARS = frozenset(x for x in markers("closers") if len(x) == 1)
_SOFT_CHARS = frozenset(x for x in markers("soft_end") if len(x) == 1)
_CONT_CHARS = frozenset(x for x in markers("continuation_final") if len(x) == 1)
_CAPTION_START = tuple(markers("caption_start"))
_CAPTION_END = tuple(markers("caption_end"))
_PUNCT = re.compile(r"[，、。；：！？,;:!?]")
_OPENERS = re.compile(r"[“《（(]")
# sentence punctuation inside a line (not at its end): headlines rarely carry it (they do
# carry 、 and ！ between parallel phrases)
_MID_PUNCT = re.compile(r"[，。；][^\n]")
# characters Chinese typesetting never puts at the start of a line: a line that starts with one
# continues the line above (the extraction broke before a full stop or a closing quote)
_NO_LINE_START = frozenset("，、。；：！？”’）》」』】")
_HEADING = re.compile(r"#{1,6}\s+")  # markdown heading; "#话题#" hashtags stay
_SPACED = re.compile(f"[{_IDEO}] (?=[{_IDEO}])")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"[A-Za-z0-9]")

#: a line at least this wide (in Chinese characters) is a paragraph, never a headline
LONG = 40.0
#: widths below this do not count as a text column
MIN_COLUMN = 10.0
#: a paragraph's first line is indented by up to this much (two characters, a bit of slack)
INDENT = 3.0


def _width(s: str) -> float:
    """Printed width in Chinese characters: CJK 1, ASCII and curly quotes ½ (newspapers set
    “” narrow), a space ¼ (extraction puts one in any wider gap). Computed from the UTF-8
    length, without a Python loop."""
    spaces = s.count(" ")
    s = s.replace(" ", "")
    n = len(s)
    wide = (len(s.encode("utf-8")) - n) // 2   # non-ASCII chars here are 3 UTF-8 bytes
    quotes = s.count("“") + s.count("”") + s.count("‘") + s.count("’")
    return wide + 0.5 * (n - wide) - 0.5 * quotes + 0.25 * spaces


def _tol(w: float) -> float:
    return max(1.5, 0.08 * w)


# --------------------------------------------------------------------------- step 1

def _prepass(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _DELETE.finditer(text):
        s = m.start()
        if s > pos:
            parts.append(text[pos:s])
            offs.extend(range(pos, s))
        pos = m.end()
    if pos == 0:
        return _translate(text), list(range(len(text)))
    parts.append(text[pos:])
    offs.extend(range(pos, len(text)))
    return _translate("".join(parts)), offs


_TRANSLATE_CHARS = {chr(k): (v if isinstance(v, str) else chr(v)) for k, v in _TRANSLATE.items()}
_TRANSLATE_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_TRANSLATE_CHARS)) + "]")


def _translate(t: str) -> str:
    # the characters to map are rare: find them with a regex instead of str.translate, which
    # looks every character up in the table
    if _TRANSLATE_RE.search(t) is None:
        return t
    return _TRANSLATE_RE.sub(lambda m: _TRANSLATE_CHARS[m.group()], t)


# --------------------------------------------------------------------------- step 2: lines

class _Line:
    __slots__ = ("start", "end", "text", "w", "heading", "byline", "caption", "source",
                 "dateline", "terminal", "soft", "spaced", "cont", "hard_break",
                 "starts_dash", "ends_dash", "nl", "open", "punct", "mid_punct", "no_start")

    def __init__(self, t: str, a: int, b: int, nl: int):
        raw = t[a:b]
        self.hard_break = raw.endswith("  ")
        s = raw.strip()
        a += len(raw) - len(raw.lstrip())
        self.heading = False
        m = _HEADING.match(s) if s[0] == "#" else None
        if m:
            self.heading = True
            a += m.end()
            s = s[m.end():]
        self.start, self.end, self.text, self.nl = a, a + len(s), s, nl
        if not s:
            return
        first, last = s[0], s[-1]
        has_space = " " in s
        self.w = _width(s)
        self.byline = is_byline(s)
        self.caption = s.startswith(_CAPTION_START) or s.endswith(_CAPTION_END)
        self.source = last in ")）" and SOURCE_NOTE_RE.search(s) is not None
        self.dateline = DATELINE_RE.match(s) is not None
        self.terminal = self.source or last in _TERMINAL_CHARS or (
            (last in _CLOSER_CHARS or has_space) and _TERMINAL_END.search(s) is not None)
        self.soft = last in _SOFT_CHARS and not s.endswith("——")
        self.spaced = has_space and self.w >= MIN_COLUMN and len(_SPACED.findall(s)) >= 4
        self.cont = last in _CONT_CHARS
        self.starts_dash = first == "—" and s.startswith("——")
        self.ends_dash = last == "—" and s.endswith("——")
        # an opening bracket or quote left open (its last opener after its last closer; the
        # opener may close a bracket from the line above first): the sentence surely goes on
        self.open = _OPENERS.search(s) is not None and (
            s.rfind("“") > s.rfind("”") or s.rfind("《") > s.rfind("》")
            or max(s.rfind("（"), s.rfind("(")) > max(s.rfind("）"), s.rfind(")")))
        self.punct = _PUNCT.search(s) is not None
        self.mid_punct = _MID_PUNCT.search(s) is not None
        self.no_start = first in _NO_LINE_START

    @property
    def marked(self) -> bool:
        """Lines that always stand alone."""
        return self.heading or self.byline or self.caption or (self.source and self.w < LONG)


_LINE = re.compile(r"[^\n]*[^\s][^\n]*")


def _lines(t: str) -> list[_Line]:
    out = [_Line(t, m.start(), m.end(), m.end()) for m in _LINE.finditer(t)]
    return [ln for ln in out if ln.text]


def _body(ln: _Line) -> bool:
    """Could be a full line of a text column."""
    return not ln.terminal and not ln.marked and ln.w >= MIN_COLUMN


def _next_widths(lines: list[_Line], j: int) -> list[float]:
    """Widths of the full lines of the paragraph that would start at line j (up to four)."""
    ws: list[float] = []
    for k in range(j, min(j + 4, len(lines))):
        ln = lines[k]
        if ln.terminal or ln.marked or (k > j and ln.dateline):
            break
        if ln.spaced:       # justified with extra spaces: full, but its width says nothing
            continue
        if ln.w < MIN_COLUMN:
            break
        ws.append(ln.w)
    return ws


def _prev_width(lines: list[_Line], i: int) -> float | None:
    ws = [lines[k].w for k in range(max(0, i - 4), i) if _body(lines[k]) and not lines[k].spaced]
    if len(ws) < 2:
        return None
    return max(ws)


def _median(ws: list[float]) -> float:
    ws = sorted(ws)
    m = len(ws) // 2
    return ws[m] if len(ws) % 2 else (ws[m - 1] + ws[m]) / 2


def _headline_like(ln: _Line) -> bool:
    return ln.heading or (not ln.terminal and not ln.marked and not ln.dateline
                          and ln.w < LONG and not ln.soft and not ln.open)


def _joins(lines: list[_Line], i: int, para: list[float]) -> bool:
    """Is line i a wrapped line, to be joined to line i+1? ``para``: widths of the lines of
    the current paragraph before i (empty when i starts a paragraph or a headline)."""
    a, b = lines[i], lines[i + 1]
    if b.no_start and not (a.marked or b.marked or a.hard_break):
        return True
    if a.marked or b.marked or a.terminal or a.hard_break or a.ends_dash or b.starts_dash:
        return False
    if b.dateline:
        return False
    if a.soft or a.spaced or a.open:
        return True
    if a.mid_punct and a.w >= MIN_COLUMN and _body(b) and not b.dateline:
        # sentence punctuation inside the line and no end punctuation: a wrapped line of body
        # text, whatever its width (columns set unevenly, lines of 19 to 23 characters) — as
        # long as it is about as wide as the lines around it
        # the next line is the paragraph's last (any width) or a full line too
        ref = max(para[1:] or para) if para else b.w
        # (a letter-spaced next line is full whatever its measured width)
        if a.w >= 0.7 * ref and (b.terminal or b.spaced or b.w >= 0.75 * a.w):
            return True
    if not para and "、" in a.text[:-1] and a.w >= MIN_COLUMN:
        # an enumeration comma: headlines carry it too, so only a line somewhat wider than a
        # column of at least two full lines below it wraps ("…研究所、天津市软件行" + "业协会…")
        ws = _next_widths(lines, i + 1)
        if len(ws) >= 2 and _median(ws) + _tol(_median(ws)) < a.w <= 1.3 * _median(ws):
            return True
    if a.w >= LONG:
        # a paragraph-long line: wrapped at a page or column break — unless it ends with a
        # closing quote (a paragraph may end without a full stop) and a headline follows
        return not (a.text[-1] in _CLOSER_CHARS and _headline_like(b))
    if para:
        # inside a paragraph every line but the last is full; a clearly short line without
        # final punctuation still ends the paragraph (lists, quotes without full stop)
        col = max(para[1:] or para)
        return a.w >= 0.8 * col and a.w <= col + _tol(col) + INDENT
    # a starts a block: a headline, or the (indented) first line of a paragraph?
    if a.w < MIN_COLUMN:
        return False
    ws = _next_widths(lines, i + 1)
    if ws:
        col = _median(ws)
        tol = _tol(col)
        if len(ws) >= 3:
            indent = _median(ws[1:]) - ws[0]   # how far the next line is indented
            if indent > 1.5 or (indent >= 1.0 and not a.punct and i
                                and _headline_like(lines[i - 1])):
                # a paragraph starts on the next line; a is a headline (the second line of
                # a headline block when the line above is one too: "新疆石河子高新区" /
                # "成立企业专职促科技成果转化")
                return False

        step = ws[0] - a.w  # the next line is full, a is at most indented
        if not -tol <= step <= tol + INDENT:
            return bool(a.cont and a.w < col)
        if len(ws) >= 2:
            return col - tol - INDENT <= a.w <= col + tol
        # one full line follows: a must be indented — or as wide and punctuated like body
        # text (headline pairs rarely carry a comma)
        return (col - tol - INDENT <= a.w <= col - 0.5 or bool(a.cont)
                or (a.punct and abs(a.w - col) <= tol))
    if b.terminal and not b.spaced:  # a two-line paragraph: compare with the column above
        col = _prev_width(lines, i)
        if col is None:
            return bool(a.cont) and b.w >= MIN_COLUMN
        return bool(a.cont) or (col - _tol(col) - INDENT <= a.w <= col + _tol(col)
                                and b.w <= col + _tol(col))
    return b.spaced and not b.terminal


def _join_lines(t: str, offs: list[int]) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Paragraphs and standalone lines, one a line. Also returns the spans (in the new text)
    of byline lines, whose name-separating spaces are kept."""
    lines = _lines(t)
    parts: list[str] = []
    out: list[int] = []
    protected: list[tuple[int, int]] = []
    n = 0
    para: list[float] = []
    for i, ln in enumerate(lines):
        start_n = n
        parts.append(ln.text)
        out.extend(offs[ln.start:ln.end])
        n += ln.end - ln.start
        joins = i + 1 < len(lines) and _joins(lines, i, para)
        if ln.byline or (not para and not joins and _headline_like(ln)):
            protected.append((start_n, n))
        if i + 1 == len(lines):
            break
        if joins:
            para.append(ln.w)
            nxt = lines[i + 1]
            if _LATIN_END.search(ln.text) and _LATIN_START.match(nxt.text) and \
                    not (ln.text[-1].isdigit() and nxt.text[0].isdigit()):
                # words keep a space; a number broken across lines ("30" + "0家") does not
                parts.append(" ")
                out.append(offs[ln.nl])
                n += 1
        else:
            para = []
            parts.append("\n")
            out.append(offs[ln.nl])
            n += 1
    return "".join(parts), out, protected


# --------------------------------------------------------------------------- step 3: punctuation

_PAREN_PAIR = re.compile(r"\(([^()\n]{0,100})\)")
_HALF_PUNCT = re.compile(r"[,;:?!()]")
_HALF_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK_CHARS}])[,;:?!()]|[,;:?!()](?=[{_CJK_CHARS}])")


def _neighbours(t: str, s: int, e: int) -> tuple[str, str]:
    """Nearest characters left of s and right of e, skipping spaces (\"\" at the edges)."""
    i = s - 1
    while i >= 0 and t[i] == " ":
        i -= 1
    j = e
    while j < len(t) and t[j] == " ":
        j += 1
    return (t[i] if i >= 0 else ""), (t[j] if j < len(t) else "")


def _fix_punct(t: str) -> str:
    """Half-width punctuation in Chinese context → full width (1:1, offsets unchanged)."""
    if not _HALF_PUNCT.search(t):
        return t

    def pair(m: re.Match) -> str:
        left, right = _neighbours(t, m.start(), m.end())
        if _CJK.search(m.group(1)) or _is_cjk(left) or _is_cjk(right):
            return "（" + m.group(1) + "）"
        return m.group()

    t = _PAREN_PAIR.sub(pair, t)
    # the common case in one pass: Chinese right next to the mark (no digit exception applies);
    # the rest is decided on the same text as before this pass (replacements are 1:1)
    t0 = t
    t = _HALF_NEXT_TO_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], t0)
    if not _HALF_PUNCT.search(t):
        return t

    def single(m: re.Match) -> str:
        c = m.group()
        left, right = _neighbours(t0, m.start(), m.end())
        if c in ",:" and left.isdigit() and right.isdigit():
            return c  # 1,000  10:30
        if _is_cjk(left) or _is_cjk(right):
            return _HALF_TO_FULL[c]
        return c

    return _HALF_PUNCT.sub(single, t)


# --------------------------------------------------------------------------- step 4: spaces

_SPACES = re.compile(r" +")
_CREDIT = re.compile(r"[（(][^（）()\n]{0,80}?(?:记者|通讯员)[^（）()\n]{0,80}?[)）]")
_CJK_PUNCT = re.compile(r"[\u3001-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


_WORDISH = re.compile(f"[{_IDEO}“”‘’·]")


def _run2_left(t: str, s: int) -> bool:
    return s >= 2 and t[s - 2] not in " \n"


def _run2_right(t: str, e: int) -> bool:
    return e + 1 < len(t) and t[e + 1] not in " \n"


def _fix_spaces(t: str, offs: list[int], protected: list[tuple[int, int]]) -> tuple[str, list[int]]:
    if " " not in t:
        return t, offs
    protected = protected + [m.span() for m in _CREDIT.finditer(t)]
    protected.sort()
    parts: list[str] = []
    out: list[int] = []
    pos = 0
    pi = 0
    for m in _SPACES.finditer(t):
        s, e = m.span()
        left = t[s - 1] if s else "\n"
        right = t[e] if e < len(t) else "\n"
        while pi < len(protected) and protected[pi][1] <= s:
            pi += 1
        in_byline = pi < len(protected) and protected[pi][0] <= s
        if left == "\n" or right == "\n":
            keep = 0
        elif (in_byline and _WORDISH.match(left) and _WORDISH.match(right)
              and _run2_left(t, s) and _run2_right(t, e)):
            # in headlines and bylines keep the spaces that separate words or names, not
            # those of spaced-out characters ("王 春", "园 镜 头"): runs of 2+ on both sides
            keep = 1
        elif _is_cjk(left) or _is_cjk(right):
            keep = 0
        else:
            keep = 1
        if keep == e - s:
            continue
        parts.append(t[pos:s + keep])
        out.extend(offs[pos:s + keep])
        pos = e
    if pos == 0:
        return t, offs
    parts.append(t[pos:])
    out.extend(offs[pos:])
    return "".join(parts), out


# --------------------------------------------------------------------------- step 5: doubled text

_DOUBLE_TRIGGER = re.compile(r"([（）。，、“”《》：；！？【】])\1|图为")
#: share of a line that must consist of immediate repeats for it to count as over-printed
DOUBLED_SHARE = 0.85
_MAX_UNIT = 80


def _undouble_line(s: str) -> list[int] | None:
    """Indices to keep if ``s`` is over-printed text (every piece twice in a row), else None."""
    n = len(s)
    if n < 4:
        return None
    most_single = (1 - DOUBLED_SHARE) * n
    keep: list[int] = []
    p = 0
    single = 0
    rfind = s.rfind
    while p < n:
        # the longest unit (≤ _MAX_UNIT) repeated right after itself; a unit of length k can
        # only be one where the character k ahead is the unit's first one
        kmax = min((n - p) // 2, _MAX_UNIT)
        j = rfind(s[p], p + 1, p + kmax + 1)
        while j >= 0:
            k = j - p
            if s[p:j] == s[j:j + k]:
                keep.extend(range(p, j))
                p = j + k
                break
            j = rfind(s[p], p + 1, j)
        else:
            keep.append(p)
            single += 1
            p += 1
            if single > most_single:
                return None             # not over-printed (decided as soon as it is certain)
    return keep


def _undouble(t: str, offs: list[int]) -> tuple[str, list[int]]:
    lines = []
    seen = -1
    line_end = -1
    for m in _DOUBLE_TRIGGER.finditer(t):
        if m.start() < line_end:
            continue                    # on the line already judged (not searched back again)
        a = t.rfind("\n", 0, m.start()) + 1
        if a <= seen:
            continue
        b = t.find("\n", m.end())
        b = len(t) if b < 0 else b
        seen, line_end = a, b
        line = t[a:b]
        if m.group() == "图为" and line.count("图为") < 2 and not re.search(
                r"([（）。，、“”《》：；！？【】])\1", line):
            continue
        keep = _undouble_line(line)
        if keep is not None and len(keep) < len(line):
            lines.append((a, b, keep))
    if not lines:
        return t, offs
    parts: list[str] = []
    out: list[int] = []
    pos = 0
    for a, b, keep in lines:
        parts.append(t[pos:a])
        out.extend(offs[pos:a])
        parts.append("".join(t[a + k] for k in keep))
        out.extend(offs[a + k] for k in keep)
        pos = b
    parts.append(t[pos:])
    out.extend(offs[pos:])
    return "".join(parts), out


# --------------------------------------------------------------------------- entry point

def clean(text: str) -> CleanText:
    """Clean one decoded document; ``offsets[i]`` is the source index of ``text[i]``."""
    t, offs = _prepass(text)
    t, offs, protected = _join_lines(t, offs)
    t = _fix_punct(t)
    t, offs = _fix_spaces(t, offs, protected)
    t, offs = _undouble(t, offs)
    return CleanText(text=t, offsets=offs)
