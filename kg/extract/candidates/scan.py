"""The state one document's recognition carries from stage to stage.

:class:`Scan` holds the document (text, tokens, sentence starts), the lexicon's patterns, the
mentions found so far and the names a later stage reads back (park names, the zones that open
sub-park names, project brands, operated parks, new areas). The stages run in a fixed order
(:func:`kg.extract.candidates.recognise`): a later stage may read what an earlier one found,
never the other way round.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.extract.candidates.patterns import Patterns
from kg.extract.tokens import Tokens
from kg.model import Mention


class _Found:
    """Mentions found so far, by span; longer spans win over nested shorter ones."""

    def __init__(self) -> None:
        self.items: list[Mention] = []

    def add(self, m: Mention) -> None:
        self.items.append(m)

    def resolved(self) -> list[Mention]:
        ms = sorted(self.items, key=lambda m: (m.start, -(m.end - m.start), -m.confidence))
        out: list[Mention] = []
        last_end = -1
        for m in ms:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
            elif m.end > last_end and out and m.start > out[-1].start:
                # partial overlap: keep the earlier, longer one
                continue
        return out


def _sentence_of(sent_starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(sent_starts, pos) - 1)


def _merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Add ``b`` to ``a`` where it does not overlap anything in ``a``."""
    spans = sorted((m.start, m.end) for m in a)
    out = list(a)
    for m in b:
        i = bisect.bisect_right(spans, (m.start, 10**9)) - 1
        if i >= 0 and spans[i][1] > m.start:
            continue
        if i + 1 < len(spans) and spans[i + 1][0] < m.end:
            continue
        out.append(m)
        bisect.insort(spans, (m.start, m.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


@dataclass
class Scan:
    text: str
    toks: Tokens
    pat: Patterns
    sent_starts: list[int]
    found: _Found = field(default_factory=_Found)
    #: every name read as a park: a project brand with one of these names is that park
    park_names: set[str] = field(default_factory=set)
    #: zones that open a sub-park's name ("X高新区" of "X高新区氢能产业园")
    zone_heads: list[Mention] = field(default_factory=list)
    #: (trade words and ending, whole name) of zone-prefixed sub-parks ("氢能产业园", "X高新区氢能产业园")
    trade_subparks: list[tuple[str, str]] = field(default_factory=list)
    #: (brand start, brand end, name start, name end) of park names that read as a company's project
    brands: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: parks named in the name of the company that runs them ("X软件园有限公司")
    operated: list[tuple[int, int]] = field(default_factory=list)
    #: "X新区" zones that have a park committee
    new_areas: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, cls: str, rule: str, conf: float, **attrs) -> Mention:
        name = self.text[start:end]
        m = Mention(start, end, name, cls, _sentence_of(self.sent_starts, start), rule, conf, attrs)
        self.found.add(m)
        return m
