"""Gold annotations paired with their texts: the training data of ``kg train``.

A gold folder holds one JSON file per document in the format of the gold guideline (``doc``
names the text file); a texts folder holds the texts. Misaligned gold — a text that is not
there, a type the contract does not have, a name its text never writes — is a one-line error
naming the file and the entry, because a model trained on it would learn the misalignment.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES, Source

_SPACE = re.compile(r"\s+")


@dataclass
class GoldDoc:
    gold: dict
    source: Source
    path: str                      # the gold file, for messages

    def forms(self) -> dict[str, set[str]]:
        """class -> normalised name forms (names and aliases) of this document's gold."""
        from kg.evaluate import normalize
        out: dict[str, set[str]] = {c: set() for c in CLASSES}
        for e in self.gold.get("entities", []):
            out[e["type"]].update(k for k in map(normalize, [e["name"], *e.get("aliases", [])]) if k)
        return out

    def optional(self) -> set[str]:
        from kg.evaluate import normalize
        return {k for k in map(normalize, self.gold.get("optional", [])) if k}


def _flat(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _appears(name: str, flat_text: str, normal_text: str) -> bool:
    from kg.evaluate import normalize
    flat = _flat(name)
    if flat in flat_text:
        return True
    # the guideline's standard expansions (X高新区 ⇄ X高新技术产业开发区 …) need not be written
    return normalize(name) in normal_text if len(flat) < 60 else False


def read_gold_docs(gold_dir: str | Path, texts_dir: str | Path) -> list[GoldDoc]:
    from kg.load import load_source
    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir)
    if not gold_dir.is_dir():
        raise KGError(f"gold folder {gold_dir} does not exist")
    if not texts_dir.is_dir():
        raise KGError(f"texts folder {texts_dir} does not exist")
    docs = []
    files = sorted(p for p in gold_dir.glob("*.json") if p.name != "crossdoc.json")
    if not files:
        raise KGError(f"{gold_dir} holds no gold files (*.json)")
    for p in files:
        try:
            gold = json.loads(p.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KGError(f"gold {p}: not readable JSON ({exc})") from None
        name = gold.get("doc") if isinstance(gold, dict) else None
        if not isinstance(name, str) or not name:
            raise KGError(f"gold {p}: no \"doc\" naming its text file")
        text_path = texts_dir / name
        if not text_path.is_file():
            raise KGError(f"gold {p}: its text {text_path} does not exist")
        source = load_source(text_path, Path(name).stem)
        check_gold(gold, source.text, str(p))
        docs.append(GoldDoc(gold, source, str(p)))
    return docs


def check_gold(gold: dict, text: str, where: str) -> None:
    from kg.evaluate import normalize
    flat_text = _flat(text)
    normal_text = normalize(flat_text)      # once per text, not once per name
    names = set()
    for i, e in enumerate(gold.get("entities", [])):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise KGError(f"gold {where}: entity #{i + 1} has no name")
        if e.get("type") not in CLASSES:
            raise KGError(f"gold {where}: entity {e['name']!r} has unknown type {e.get('type')!r} "
                          f"(one of {', '.join(CLASSES)})")
        if not any(_appears(n, flat_text, normal_text) for n in [e["name"], *e.get("aliases", [])]):
            raise KGError(f"gold {where}: entity {e['name']!r} is not found in its text")
        names.add(e["name"])
    for i, r in enumerate(gold.get("relations", [])):
        if not isinstance(r, dict) or r.get("p") not in PROPERTIES:
            raise KGError(f"gold {where}: relation #{i + 1} has unknown property {r.get('p') if isinstance(r, dict) else r!r}")
        for end in ("s", "o"):
            if r.get(end) not in names:
                raise KGError(f"gold {where}: relation #{i + 1} ({r.get('s')} {r['p']} {r.get('o')}): "
                              f"{r.get(end)!r} is not an entity name of this file")
