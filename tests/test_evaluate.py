"""The gold scorer (kg/evaluate.py) and `kg eval`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.evaluate import (PredEntity, from_corpus, gold_from_docs, load_gold, normalize,
                         read_graph, score)
from kg.model import CLASSES, PROPERTIES

from helpers import seed_gold

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_MINI = FIXTURES / "gold_mini"
SEED_GOLD = seed_gold()  # outside the repository: the tests that need it skip without it

PREFIXES = """@prefix pk: <https://w3id.org/parkkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@base <https://w3id.org/parkkg/id/> .
"""


def lit(text: str) -> str:
    # JSON string escapes (\" \\ \n \uXXXX) are valid Turtle string escapes
    return json.dumps(text, ensure_ascii=False) + "@zh"


def turtle(nodes, edges) -> str:
    """nodes: (key, class, label, [alt labels]); edges: (key, property, key)."""
    out = [PREFIXES]
    for key, cls, label, alts in nodes:
        out.append(f"<e/{key}> a pk:{cls} ; rdfs:label {lit(label)}"
                   + "".join(f" ; skos:altLabel {lit(a)}" for a in alts) + " .")
    for s, p, o in edges:
        out.append(f"<e/{s}> pk:{p} <e/{o}> .")
    return "\n".join(out) + "\n"


def write(tmp_path: Path, nodes, edges) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(turtle(nodes, edges), encoding="utf-8")
    return path


def per(report_dict, kind, name):
    key = "per_class" if kind == "entities" else "per_property"
    d = report_dict[kind][key][name]
    return d["gold"], d["pred"], d["tp"]


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize("a, b", [
    ("青岛高新技术产业开发区", "青岛高新区"),
    ("北京经济技术开发区", "北京经开区"),
    ("阿斯利康制药（青岛）有限公司", "阿斯利康制药(青岛)有限公司"),   # full-width brackets
    ("ＡＢＢ（中国）有限公司", "abb(中国)有限公司"),                   # full-width Latin, case
    ("青 岛 高 新 区", "青岛高新区"),
    ("青岛\n高新区", "青岛高新区"),
    ("“金梧桐”计划", "金梧桐计划"),
    ("「张江之星」行动", "张江之星行动"),
    ("《关于进一步优化外商投资环境的意见》", "关于进一步优化外商投资环境的意见"),
    ("'ABC' \"x\"", "abcx"),
])
def test_normalize_equal(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("a, b", [
    ("阿斯利康", "阿斯利康制药（青岛）有限公司"),
    ("青岛高新区", "青岛市高新区"),
    ("高新区", "经开区"),
])
def test_normalize_different(a, b):
    assert normalize(a) != normalize(b)


# --------------------------------------------------------------------------- gold

def test_gold_mini_merge_and_counts():
    gold = load_gold(GOLD_MINI)
    assert gold.warnings == []
    assert gold.counts() == {
        "entities": {"Park": 2, "Company": 4, "Policy": 2, "Official": 1, "Executive": 1,
                     "Agency": 1, "Institution": 1},
        "relations": {"locatedIn": 4, "investsIn": 1, "issuedBy": 1, "appliesTo": 2,
                      "holdsPost": 1, "worksFor": 1, "subsidiaryOf": 1, "partOf": 1},
    }
    # 青岛高新区 (a) and 青岛高新技术产业开发区 (b) are one park by normalisation
    park = gold.entities[gold.index[("Park", "青岛高新区")]]
    assert park.docs == ("a.txt", "b.txt")
    # the crossdoc merge joins the full name with the short one of the other document
    edw = gold.entities[gold.index[("Company", normalize("埃地沃兹真空泵"))]]
    assert edw.name == "埃地沃兹真空泵制造（青岛）有限公司"
    assert set(edw.forms) == {"埃地沃兹真空泵制造（青岛）有限公司", "埃地沃兹", "埃地沃兹真空泵"}
    # the investsIn stated in both documents collapses to one relation with both evidences
    rel = gold.relations[(edw.id, "investsIn", park.id)]
    assert rel.docs == ("a.txt", "b.txt") and len(rel.evidence) == 2
    # optional: an entity in a.json, a name that is no entity, and the relations touching them
    assert gold.entities["Agency:山东省委省政府"].optional
    optional_rels = {(r.s_name, r.p, r.o_name) for r in gold.relations.values() if r.optional}
    assert optional_rels == {("关于进一步优化外商投资环境的意见", "issuedBy", "山东省委省政府"),
                             ("“稳岗”补贴政策", "appliesTo", "青岛高新区")}


def test_gold_same_name_different_types_stay_apart():
    docs = [{"doc": "x", "entities": [
        {"type": "Agency", "name": "浦东新区", "aliases": []},
        {"type": "Park", "name": "浦东新区", "aliases": []},
        {"type": "Official", "name": "王五", "aliases": []}],
        "relations": [{"s": "王五", "p": "holdsPost", "o": "浦东新区", "evidence": ""}]}]
    gold = gold_from_docs(docs)
    assert gold.counts()["entities"]["Agency"] == 1 and gold.counts()["entities"]["Park"] == 1
    # both are allowed objects of holdsPost; the exact-name entry that comes first is taken
    assert list(gold.relations) == [("Official:王五", "holdsPost", "Agency:浦东新区")]


def test_optional_names_count_neither_way_in_any_class():
    docs = [{"doc": "x", "entities": [
        {"type": "Agency", "name": "河南省委省政府", "aliases": ["省委省政府"]},
        {"type": "Park", "name": "郑州高新区", "aliases": []}],
        "relations": [{"s": "补贴政策", "p": "appliesTo", "o": "郑州高新区"}]}]
    gold = gold_from_docs(docs, {"optional": ["河南省委省政府", "“补贴”政策"]})
    assert gold.counts()["entities"]["Agency"] == 0
    assert [r.optional for r in gold.relations.values()] == [True]
    graph = [PredEntity("a", "Institution", ("省委省政府",)),   # alias of an optional entity
             PredEntity("b", "Policy", ("补贴政策",)),          # optional name, no gold entity
             PredEntity("c", "Park", ("郑州高新技术产业开发区",)),
             PredEntity("d", "Policy", ("补贴办法",))]
    report = score(graph, [("b", "appliesTo", "c"), ("d", "appliesTo", "c"),
                           ("a", "holdsPost", "c")], gold)
    assert (report.ignored_entities, report.ignored_relations) == (2, 2)
    assert report.entity_micro.to_dict()["pred"] == 2 and report.entity_micro.tp == 1
    assert report.relation_micro.pred == 1 and report.relation_micro.tp == 0


def test_gold_warnings_for_unknown_names():
    docs = [{"doc": "x", "entities": [{"type": "Park", "name": "甲高新区", "aliases": []}],
             "relations": [{"s": "乙公司", "p": "locatedIn", "o": "甲高新区"}]}]
    gold = gold_from_docs(docs, {"merge": [["甲高新区", "丙园"]]})
    assert not gold.relations
    assert any("乙公司" in w for w in gold.warnings)
    assert any("丙园" in w for w in gold.warnings)


def test_gold_errors(tmp_path):
    with pytest.raises(KGError, match="no gold directory"):
        load_gold(tmp_path / "missing")
    with pytest.raises(KGError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KGError, match="a.json"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text(json.dumps(
        {"entities": [{"type": "Person", "name": "张三"}], "relations": []}), encoding="utf-8")
    with pytest.raises(KGError, match="Person"):
        load_gold(tmp_path)


# --------------------------------------------------------------------------- scoring

#: A graph with one error of each kind against gold_mini (see the expectations below).
MINI_NODES = [
    ("p1", "Park", "青岛高新区", ["青岛高新技术产业开发区"]),
    ("p2", "Park", "青岛高新技术产业开发区", []),               # unmerged duplicate of p1
    ("c1", "Company", "阿斯利康制药(青岛)有限公司", []),         # half-width brackets
    ("c2", "Company", "阿斯利康", []),
    ("c3", "Company", "埃地沃兹", []),                          # alias of the merged company
    ("c4", "Company", "科捷机器人有限公司", []),                 # not a gold name form
    ("c5", "Company", "中国医学科学院医学生物学研究所", []),      # gold: Institution
    ("y1", "Policy", "《关于进一步优化外商投资环境的意见》", []),
    ("y2", "Policy", "金梧桐计划", []),
    ("y3", "Policy", "“稳岗”补贴政策", []),                     # optional, no gold entity
    ("o1", "Official", "李 天传", []),
    ("a1", "Agency", "国务院", []),
    ("a2", "Agency", "山东省委省政府", []),                     # optional gold entity
    ("a3", "Agency", "青岛市", []),
]
MINI_EDGES = [
    ("c1", "locatedIn", "p1"),      # TP
    ("c1", "locatedIn", "p2"),      # same gold edge through the duplicate node: FP
    ("c1", "subsidiaryOf", "c2"),   # TP
    ("c3", "investsIn", "p2"),      # TP (the duplicate node still maps to the gold park)
    ("c3", "locatedIn", "p1"),      # TP
    ("c4", "locatedIn", "p1"),      # FP: subject not in gold
    ("c5", "locatedIn", "p1"),      # FP: subject has the wrong class
    ("y1", "issuedBy", "a1"),       # TP
    ("y1", "issuedBy", "a2"),       # optional
    ("y3", "appliesTo", "p1"),      # optional
    ("y1", "appliesTo", "p1"),      # TP
    ("y2", "issuedBy", "p1"),       # FP: gold has appliesTo
    ("o1", "holdsPost", "p1"),      # TP
    ("o1", "holdsPost", "a3"),      # FP: object not in gold
]


def mini_report(tmp_path):
    entities, relations = read_graph(write(tmp_path, MINI_NODES, MINI_EDGES))
    return score(entities, relations, load_gold(GOLD_MINI))


def test_score_mini_entities(tmp_path):
    report = mini_report(tmp_path)
    d = report.to_dict()
    assert per(d, "entities", "Park") == (2, 2, 1)
    assert per(d, "entities", "Company") == (4, 5, 3)
    assert per(d, "entities", "Policy") == (2, 2, 2)
    assert per(d, "entities", "Official") == (1, 1, 1)
    assert per(d, "entities", "Executive") == (1, 0, 0)
    assert per(d, "entities", "Agency") == (1, 2, 1)
    assert per(d, "entities", "Institution") == (1, 0, 0)
    micro = d["entities"]["micro"]
    assert (micro["gold"], micro["pred"], micro["tp"]) == (12, 12, 8)
    assert micro["precision"] == micro["recall"] == micro["f1"] == round(8 / 12, 4)
    assert d["entities"]["per_class"]["Executive"]["precision"] is None
    assert d["ignored"] == {"entities": 2, "relations": 2}

    errors = {(e.kind, e.group, e.text.split(" [")[0]): e.note for e in report.entity_errors}
    assert set(errors) == {
        ("FP", "Park", "青岛高新技术产业开发区"),
        ("FN", "Park", "青岛海洋生物医药产业基地"),
        ("FP", "Company", "科捷机器人有限公司"),
        ("FN", "Company", "科捷机器人"),
        ("FP", "Company", "中国医学科学院医学生物学研究所"),
        ("FN", "Institution", "中国医学科学院医学生物学研究所"),
        ("FN", "Executive", "洪锡哲"),
        ("FP", "Agency", "青岛市"),
    }
    assert errors[("FP", "Park", "青岛高新技术产业开发区")].startswith("duplicate of 青岛")
    assert "gold has it as Institution" in errors[("FP", "Company", "中国医学科学院医学生物学研究所")]


def test_score_mini_relations(tmp_path):
    d = mini_report(tmp_path).to_dict()
    expected = {"locatedIn": (4, 5, 2), "investsIn": (1, 1, 1), "issuedBy": (1, 2, 1),
                "appliesTo": (2, 1, 1), "holdsPost": (1, 2, 1), "worksFor": (1, 0, 0),
                "subsidiaryOf": (1, 1, 1), "partOf": (1, 0, 0)}
    assert {p: per(d, "relations", p) for p in PROPERTIES} == expected
    micro = d["relations"]["micro"]
    assert (micro["gold"], micro["pred"], micro["tp"]) == (12, 12, 7)
    notes = {e["text"]: e["note"] for e in d["errors"]["relations"] if e["kind"] == "FP"}
    assert notes["阿斯利康制药(青岛)有限公司 —locatedIn→ 青岛高新技术产业开发区"].startswith("duplicate of")
    assert notes["科捷机器人有限公司 —locatedIn→ 青岛高新区"] == "subject not in gold"
    assert notes["中国医学科学院医学生物学研究所 —locatedIn→ 青岛高新区"] == \
        "subject not in gold as Company"
    assert notes["金梧桐计划 —issuedBy→ 青岛高新区"] == "gold has appliesTo"
    assert notes["李 天传 —holdsPost→ 青岛市"] == "object not in gold"
    fns = {e["text"]: e["note"] for e in d["errors"]["relations"] if e["kind"] == "FN"}
    assert set(fns) == {
        "科捷机器人 —locatedIn→ 青岛高新区",
        "中国医学科学院医学生物学研究所 —locatedIn→ 青岛高新区",
        "“金梧桐”计划 —appliesTo→ 青岛高新区",
        "洪锡哲 —worksFor→ 埃地沃兹真空泵制造（青岛）有限公司",
        "青岛海洋生物医药产业基地 —partOf→ 青岛高新区",
    }
    assert "subject missing from graph" in fns["洪锡哲 —worksFor→ 埃地沃兹真空泵制造（青岛）有限公司"]
    assert "«埃地沃兹总经理洪锡哲»" in fns["洪锡哲 —worksFor→ 埃地沃兹真空泵制造（青岛）有限公司"]


def test_score_in_memory_matches_file(tmp_path):
    entities, relations = read_graph(write(tmp_path, MINI_NODES, MINI_EDGES))
    in_memory = [PredEntity(f"e/{k}", c, (label, *alts)) for k, c, label, alts in MINI_NODES]
    rels = [(f"e/{s}", p, f"e/{o}") for s, p, o in MINI_EDGES]
    gold = load_gold(GOLD_MINI)
    a, b = score(entities, relations, gold).to_dict(), score(in_memory, rels, gold).to_dict()
    assert a["entities"] == b["entities"] and a["relations"] == b["relations"]


def test_node_matching_two_gold_entities_prefers_its_label():
    gold = load_gold(GOLD_MINI)
    # a node that wrongly merged the parent and the subsidiary: it hits the one its label names
    merged = PredEntity("x", "Company", ("阿斯利康", "阿斯利康制药（青岛）有限公司"))
    report = score([merged], [], gold)
    assert report.entities["Company"].tp == 1
    assert [e.text for e in report.entity_errors if e.group == "Company" and e.kind == "FN"] \
        == ["埃地沃兹真空泵制造（青岛）有限公司 [also: 埃地沃兹, 埃地沃兹真空泵]",
            "科捷机器人", "阿斯利康制药（青岛）有限公司"]


def test_relations_to_untyped_nodes_are_not_scored(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(turtle([("p1", "Park", "青岛高新区", [])], []) +
                    "<e/x> pk:partOf <e/p1> .\n<e/p1> pk:partOf <e/y> .\n", encoding="utf-8")
    entities, relations = read_graph(path)
    assert [e.id for e in entities] == ["https://w3id.org/parkkg/id/e/p1"]
    assert relations == []


def test_read_graph_fixture():
    entities, relations = read_graph(FIXTURES / "mini.ttl")
    assert sorted(e.cls for e in entities) == sorted(
        ["Park", "Park", "Company", "Company", "Company", "Company", "Policy", "Official",
         "Executive", "Agency", "Institution"])
    park = next(e for e in entities if e.label == "青岛高新区")
    assert park.names == ("青岛高新区", "青岛高新技术产业开发区")
    assert len(relations) == 12 and all(p in PROPERTIES for _, p, _ in relations)


def test_read_graph_errors(tmp_path):
    with pytest.raises(KGError, match="no graph at .*run kg build first"):
        read_graph(tmp_path / "graph.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(KGError, match="cannot read graph"):
        read_graph(bad)


# --------------------------------------------------------------------------- the seed gold

def gold_as_graph(gold):
    """Nodes and edges exactly as the gold says (optional entries included)."""
    keys = {gid: f"n{i}" for i, gid in enumerate(sorted(gold.entities))}
    nodes = [(keys[g.id], g.cls, g.name, list(g.forms[1:])) for g in gold.entities.values()]
    named = {k for g in gold.entities.values() for k in g.keys}
    for i, name in enumerate(sorted(gold.optional_keys - named)):
        gid = f"optional:{name}"
        keys[gid] = f"opt{i}"
        nodes.append((keys[gid], "Policy", name, []))
    edges = [(keys[r.s], r.p, keys[r.o]) for r in gold.relations.values()]
    return nodes, edges


@pytest.mark.skipif(not SEED_GOLD.is_dir(), reason="seed gold not available")
def test_seed_gold_counts():
    gold = load_gold(SEED_GOLD)
    assert gold.warnings == []
    # by hand: raw entries minus optional ones minus cross-document merges, e.g. Park 50 - 3
    # (青岛高新区 is in four documents), Company 72 - 2 optional - 5 merged, Agency 27 - 4 - 2
    assert gold.counts() == {
        "entities": {"Park": 47, "Company": 65, "Policy": 25, "Official": 7, "Executive": 10,
                     "Agency": 21, "Institution": 34},
        # 195 raw relations, 10 optional, 7 stated in two documents
        "relations": {"locatedIn": 73, "investsIn": 16, "issuedBy": 22, "appliesTo": 24,
                      "holdsPost": 8, "worksFor": 10, "subsidiaryOf": 7, "partOf": 18},
    }
    kejie = gold.entities[gold.index[("Company", normalize("科捷机器人"))]]
    assert kejie.name == "青岛科捷机器人有限公司" and len(kejie.docs) == 2


@pytest.mark.skipif(not SEED_GOLD.is_dir(), reason="seed gold not available")
def test_seed_gold_scores_itself_perfectly(tmp_path):
    gold = load_gold(SEED_GOLD)
    nodes, edges = gold_as_graph(gold)
    report = score(*read_graph(write(tmp_path, nodes, edges)), gold)
    assert report.entity_micro.f1 == 1.0 and report.relation_micro.f1 == 1.0
    assert all(s.f1 == 1.0 for s in report.entities.values())
    assert all(s.f1 == 1.0 for s in report.relations.values())
    assert report.entity_errors == [] and report.relation_errors == []
    assert report.ignored_entities == 14 and report.ignored_relations == 10


def gold_as_corpus(gold):
    from kg.model import Corpus, Entity, Relation
    ents = {g.id: Entity(key=g.name, cls=g.cls, label=g.name, aliases=sorted(g.forms[1:]))
            for g in gold.entities.values()}
    rels = [Relation(ents[r.s].key, ents[r.s].cls, r.p, ents[r.o].key, ents[r.o].cls)
            for r in gold.relations.values() if r.s in ents and r.o in ents]
    return Corpus(docs=[], entities=list(ents.values()), relations=rels)


@pytest.mark.skipif(not SEED_GOLD.is_dir(), reason="seed gold not available")
def test_seed_gold_through_the_graph_writer(tmp_path):
    """The graph writer's IRIs, escaping and labels read back to a perfect score; in memory
    (from_corpus) gives the same."""
    from kg.graph import write_turtle
    gold = load_gold(SEED_GOLD)
    corpus = gold_as_corpus(gold)
    write_turtle(corpus, tmp_path / "graph.ttl")
    from_file = score(*read_graph(tmp_path / "graph.ttl"), gold)
    in_memory = score(*from_corpus(corpus), gold)
    for report in (from_file, in_memory):
        assert report.entity_micro.f1 == 1.0 and report.relation_micro.f1 == 1.0
        assert report.entity_micro.tp == 209 and report.relation_micro.tp == 178


@pytest.mark.skipif(not SEED_GOLD.is_dir(), reason="seed gold not available")
def test_seed_gold_short_names_only_still_match(tmp_path):
    """A graph that knows only the shortest name form of every entity still hits each one."""
    gold = load_gold(SEED_GOLD)
    ents = [PredEntity(g.id, g.cls, (min(g.forms, key=len),)) for g in gold.entities.values()]
    report = score(ents, [(r.s, r.p, r.o) for r in gold.relations.values()], gold)
    assert report.entity_micro.f1 == 1.0 and report.relation_micro.f1 == 1.0


# --------------------------------------------------------------------------- CLI

def test_cli_text(tmp_path):
    graph = write(tmp_path, MINI_NODES, MINI_EDGES)
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD_MINI), "--out", str(graph)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Entities", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"]
    assert lines[1].split() == ["Park", "2", "2", "1", "1", "1", "0.500", "0.500", "0.500"]
    assert any(line.split()[:1] == ["Relations"] for line in lines)
    assert "micro F1: entities 0.667, relations 0.583" in result.output
    assert "FP  青岛高新技术产业开发区" not in result.output   # errors only with --errors


def test_cli_errors(tmp_path):
    graph = write(tmp_path, MINI_NODES, MINI_EDGES)
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD_MINI), "--out", str(graph),
                                       "--errors"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "FP  青岛高新技术产业开发区   (duplicate of 青岛高新区" in out
    assert "FN  洪锡哲" in out
    assert "FN  青岛海洋生物医药产业基地 —partOf→ 青岛高新区" in out
    # grouped: the Park errors come under a Park heading, before the Company ones
    assert out.index("  Park\n") < out.index("FP  青岛高新技术产业开发区") < out.index("  Company\n")


def test_cli_json(tmp_path):
    graph = write(tmp_path, MINI_NODES, MINI_EDGES)
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "--gold", str(GOLD_MINI), "--out", str(graph),
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["entities"]["per_class"]) == set(CLASSES)
    assert set(data["relations"]["per_property"]) == set(PROPERTIES)
    assert data["relations"]["micro"]["tp"] == 7 and "errors" not in data
    result = runner.invoke(main, ["eval", "--gold", str(GOLD_MINI), "--out", str(graph),
                                  "--format", "json", "--errors"])
    assert len(json.loads(result.output)["errors"]["entities"]) == 8


def test_cli_default_graph_and_missing_inputs(tmp_path, monkeypatch):
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)  # the default --graph is relative: out/graph.ttl
    result = runner.invoke(main, ["eval", "--gold", str(GOLD_MINI)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: no graph at out/graph.ttl: run kg build first"]
    Path("out").mkdir()
    Path("out/graph.ttl").write_text(turtle(MINI_NODES, MINI_EDGES), encoding="utf-8")
    result = runner.invoke(main, ["eval", "--gold", str(GOLD_MINI), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["entities"]["micro"]["tp"] == 8
    result = runner.invoke(main, ["eval", "--gold", "nowhere"])
    assert result.exit_code == 2 and "no gold directory at nowhere" in result.output
    result = runner.invoke(main, ["eval"])
    assert result.exit_code == 2 and "--gold" in result.output


def test_cli_gold_dir_copy_without_crossdoc(tmp_path):
    """Without crossdoc.json nothing is optional and the merge group is two companies."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for name in ("a.json", "b.json"):
        shutil.copy(GOLD_MINI / name, gold_dir / name)
    gold = load_gold(gold_dir)
    assert gold.counts()["entities"]["Company"] == 5
    assert gold.counts()["entities"]["Agency"] == 2
    assert not any(r.optional for r in gold.relations.values())
    assert len([r for r in gold.relations.values() if r.s.startswith("optional:")]) == 0
    assert any("稳岗" in w for w in gold.warnings)
