"""Query speed: every library query on a generated 1M-triple graph, embedded Oxigraph store vs
rdflib's in-memory store; and a cold `kg query` on a small graph.

    python benchmarks/bench_query.py [--triples 1000000] [--runs 7] [--rdflib-runs 3]

Writes benchmarks/results/query.md. Parameters are taken from the generated data (the most
connected park, a company with an alias, a group with subsidiaries …), so every query returns
rows. rdflib runs are capped (--rdflib-runs, --rdflib-timeout) because some queries take
minutes there.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import query as q  # noqa: E402
from kg.store import build_store, open_store  # noqa: E402

WORK = ROOT / "benchmarks" / "_work"
RESULTS = ROOT / "benchmarks" / "results" / "query.md"


def pick_params(store, base: str) -> dict[str, dict[str, str]]:
    """One parameter set per named query, chosen from the data so the queries have answers."""
    def one(sparql: str) -> str:
        res = q.run(store, sparql, base=base)
        for sol in res:
            return sol[0].value
        raise SystemExit(f"no parameter found by: {sparql}")

    park = one("SELECT ?n { ?p a pk:Park ; rdfs:label ?n ; pk:kind 'zone' . ?c pk:locatedIn ?p } "
               "GROUP BY ?n ORDER BY DESC(COUNT(?c)) LIMIT 1")
    park_alias = one(f"SELECT ?a {{ ?p rdfs:label {_lit(park)} ; skos:altLabel ?a }} LIMIT 1") \
        if _has_alias(store, base, park) else park
    company = one("SELECT ?a { ?c a pk:Company ; skos:altLabel ?a ; pk:locatedIn ?p } LIMIT 1")
    group = one("SELECT ?n { ?s pk:subsidiaryOf ?g . ?g rdfs:label ?n } GROUP BY ?n "
                "ORDER BY DESC(COUNT(?s)) LIMIT 1")
    official = one("SELECT ?n { ?o a pk:Official ; rdfs:label ?n ; pk:holdsPost ?p } LIMIT 1")
    exec_company = one("SELECT ?n { ?x pk:worksFor ?c . ?c rdfs:label ?n } LIMIT 1")
    return {
        "companies-of-park": {"park": park_alias},
        "parks-of-company": {"company": company},
        "policies-of-park": {"park": park},
        "officials-by-park": {"park": park},
        "executives-by-company": {"company": exec_company},
        "parks-by-companies": {},
        "parks-by-investments": {},
        "subsidiaries-of-group": {"group": group},
        "evidence": {"subject": official, "predicate": "holdsPost"},
        "entity": {"name": park},
        "co-mentioned": {"name": official},
        "search": {"text": park[:4]},
    }


def _lit(text: str) -> str:
    import pyoxigraph as ox
    return str(ox.Literal(text, language="zh"))


def _has_alias(store, base, park) -> bool:
    return bool(q.run(store, f"ASK {{ ?p rdfs:label {_lit(park)} ; skos:altLabel ?a }}", base=base))


def time_oxigraph(store, base, nq, params, runs) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        res = q.run(store, nq.text, base=base, params=params, kinds=q.kinds_of(nq))
        n = sum(1 for _ in res)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), n


def machine() -> str:
    """CPU model, cores, RAM and load: other jobs on a shared machine move the figures."""
    cpu = ram = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
                break
    except OSError:
        pass
    return f"{cpu}, nproc {os.cpu_count()}, RAM {ram}"


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def time_rdflib(graph, base, nq, params, runs, timeout) -> tuple[float | None, int | None]:
    """rdflib has no cancellation: a query over the timeout is left running in a daemon thread
    and reported as '> timeout'."""
    import pyoxigraph as ox
    kinds = q.kinds_of(nq)
    sparql = q.bind_values(nq.text, {k: q.bind_terms(v, kinds.get(k, "string"), base)
                                     for k, v in params.items()})
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in q.prefixes_for(base).items())
    sparql = f"BASE <{base}>\n{prologue}{sparql}"
    del ox
    times, n = [], None
    for _ in range(runs):
        box = {}

        def work():
            t = time.perf_counter()
            box["n"] = sum(1 for _ in graph.query(sparql))
            box["ms"] = (time.perf_counter() - t) * 1000

        th = threading.Thread(target=work, daemon=True)
        th.start()
        th.join(timeout)
        if "ms" not in box:
            return None, None
        times.append(box["ms"])
        n = box["n"]
    return statistics.median(times), n


def cold_query_seconds(out_dir: Path, runs: int = 5) -> list[float]:
    cmd = [sys.executable, "-m", "kg", "query", "companies-of-park", "--param",
           "park=青岛高新区", "--out", str(out_dir)]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)  # builds the store once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return times


def _ox_version() -> str:
    import pyoxigraph
    return getattr(pyoxigraph, "__version__", "?")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds over all queries; the reported figure is the median of the "
                         "round medians (other jobs on the machine come and go)")
    ap.add_argument("--rdflib-runs", type=int, default=3)
    ap.add_argument("--rdflib-timeout", type=float, default=120.0)
    ap.add_argument("--no-rdflib", action="store_true")
    args = ap.parse_args(argv)

    out = WORK / f"out-{args.triples}"
    graph = out / "graph.ttl"
    lines = []
    gen = ROOT / "benchmarks" / "gen_graph.py"
    if not graph.exists() or graph.stat().st_mtime < gen.stat().st_mtime:  # generator changed
        subprocess.run([sys.executable, str(gen), "--triples",
                        str(args.triples), "--out", str(graph)], check=True)
    t = time.perf_counter()
    build_store(out, graph)
    load_s = time.perf_counter() - t
    store, meta = open_store(out)
    base = meta["base"]
    n_triples = meta["triples"]
    print(f"store: {n_triples:,} triples loaded in {load_s:.1f}s")
    params = pick_params(store, base)

    # Oxigraph first: rdflib runs over the timeout keep a thread busy, which would slow
    # every later measurement.
    queries = q.list_queries()
    load_before = load()
    rounds: dict[str, list[float]] = {nq.name: [] for nq in queries}
    ox_rows = {}
    for r in range(args.rounds):
        for nq in queries:
            ms, ox_rows[nq.name] = time_oxigraph(store, base, nq, params.get(nq.name, {}), args.runs)
            rounds[nq.name].append(ms)
            print(f"round {r + 1} {nq.name:24s} rows {ox_rows[nq.name]:6d}  oxigraph {ms:8.1f} ms",
                  flush=True)
    load_after = load()
    ox_times = {n: (statistics.median(ts), ox_rows[n]) for n, ts in rounds.items()}

    rdf_graph, rdflib_load = None, None
    if not args.no_rdflib:
        import rdflib
        t = time.perf_counter()
        rdf_graph = rdflib.Graph()
        rdf_graph.parse(graph, format="turtle")
        rdflib_load = time.perf_counter() - t
        print(f"rdflib: parsed in {rdflib_load:.1f}s", flush=True)

    rows = []
    for nq in queries:
        p = params.get(nq.name, {})
        ox_ms, n = ox_times[nq.name]
        rl_ms = rl_n = None
        if rdf_graph is not None:
            rl_ms, rl_n = time_rdflib(rdf_graph, base, nq, p, args.rdflib_runs,
                                      args.rdflib_timeout)
        rows.append((nq.name, p, n, ox_ms, rl_ms, rl_n))
        rl = f"{rl_ms:,.0f} ms" if rl_ms is not None else (
            f"> {args.rdflib_timeout:.0f} s" if rdf_graph is not None else "-")
        print(f"{nq.name:24s} rdflib {rl}", flush=True)

    small = WORK / "out-seedlike"
    small_graph = small / "graph.ttl"
    seed_out = ROOT / "out"
    cold_dir = seed_out if (seed_out / "graph.ttl").exists() else small
    if cold_dir is small and not small_graph.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_graph.py"), "--docs", "12",
                        "--out", str(small_graph)], check=True)
    cold = cold_query_seconds(cold_dir)
    print(f"cold kg query ({cold_dir}): median {statistics.median(cold):.2f}s")

    lines.append("# Query benchmark\n")
    lines.append(f"Generated by `python benchmarks/bench_query.py` on {time.strftime('%Y-%m-%d')}: "
                 f"{machine()}, {platform.machine()}, Python {platform.python_version()}, "
                 f"pyoxigraph {_ox_version()}. Load average (1/5/15 min) before the Oxigraph "
                 f"runs {load_before}, after {load_after} (other jobs share the machine).\n")
    lines.append(f"Graph: {n_triples:,} triples generated by benchmarks/gen_graph.py (shape of "
                 "docs/graph-model.md). Store load (pyoxigraph bulk_load): "
                 f"{load_s:.1f} s" + (f"; rdflib parse: {rdflib_load:.1f} s." if rdflib_load else ".")
                 + "\n")
    lines.append(f"Oxigraph: median of {args.rounds} rounds (each the median of {args.runs} "
                 "runs; the spread column gives the lowest and highest round) on the embedded "
                 "store; rdflib: median of "
                 f"{args.rdflib_runs} runs on its in-memory Graph (capped at "
                 f"{args.rdflib_timeout:.0f} s per run). Target: ≤ 200 ms per query on Oxigraph.\n")
    lines.append("| query | parameters | rows | Oxigraph ms | spread ms | rdflib ms | rdflib / Oxigraph |")
    lines.append("|---|---|---:|---:|---:|---:|---:|")
    for name, p, n, ox_ms, rl_ms, rl_n in rows:
        ps = ", ".join(f"{k}={v}" for k, v in p.items()) or "—"
        if rl_ms is not None:
            rl, ratio = f"{rl_ms:,.0f}", f"{rl_ms / ox_ms:,.0f}×"
            if rl_n != n:
                ratio += f" (rdflib rows {rl_n})"
        elif rdf_graph is not None:
            rl, ratio = f"> {args.rdflib_timeout * 1000:,.0f}", f"> {args.rdflib_timeout * 1000 / ox_ms:,.0f}×"
        else:
            rl, ratio = "—", "—"
        spread = f"{min(rounds[name]):,.1f}–{max(rounds[name]):,.1f}"
        lines.append(f"| {name} | {ps} | {n} | {ox_ms:,.1f} | {spread} | {rl} | {ratio} |")
    lines.append("")
    lines.append(f"Cold `kg query companies-of-park --param park=青岛高新区` on `{cold_dir.relative_to(ROOT)}` "
                 f"(new Python process each time, {len(cold)} runs): median "
                 f"{statistics.median(cold):.2f} s, max {max(cold):.2f} s. Target: ≤ 1.0 s.\n")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
