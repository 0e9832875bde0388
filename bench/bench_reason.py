"""The fast reasoner beside owlrl on the same extracted graph, in one run.

    python bench/bench_reason.py [--releases 300] [--seed 0] [--scale 20000] [--synthetic]

A corpus of --releases generated releases (bench/generate.py) is extracted (kg.extract), then
reasoned with the build's ontology and reference data by the fast engine and by owlrl; both times
and their ratio are printed and the two useful closures must be equal (the run fails otherwise).
--scale N then times the fast engine alone on N releases (owlrl would take hours there), with its
peak memory. --synthetic uses kg.reason.synthetic's graph generator instead of generate + extract.
Target (issue 5): >= 50x owlrl's speed; 20,000 releases (~1M triples) in a few seconds.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.build import static_triples
from kg.iris import DEFAULT_BASE, Iris
from kg.reason.fast import fast_inference
from kg.reason.reference import owlrl_inference
from kg.reason.synthetic import reference_triples, synthetic_graph

SPEED_TARGET = 50.0


def extracted(releases: int, seed: int, synthetic: bool) -> tuple[list, float]:
    """The release graphs of `releases` releases and the seconds it took to make them."""
    began = time.perf_counter()
    if synthetic:
        return synthetic_graph(releases, DEFAULT_BASE, seed), time.perf_counter() - began
    from generate import write_corpus

    from kg.extract import ExtractedRelease, extract_all

    with tempfile.TemporaryDirectory(prefix="hkpr-bench-reason-") as tmp:
        write_corpus(releases, Path(tmp) / "corpus", seed=seed)
        items = extract_all([Path(tmp) / "corpus"], Iris(DEFAULT_BASE), jobs=0)
        quads = [q for e in items if isinstance(e, ExtractedRelease) for q in e.quads]
    return quads, time.perf_counter() - began


def static(releases: int, synthetic: bool) -> list:
    ontology, reference = static_triples(DEFAULT_BASE)
    extra = reference_triples(DEFAULT_BASE, releases) if synthetic else []
    return [*ontology, *reference, *extra]


def compare(releases: int, seed: int, synthetic: bool) -> float:
    data, made = extracted(releases, seed, synthetic)
    schema = static(releases, synthetic)
    print(
        f"graph: {releases} releases, {len(data)} quads (+ {len(schema)} ontology/reference), made in {made:.1f} s"
    )
    began = time.perf_counter()
    fast = fast_inference(data, schema, DEFAULT_BASE)
    fast_s = time.perf_counter() - began
    print(f"  fast : {fast_s:8.3f} s, {len(fast.triples)} inferred, {len(fast.errors)} error(s)")
    began = time.perf_counter()
    ref = owlrl_inference(data, schema, DEFAULT_BASE)
    owlrl_s = time.perf_counter() - began
    print(f"  owlrl: {owlrl_s:8.3f} s, {len(ref.triples)} inferred, {len(ref.errors)} error(s)")
    equal = fast.triples == ref.triples and fast.errors == ref.errors
    print(f"  useful closures equal: {equal}")
    if not equal:
        for t in sorted(map(str, ref.triples - fast.triples))[:5]:
            print(f"    owlrl only: {t}")
        for t in sorted(map(str, fast.triples - ref.triples))[:5]:
            print(f"    fast only : {t}")
        raise SystemExit("the fast engine and owlrl disagree")
    ratio = owlrl_s / fast_s
    verdict = "meets" if ratio >= SPEED_TARGET else "MISSES"
    print(f"  ratio owlrl / fast: {ratio:.0f}x ({verdict} the {SPEED_TARGET:.0f}x target)")
    return ratio


def scale(releases: int, seed: int, synthetic: bool) -> None:
    data, made = extracted(releases, seed, synthetic)
    schema = static(releases, synthetic)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began, cpu = time.perf_counter(), time.process_time()
    fast = fast_inference(data, schema, DEFAULT_BASE)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"scale: {releases} releases, {len(data)} quads (made in {made:.1f} s): fast engine {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU, {len(fast.triples)} inferred; peak RSS of this process {peak / 2**20:.2f} GiB "
        f"({before / 2**20:.2f} GiB before reasoning)"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--releases", type=int, default=300, help="releases reasoned by both engines (default 300)"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--scale", type=int, default=0, help="then time the fast engine alone on this many releases"
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
