"""The store's bulk load, in a child process of its own (`python -m kg._storeload DIR GRAPH
BASE`): Oxigraph loads in Rust and cannot be interrupted in a thread, but a child can be
stopped at once on Ctrl-C or SIGTERM (kg/store.py). Prints the triple count; on failure one line
on stderr and exit code 2. Imports nothing but pyoxigraph, so it starts in a moment."""
import sys


def main(argv: list[str]) -> int:
    location, graph, base = argv
    try:
        import pyoxigraph as ox
        store = ox.Store(location)
        try:
            store.bulk_load(path=graph, format=ox.RdfFormat.TURTLE, base_iri=base)
        except SyntaxError as exc:
            print(f"syntax: {exc}", file=sys.stderr)
            return 3
        n = len(store)
        store.flush()
        del store
    except KeyboardInterrupt:
        return 130
    except BaseException as exc:  # noqa: BLE001 — one line for the parent to report
        msg = str(exc).replace("\n", " ")
        print(f"{type(exc).__name__}: {msg}", file=sys.stderr)
        return 2
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
