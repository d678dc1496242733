"""Every shipped lexicon file can be extended by a same-named file in a user directory."""
from kg.extract.names import LEXICON_DIR, load_lexicon


def test_every_shipped_file_is_loaded():
    lex = load_lexicon(())
    for path in LEXICON_DIR.glob("*.txt"):
        if path.stem == "segment_markers":
            continue
        assert lex[path.stem], f"{path.name} is not loaded"


def test_user_file_extends_a_relation_lexicon(tmp_path):
    (tmp_path / "landing_triggers.txt").write_text("# mine\n扎堆\n", encoding="utf-8")
    shipped = load_lexicon(())["landing_triggers"]
    mine = load_lexicon((str(tmp_path),))["landing_triggers"]
    assert "扎堆" in mine and "扎堆" not in shipped
    assert set(shipped) <= set(mine)


def test_tagged_entries_are_read_without_their_tag():
    from kg.extract.names import load_lexicon
    lex = load_lexicon()
    assert "下辖" in lex.tagged("part_triggers", "has")
    assert "自贸片区" in lex.tagged("ftz_parts", "part") and "自贸片区" not in lex.tagged("ftz_parts", "whole")
    assert all(":" not in w for w in lex.tagged("anaphors", "park"))
