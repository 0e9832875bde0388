"""The fast SHACL validator beside pyshacl on the same reasoned graph, in one run.

    python bench/bench_validate.py [--releases 300] [--seed 0] [--scale 20000] [--synthetic]

A corpus of --releases generated releases (bench/generate.py) is extracted and reasoned (fast
engine), then the reasoned graph (release graphs, ontology, reference data, inferred triples) is
validated against shapes/ by pyshacl (kg.validate) and by kg.validate_fast, from the quads in memory
(`validate_quads`) and from an on-disk store (`validate_store`); times, ratios and the equality of
the results are printed (the run fails if they differ). --scale N then times the fast validator
alone on N releases. --synthetic uses kg.reason.synthetic's graphs instead of generate + extract.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from bench_reason import extracted, static

from kg.iris import DEFAULT_BASE, ONTOLOGY
from kg.reason.fast import fast_inference
from kg.store import quads_in
from kg.validate import load_shapes, validate
from kg.validate_fast import compile_shapes, validate_quads, validate_store


def reasoned(releases: int, seed: int, synthetic: bool) -> tuple[list, list, list, list]:
    data, made = extracted(releases, seed, synthetic)
    schema = static(releases, synthetic)
    inferred = list(fast_inference(data, schema, DEFAULT_BASE).triples)
    print(
        f"graph: {releases} releases, {len(data)} quads + {len(schema)} static + {len(inferred)} inferred (made in {made:.1f} s)"
    )
    return data, schema, inferred, [*data, *schema, *inferred]


def in_store(folder: Path, data: list, schema: list, inferred: list) -> ox.Store:
    store = ox.Store(str(folder))
    store.bulk_extend(data)
    store.bulk_extend(quads_in(ONTOLOGY, schema))
    store.bulk_extend(quads_in(DEFAULT_BASE + "graph/inferred", inferred))
    store.flush()
    return store


def timed(label: str, run):
    began = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - began
    print(f"  {label:<24} {seconds:8.3f} s, conforms {result.conforms}, {len(result.results)} result(s)")
    return result, seconds


def compare(releases: int, seed: int, synthetic: bool) -> None:
    data, schema, inferred, everything = reasoned(releases, seed, synthetic)
    shapes = load_shapes()
    program = compile_shapes(shapes)
    ref, ref_s = timed("pyshacl", lambda: validate(everything, shapes))
    fast, fast_s = timed("fast, quads in memory", lambda: validate_quads(everything, program))
    with tempfile.TemporaryDirectory(prefix="hkpr-bench-validate-") as tmp:
        store = in_store(Path(tmp) / "store", data, schema, inferred)
        stored, store_s = timed("fast, on-disk store", partial(validate_store, store, program))
        del store
    if fast != ref or stored != ref:
        a, b = Counter(ref.results), Counter(fast.results)
        print(
            f"    pyshacl only: {sorted((a - b).elements())[:3]}\n    fast only: {sorted((b - a).elements())[:3]}"
        )
        raise SystemExit("the fast validator and pyshacl disagree")
    print(
        f"  results equal: True; ratio pyshacl / fast: {ref_s / fast_s:.0f}x (memory), {ref_s / store_s:.0f}x (store)"
    )


def scale(releases: int, seed: int, synthetic: bool) -> None:
    data, schema, inferred, everything = reasoned(releases, seed, synthetic)
    program = compile_shapes()
    timed(f"fast, memory, {releases}", lambda: validate_quads(everything, program))
    with tempfile.TemporaryDirectory(prefix="hkpr-bench-validate-") as tmp:
        began = time.perf_counter()
        store = in_store(Path(tmp) / "store", data, schema, inferred)
        print(f"  (store written in {time.perf_counter() - began:.1f} s)")
        timed(f"fast, store, {releases}", partial(validate_store, store, program))
        del store


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--releases", type=int, default=300, help="releases validated by both (default 300)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--scale", type=int, default=0, help="then time the fast validator alone on this many releases"
    )
    p.add_argument(
        "--synthetic", action="store_true", help="kg.reason.synthetic graphs instead of generate + extract"
    )
    args = p.parse_args(argv)
    compare(args.releases, args.seed, args.synthetic)
    if args.scale:
        scale(args.scale, args.seed, args.synthetic)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
