"""Extraction speed: extract() over the seeds repeated N times (default 20), in chars/s."""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.extract import extract  # noqa: E402
from kg.load import assign_doc_ids, find_files, load_source  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
files = find_files(["seeds"])
ids = assign_doc_ids(files)
srcs = [load_source(f, ids[f]) for f in files]
extract(srcs[0])  # warm-up: dictionary and lexicon loading
big = [type(s)(s.doc_id, s.path, s.sha256, s.encoding, "\n\n".join([s.text] * n)) for s in srcs]
t0 = time.perf_counter()
chars = sum(extract(s).n_chars for s in big)
dt = time.perf_counter() - t0
print(f"{chars} chars in {dt:.2f}s = {chars / dt:,.0f} chars/s")
