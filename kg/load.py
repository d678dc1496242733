"""Stage 1 — load: find the input ``.txt`` files, detect their encoding and decode them.

Real Chinese news files come as UTF-8 (with or without BOM), GB18030/GBK, Big5 or UTF-16. The
decoded text is kept exactly as decoded (only a BOM is dropped) because every later offset —
and the evidence offsets in the graph — index into it: ``data.decode(source.encoding) ==
source.text`` holds for every loaded file.

Files that cannot be used (empty, binary, undecodable, unreadable, too large) are skipped with
one warning line each; a missing input path is a user error (:class:`kg.errors.KGError`).
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import KGError
from kg.model import Source

#: default size limit: bigger files are almost certainly not a news article
MAX_BYTES = 64 * 2**20


class SkipFile(ValueError):
    """A file that is skipped with a warning; ``str(exc)`` is the reason."""


class UndecodableError(SkipFile):
    """Binary data or bytes no supported encoding can decode."""


class EmptyFileError(SkipFile):
    """No text at all (0 bytes, only a BOM or only whitespace)."""


class TooLargeError(SkipFile):
    """Larger than the configured limit."""


# --------------------------------------------------------------------------- finding files

def _posix(p: Path) -> str:
    return p.as_posix()


def name_text(name: str) -> str:
    """A file name as text that encodes to UTF-8.

    On POSIX a name that is not UTF-8 (GBK bytes, as unzip leaves them from Chinese archives)
    reaches Python with surrogate escapes, which cannot be written to the graph, the cache or
    the terminal. Its bytes are decoded as GB18030 (the mainland encoding, a superset of GBK),
    else shown with backslash escapes. UTF-8 names are returned unchanged.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def display_path(p: str | Path) -> str:
    """The POSIX form of a path, as text that encodes to UTF-8 (see name_text): what the graph,
    the cache and messages record. Open the file with the path itself."""
    return name_text(Path(p).as_posix())


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.txt`` files under directories (recursive) and the files named directly.

    A file named on the command line is taken whatever its suffix (the user asked for it);
    inside directories only ``*.txt`` (any case) is taken and hidden files/directories
    (``.git``, ``.ipynb_checkpoints`` …) are ignored. Duplicates are removed; the result is
    sorted by POSIX path so runs are deterministic.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise KGError(f"path not found: {name_text(str(raw))}")
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if name.startswith(".") or not name.lower().endswith(".txt"):
                        continue
                    f = Path(dirpath) / name
                    found.setdefault(os.path.realpath(f), f)
        else:
            found.setdefault(os.path.realpath(p), p)
    return sorted(found.values(), key=_posix)


# --------------------------------------------------------------------------- document ids

def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:8]


def doc_id_for(path: str | Path, root: str | Path | None = None, disambiguate: bool = False) -> str:
    """The document id of ``path``: its file stem.

    With ``disambiguate`` (used when several files share a stem) a short hash of the path
    relative to ``root`` is appended, e.g. ``report-1a2b3c4d`` — relative, so the id does not
    depend on the working directory or where the corpus is mounted.
    """
    p = Path(path)
    stem = name_text(p.stem or p.name)
    if not disambiguate:
        return stem
    rel = os.path.relpath(p, root) if root is not None else str(p)
    return f"{stem}-{_short_hash(display_path(rel))}"


def assign_doc_ids(paths: Iterable[str | Path]) -> dict[Path, str]:
    """A unique id for every path: the stem, or stem + hash when stems collide."""
    paths = [Path(p) for p in paths]
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for p in paths:
        by_stem[doc_id_for(p)].append(p)
    ids: dict[Path, str] = {}
    for stem, group in by_stem.items():
        if len(group) == 1:
            ids[group[0]] = stem
            continue
        parents = [os.path.abspath(g.parent) for g in group]
        root = os.path.commonpath(parents)
        for g in group:
            ids[g] = doc_id_for(os.path.abspath(g), root, disambiguate=True)
    # a disambiguated id could (in theory) equal another file's plain stem: make sure not
    seen: set[str] = set()
    for p in sorted(ids, key=_posix):
        i, n = ids[p], 1
        while i in seen:
            n += 1
            i = f"{ids[p]}-{n}"
        ids[p] = i
        seen.add(i)
    return ids


# --------------------------------------------------------------------------- decoding

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# C0 controls other than \t \n \v \f \r, DEL, and C1 controls: text files hardly contain them
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")
#: share of control characters above which decoded "text" is taken for binary data
MAX_CONTROL_SHARE = 0.01


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    n = len(text)
    # A stray NUL (a bad copy, an editor) is one control character among the rest: only a
    # share of them above MAX_CONTROL_SHARE makes the file binary, not a single one.
    if n and len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * n:
        raise UndecodableError("binary data (control characters)")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec (``utf-16-le``/``-be``) when the NUL bytes say so, else None.

    ASCII characters in UTF-16 have a NUL high byte, so NULs sit at odd offsets (LE) or even
    offsets (BE) — and only there. CJK text has few NULs (only its ASCII: newlines, digits),
    which is why the parity, not the count, decides.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    # a few NULs on the other side are CJK characters ending in 00 (一 is U+4E00)
    if odd >= 4 * even and odd:
        return "utf-16-le"
    if even >= 4 * odd and even:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _reject_damaged_utf8(data: bytes) -> None:
    """UTF-8 text with a few broken bytes must not be "decoded" as GB18030 mojibake (which
    accepts nearly anything): refuse it, naming the first bad byte."""
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    wide = len(loose) - len(loose.encode("ascii", errors="ignore")) - bad
    if wide >= 20 and 10 * bad <= wide:   # GBK read as UTF-8 gives far more errors than chars
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"undecodable bytes (invalid UTF-8 at byte {exc.start})") from None


def _gb_or_big5(data: bytes) -> tuple[str, str]:
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5")
    if gb is None and big5 is None:
        raise UndecodableError("undecodable bytes (not UTF-8, UTF-16, GB18030 or Big5)")
    if big5 is None:
        return gb, "gb18030"
    if gb is None:
        return big5, "big5"
    # Both decode: GB18030 decodes almost any byte string, Big5 most GBK ones, each into
    # plausible-looking but rare characters. charset-normalizer's language/coherence model
    # tells them apart; without a verdict (very short texts) GB18030, the mainland default.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding == "big5":
        return big5, "big5"
    return gb, "gb18030"


def decode(data: bytes) -> tuple[str, str]:
    """Decode raw file bytes: ``(text, encoding)`` with ``data.decode(encoding) == text``.

    Order: BOM (UTF-8, UTF-16 LE/BE, UTF-32) → UTF-16 without BOM (NUL parity) → strict
    UTF-8 → GB18030 or Big5. Raises :class:`UndecodableError` for binary data (NULs not
    explained by UTF-16, many control characters) or bytes no candidate decodes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise UndecodableError(f"invalid {codec} data after the byte-order mark")
            return _check_text(text, codec)
    nuls = data.count(b"\x00")
    if nuls and nuls <= MAX_CONTROL_SHARE * len(data):
        # valid UTF-8 with a stray NUL is UTF-8 (UTF-16 bytes of CJK text hardly ever are)
        text = _strict(data, "utf-8")
        if text is not None:
            return _check_text(text, "utf-8")
    if nuls:
        codec = _utf16_without_bom(data)
        text = _strict(data, codec) if codec else None
        if text is not None:
            return _check_text(text, codec)
        if nuls > MAX_CONTROL_SHARE * len(data):
            raise UndecodableError("binary data (NUL bytes)")
        # a few stray NULs in 8-bit text: decoded as usual, counted as control characters
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_text(text, "utf-8")
    _reject_damaged_utf8(data)
    text, codec = _gb_or_big5(data)
    return _check_text(text, codec)


# --------------------------------------------------------------------------- sources

def _default_warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_source(path: str | Path, doc_id: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode one file. Raises :class:`SkipFile` (with the reason) when unusable."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise TooLargeError(f"too large ({size} bytes, limit {max_bytes})")
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SkipFile(f"unreadable ({exc.strerror or exc.__class__.__name__})") from exc
    if len(data) > max_bytes:  # grew while we looked
        raise TooLargeError(f"too large (more than {max_bytes} bytes)")
    if not data:
        raise EmptyFileError("empty file")
    text, encoding = decode(data)
    if not text.strip():
        raise EmptyFileError("empty file (no text)")
    return Source(doc_id=doc_id, path=display_path(p), sha256=hashlib.sha256(data).hexdigest(),
                  encoding=encoding, text=text)


def iter_sources(paths: Iterable[str | Path], warn: Callable[[str], None] = _default_warn,
                 max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    """Yield one :class:`Source` per usable file, one file in memory at a time.

    The paths are checked at once — a missing one raises :class:`KGError` here, before
    anything is read; the files are then read lazily, as the iterator is consumed. Each
    unusable file produces exactly one ``warn("<path>: skipped, <reason>")`` call.
    """
    files = find_files(paths)
    ids = assign_doc_ids(files)
    return _iter_files(files, ids, warn, max_bytes)


def _iter_files(files: list[Path], ids: dict[Path, str], warn: Callable[[str], None],
                max_bytes: int) -> Iterator[Source]:
    for f in files:
        try:
            source = load_source(f, ids[f], max_bytes=max_bytes)
        except SkipFile as exc:
            warn(f"{display_path(f)}: skipped, {exc}")
            continue
        yield source
