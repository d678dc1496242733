"""holdsPost and worksFor: a person is linked to the organisation named in the title chain
right before the name ("青岛高新区管委会主任X", "A有限公司总经理Y"), or, for "公司总经理Y", to the
company the recogniser pointed 公司 at. A park's department stands for the park.
"""
from __future__ import annotations

import re

from kg.extract.relations.context import _Rels
from kg.model import Mention, Sentence


def _persons(text: str, sent: Sentence, ms: list[Mention], rels: _Rels, park_unit: dict[int, int]) -> None:
    """holdsPost / worksFor for the persons of one sentence."""
    for m in ms:
        if m.cls not in ("Official", "Executive"):
            continue
        orgs = _orgs_before(text, ms, m)
        ts = m.start - len(m.attrs.get("title", ""))
        if not orgs and "org_entity" in m.attrs and m.cls == "Executive" and \
                (text[max(0, ts - 3):ts].endswith(("公司", "该企业", "集团")) or m.attrs.get("org_brand")) and \
                cls_of_mention(ms, m.attrs["org_entity"]) in ("Company", "Institution", None):
            # "A…竣工，公司总经理Y说": the recogniser pointed 公司 at the company spoken of last
            rels.add(m.entity, "worksFor", m.attrs["org_entity"], sent, "post:company-anaphor", 0.8,
                     (ts - 2, m.end))
            continue
        if m.cls == "Official":
            for o in orgs:
                if o.cls in ("Park", "Agency"):
                    tgt = park_unit.get(o.entity, o.entity)
                    rels.add(m.entity, "holdsPost", tgt, sent, "post:title-after-org", 0.9, (o.start, m.end))
        else:
            for o in orgs[:1]:
                if o.cls in ("Company", "Institution"):
                    rels.add(m.entity, "worksFor", o.entity, sent, "post:title-after-org", 0.9, (o.start, m.end))


def cls_of_mention(ms: list[Mention], entity: int) -> str | None:
    """The class of ``entity`` if a mention of the sentence names it (None when none does)."""
    return next((o.cls for o in ms if o.entity == entity), None)


def _orgs_before(text: str, ms: list[Mention], person: Mention) -> list[Mention]:
    """Organisations in the title chain right before a person name, nearest first."""
    out = []
    pos = person.start
    for o in sorted((x for x in ms if x.end <= person.start), key=lambda x: -x.end):
        gap = text[o.end:pos]
        if o.cls in ("Official", "Executive", "Policy"):
            break
        if len(gap) > 30 or re.search(r"[，。；！？“”,;!?]", gap):
            break
        out.append(o)
        pos = o.start
    return out
