"""kg.load: finding files, detecting encodings, document ids, skipping unusable files."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.load import (EmptyFileError, SkipFile, TooLargeError, UndecodableError, assign_doc_ids,
                     decode, doc_id_for, find_files, iter_sources, load_source)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SIMPLIFIED = ("一、青岛高新区不断优化营商环境，锚定主导产业和细分领域，围绕生物医药、智能制造等重点产业方向，"
              "加大外资招引力度。\n阿斯利康制药（青岛）有限公司于2022年落户，总投资约4.5亿美元。\n")
TRADITIONAL = ("新竹科學園區的廠商數量持續增長，園區管理局表示，今年營業額創新高。\n"
               "研究院在園區成立了新的實驗室，並與大學合作開發半導體技術。\n")


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- decode

@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),          # GBK is a subset of GB18030
    ("utf-16-le", "utf-16-le"),  # no BOM: found by the NUL parity
    ("utf-16-be", "utf-16-be"),
])
def test_decode_encodings(codec, expected):
    data = SIMPLIFIED.encode(codec)
    text, enc = decode(data)
    assert text == SIMPLIFIED
    assert enc == expected
    assert data.decode(enc) == text


@pytest.mark.parametrize("data, expected", [
    (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
    (SIMPLIFIED.encode("utf-32"), "utf-32"),
])
def test_decode_bom_is_not_part_of_the_text(data, expected):
    text, enc = decode(data)
    assert enc == expected
    assert text == SIMPLIFIED          # no "\ufeff" at the start
    assert data.decode(enc) == text


def test_decode_big5_traditional():
    data = TRADITIONAL.encode("big5")
    text, enc = decode(data)
    assert enc == "big5"
    assert text == TRADITIONAL


def test_decode_traditional_in_gb18030_stays_gb18030():
    data = TRADITIONAL.encode("gb18030")
    assert decode(data) == (TRADITIONAL, "gb18030")


def test_decode_seeds_as_gb18030():
    for f in sorted(SEEDS.glob("*.txt")):
        original = f.read_text("utf-8")
        assert decode(original.encode("gb18030")) == (original, "gb18030"), f.name


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",     # binary with NULs
    bytes(range(256)) * 4,                                     # everything, NULs at both parities
    b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"abc",         # control characters, no NUL
    "正文".encode("utf-8") + b"\x81",                           # truncated multi-byte sequence
    b"\xef\xbb\xbf\xff\xfe\xfd",                               # invalid UTF-8 after a UTF-8 BOM
])
def test_decode_rejects_binary_and_invalid_bytes(data):
    with pytest.raises(UndecodableError):
        decode(data)
    assert issubclass(UndecodableError, ValueError)


def test_damaged_utf8_is_not_read_as_gb18030():
    data = SIMPLIFIED.encode("utf-8")
    data = data[:30] + b"\xff" + data[30:]
    with pytest.raises(UndecodableError, match="invalid UTF-8 at byte 30"):
        decode(data)


def test_decode_ascii_and_empty():
    assert decode(b"plain text\n") == ("plain text\n", "utf-8")
    assert decode(b"") == ("", "utf-8")


# --------------------------------------------------------------------------- find_files

def test_find_files_recursive_sorted_and_filtered(tmp_path):
    write(tmp_path / "b.txt", b"b")
    write(tmp_path / "a" / "z.txt", b"z")
    write(tmp_path / "a" / "deep" / "y.TXT", b"y")
    write(tmp_path / "a" / "notes.md", b"no")
    write(tmp_path / ".hidden" / "h.txt", b"h")
    write(tmp_path / ".h.txt", b"h")
    got = find_files([tmp_path])
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel == ["a/deep/y.TXT", "a/z.txt", "b.txt"]


def test_find_files_explicit_file_any_suffix_and_dedup(tmp_path):
    f = write(tmp_path / "doc.md", b"x")
    g = write(tmp_path / "d" / "g.txt", b"x")
    got = find_files([f, tmp_path / "d", g, str(g)])
    assert got == sorted([f, g], key=lambda p: p.as_posix())


def test_find_files_missing_path(tmp_path):
    with pytest.raises(KGError, match="path not found: .*nope"):
        find_files([tmp_path / "nope"])


def test_iter_sources_missing_path_fails_before_reading(tmp_path):
    write(tmp_path / "ok.txt", "正文。".encode())
    with pytest.raises(KGError):
        iter_sources([tmp_path / "ok.txt", tmp_path / "missing"])


# --------------------------------------------------------------------------- ids

def test_doc_id_is_the_stem():
    assert doc_id_for("seeds/000_ab3555d335241228.txt") == "000_ab3555d335241228"
    assert doc_id_for(Path("x/青岛高新区.txt")) == "青岛高新区"


def test_duplicate_stems_are_disambiguated_deterministically(tmp_path, monkeypatch):
    a = write(tmp_path / "corpus" / "2023" / "news.txt", b"a")
    b = write(tmp_path / "corpus" / "2024" / "news.txt", b"b")
    c = write(tmp_path / "corpus" / "other.txt", b"c")
    ids = assign_doc_ids([a, b, c])
    assert ids[c] == "other"
    assert ids[a] != ids[b]
    assert ids[a].startswith("news-") and ids[b].startswith("news-")
    # the same corpus seen through relative paths from elsewhere gets the same ids
    monkeypatch.chdir(tmp_path / "corpus")
    rel = assign_doc_ids([Path("2023/news.txt"), Path("2024/news.txt"), Path("other.txt")])
    assert list(rel.values()) == [ids[a], ids[b], ids[c]]
    # … and so does a copy of the corpus somewhere else
    for p in (a, b):
        write(tmp_path / "copy" / p.relative_to(tmp_path / "corpus"), b"x")
    moved = assign_doc_ids(sorted((tmp_path / "copy").rglob("*.txt")))
    assert sorted(moved.values()) == sorted([ids[a], ids[b]])


def test_ids_unique_in_a_corpus(tmp_path):
    paths = [write(tmp_path / d / "same.txt", b"x") for d in "abcdefgh"]
    ids = assign_doc_ids(paths)
    assert len(set(ids.values())) == len(paths)


# --------------------------------------------------------------------------- iter_sources

def test_iter_sources_all_encodings_and_skips(tmp_path):
    d = tmp_path / "in"
    good = {
        "u8.txt": SIMPLIFIED.encode("utf-8"),
        "u8sig.txt": b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"),
        "gb.txt": SIMPLIFIED.encode("gb18030"),
        "gbk.txt": SIMPLIFIED.encode("gbk"),
        "big5.txt": TRADITIONAL.encode("big5"),
        "u16.txt": SIMPLIFIED.encode("utf-16"),
        "u16le.txt": SIMPLIFIED.encode("utf-16-le"),
    }
    for name, data in good.items():
        write(d / name, data)
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n ",
        "bomonly.txt": b"\xef\xbb\xbf",
        "binary.txt": b"\x00\x01\x02\xff\x00\x00\x10" * 50,
        "invalid.txt": "正文".encode() + b"\x81",
        "large.txt": ("很长。" * 400).encode(),
    }
    for name, data in bad.items():
        write(d / name, data)
    os.symlink(d / "does-not-exist", d / "dangling.txt")     # unreadable even for root
    warnings: list[str] = []
    sources = list(iter_sources([d], warn=warnings.append, max_bytes=1000))
    assert sorted(s.path.rsplit("/", 1)[1] for s in sources) == sorted(good)
    for s in sources:
        data = good[Path(s.path).name]
        assert s.sha256 == hashlib.sha256(data).hexdigest()
        assert s.doc_id == Path(s.path).stem
        assert data.decode(s.encoding) == s.text
        assert s.text in (SIMPLIFIED, TRADITIONAL)
        assert "\\" not in s.path
    assert len(warnings) == len(bad) + 1                      # one line per skipped file
    by_file = {w.split(":", 1)[0].rsplit("/", 1)[1]: w for w in warnings}
    assert set(by_file) == set(bad) | {"dangling.txt"}
    assert "empty" in by_file["empty.txt"] and "empty" in by_file["bomonly.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "undecodable" in by_file["invalid.txt"]
    assert "too large" in by_file["large.txt"]
    assert "unreadable" in by_file["dangling.txt"]
    assert all("\n" not in w for w in warnings)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read files without permission")
def test_unreadable_file_is_skipped(tmp_path):
    f = write(tmp_path / "secret.txt", "正文。".encode())
    f.chmod(0)
    warnings: list[str] = []
    assert list(iter_sources([tmp_path], warn=warnings.append)) == []
    assert len(warnings) == 1 and "secret.txt" in warnings[0] and "unreadable" in warnings[0]


def test_iter_sources_is_lazy(tmp_path):
    write(tmp_path / "a.txt", "甲。".encode())
    write(tmp_path / "b.txt", "乙。".encode())
    warnings: list[str] = []
    it = iter_sources([tmp_path], warn=warnings.append)
    assert next(it).text == "甲。"
    # b.txt is read only when asked for: deleted now, it becomes a skipped file
    (tmp_path / "b.txt").unlink()
    assert list(it) == []
    assert len(warnings) == 1 and "b.txt" in warnings[0]


def test_load_source_errors(tmp_path):
    with pytest.raises(EmptyFileError):
        load_source(write(tmp_path / "e.txt", b""), "e")
    with pytest.raises(TooLargeError):
        load_source(write(tmp_path / "l.txt", b"x" * 11), "l", max_bytes=10)
    with pytest.raises(SkipFile, match="unreadable"):
        load_source(tmp_path / "missing.txt", "m")
    s = load_source(write(tmp_path / "ok.txt", "正文。".encode("gb18030")), "ok")
    assert (s.doc_id, s.encoding, s.text) == ("ok", "gb18030", "正文。")


def test_seeds_load_as_utf8():
    sources = list(iter_sources([SEEDS], warn=pytest.fail))
    assert [s.doc_id for s in sources] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(sources) == 5
    for s in sources:
        assert s.encoding == "utf-8"
        assert s.text == Path(s.path).read_text("utf-8")
