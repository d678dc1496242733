"""Word segmentation: the rjieba words of a cleaned text, with their part-of-speech tags.

The text is tagged once per document. The recognisers walk these tokens leftwards from an
anchor to find where a name starts (:mod:`kg.extract.candidates.edges`); the learned name
chooser reads them as features. A user dictionary (``ExtractConfig.userdict``) is loaded into
rjieba before the first document (:mod:`kg.extract.pipeline`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

CJK = "\u4e00-\u9fff"
_RE_CJK1 = re.compile(f"[{CJK}]")


@dataclass
class Tokens:
    starts: list[int]
    ends: list[int]
    words: list[str]
    pos: list[str]

    def index_at(self, char: int) -> int:
        """Index of the token that contains character ``char``."""
        return bisect.bisect_right(self.starts, char) - 1


def tokenize(text: str) -> Tokens:
    import rjieba
    tags = rjieba.tag(text)
    if not tags:
        return Tokens([], [], [], [])
    words, pos = map(list, zip(*tags))
    # rjieba tags characters it cannot place as "x", like punctuation: an unknown CJK word
    # ("西安|奕斯伟|材料") is a name part
    for i in itertools.compress(range(len(pos)), map("x".__eq__, pos)):
        if _RE_CJK1.match(words[i]):
            pos[i] = "nz"
    ends = list(itertools.accumulate(map(len, words)))
    return Tokens([0] + ends[:-1], ends, words, pos)
