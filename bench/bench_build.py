"""`kg build` of a generated corpus: wall time per stage, peak memory, releases and triples.

    python bench/bench_build.py [--releases 20000] [--jobs 2] [--reasoner fast] [--update-day 60]
                                [--compare-owlrl [--owlrl-sample K]]

The build runs as a child process (`python -m kg.cli build`) into a temporary folder; its memory
is the resident memory of the whole process tree (the build and its extraction workers),
sampled every 0.1 s, and the largest single process as the kernel reports it
(getrusage(RUSAGE_CHILDREN)). Stage times come from the build's report.json.

--compare-owlrl then reasons over the very graph the build extracted (its release graphs, read
back from the built store) with the fast engine and with owlrl, in this process, and compares the
two closures. owlrl costs about 80 s per 100k triples: with --owlrl-sample K both engines run on
the graphs of K releases only, and owlrl's time on the whole graph is extrapolated linearly from
that (printed as an extrapolation). Targets (issue 5): <= 60 s wall and <= 2 GB peak for 20,000
releases; reasoning >= 50x owlrl's speed with the same useful closure.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import PeakMemory, Sampler, corpus, gib, machine, tree_rss

WALL_TARGET = 60.0  # seconds for 20,000 releases
MEMORY_TARGET = 2 * 10**9  # bytes
SPEED_TARGET = 50.0  # fast engine vs owlrl


class Trace(Sampler):
    """Every `interval` seconds, a line to `path`: seconds since the start, the tree's resident
    memory now and at its most so far, the load average (a long build's progress, read while it runs)."""

    def __init__(self, pid: int, path: Path | None, memory: PeakMemory, interval: float = 5.0) -> None:
        self.pid, self.path, self.memory, self.interval = pid, path, memory, interval
        self.samples: list[tuple[float, int]] = []  # (seconds, tree bytes)
        self.began = time.perf_counter()
        super().__init__()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now, rss = time.perf_counter() - self.began, tree_rss(self.pid)
            self.samples.append((now, rss))
            if self.path is not None:
                with self.path.open("a") as f:
                    f.write(
                        f"{now:7.0f} s  {gib(rss)} now  {gib(self.memory.peak)} peak  load {os.getloadavg()[0]:.1f}\n"
                    )

    def stage_peaks(self, seconds: dict[str, float]) -> dict[str, int]:
        """The most sampled during each stage, placing the stages end to end from the start (a
        stage met twice, as "search index", counts at its first place; approximate by a second)."""
        peaks: dict[str, int] = {}
        start = 1.0  # the interpreter's start and imports
        for name, spent in seconds.items():
            if "overlapped" in name:
                continue
            inside = [rss for t, rss in self.samples if start <= t < start + spent]
            if inside:
                peaks[name] = max(inside)
            start += spent
        return peaks


def run_build(
    folder: Path,
    out: Path,
    jobs: int,
    reasoner: str | None,
    shacl: bool,
    update: bool = False,
    trace: Path | None = None,
    memory_setting: str | None = None,
) -> dict:
    """Run `kg build` in a child process; wall seconds, peak memory and the build's report."""
    command = [sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out), "--jobs", str(jobs)]
    if memory_setting:
        command += ["--memory", memory_setting]
    if update:
        command.append("--update")
    if reasoner:
        command += ["--reasoner", reasoner]
    if not shacl:
        command.append("--no-shacl")
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with (
        PeakMemory(child.pid) as memory,
        Trace(child.pid, trace, memory, 1.0 if trace is None else 5.0) as traced,
    ):
        stdout, stderr = child.communicate()
    wall = time.perf_counter() - began
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    if child.returncode != 0:
        raise SystemExit(f"kg build failed (exit {child.returncode}):\n{stderr[-4000:]}")
    report = json.loads((out / "report.json").read_text())
    peaks = traced.stage_peaks(report.get("seconds", {}))
    return {
        "wall": wall,
        "tree_peak": memory.peak,
        "largest": largest,
        "report": report,
        "stdout": stdout,
        "stage_peaks": peaks,
    }


def compare_owlrl(out: Path, base: str, sample: int | None, seed: int) -> None:
    """Reason over the built graph's release graphs with the fast engine and with owlrl."""
    import pyoxigraph as ox

    from kg.build import reason, static_triples
    from kg.iris import Iris

    iris = Iris(base)
    store = ox.Store.read_only(str(out / "store"))
    try:
        from kg.build import release_quads

        data = release_quads(store, iris)
    except ImportError:
        prefix = iris.release("")
        data = [
            q
            for q in store
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(prefix)
        ]
    ontology, reference = static_triples(base)
    schema = [*ontology, *reference]
    whole = len(data)
    print(f"\nreasoning over the extracted graph: {whole} quads (release graphs as built)")

    began = time.perf_counter()
    fast_whole = reason(data, schema, base, "fast")
    fast_whole_s = time.perf_counter() - began
    print(
        f"  fast engine, whole graph:  {fast_whole_s:8.2f} s, {len(fast_whole.triples)} useful triples inferred"
    )

    measured = data
    if sample:
        graphs = sorted({q.graph_name.value for q in data if q.graph_name.value.startswith(iris.release(""))})
        keep = set(random.Random(seed).sample(graphs, min(sample, len(graphs))))
        measured = [q for q in data if q.graph_name.value in keep]
        print(
            f"  owlrl runs on a sample: the graphs of {len(keep)} of {len(graphs)} releases, {len(measured)} quads"
        )
    fast, fast_s = fast_whole, fast_whole_s
    if sample:  # the best of 3: a run this short is at the mercy of a busy machine
        fast_s = float("inf")
        for _ in range(3):
            gc.collect()
            began = time.perf_counter()
            fast = reason(measured, schema, base, "fast")
            fast_s = min(fast_s, time.perf_counter() - began)
    gc.collect()
    began = time.perf_counter()
    reference_run = reason(measured, schema, base, "owlrl")
    owlrl_s = time.perf_counter() - began
    same = fast.triples == reference_run.triples
    label = f"sample of {len(measured)} quads" if sample else "whole graph"
    print(
        f"  fast engine, {label}: {fast_s:8.2f} s{' (best of 3)' if sample else ''}, {len(fast.triples)} inferred"
    )
    print(f"  owlrl,       {label}: {owlrl_s:8.2f} s, {len(reference_run.triples)} inferred")
    print(f"  same useful closure: {'yes' if same else 'NO'}", end="")
    if not same:
        only_fast, only_owlrl = fast.triples - reference_run.triples, reference_run.triples - fast.triples
        print(f" ({len(only_owlrl)} only from owlrl, {len(only_fast)} only from the fast engine); e.g.")
        for t in list(only_owlrl)[:3]:
            print(f"    owlrl only: {t}")
        for t in list(only_fast)[:3]:
            print(f"    fast only:  {t}")
    else:
        print()
    ratio = owlrl_s / fast_s if fast_s else float("inf")
    print(f"  measured ratio owlrl / fast on the {label}: {ratio:.0f}x (target >= {SPEED_TARGET:.0f}x)")
    if sample:
        estimate = owlrl_s * whole / max(len(measured), 1)
        print(
            f"  EXTRAPOLATED (linear in quads, not measured): owlrl on the whole graph ~{estimate:.0f} s, "
            f"~{estimate / fast_whole_s:.0f}x the fast engine's measured {fast_whole_s:.2f} s"
        )


def update_day(out: Path, args: argparse.Namespace, full_wall: float) -> None:
    """`kg build --update` with a day of new releases, then the same day read again (replaced)."""
    generate = Path(__file__).resolve().parent / "generate.py"
    with tempfile.TemporaryDirectory(prefix="hkpr-day-") as tmp:
        day = Path(tmp) / "day"
        command = [sys.executable, str(generate), "--releases", str(args.update_day), "--out", str(day)]
        command += ["--start", args.day, "--end", args.day, "--seed", str(args.seed + 1)]
        subprocess.run(command, check=True, capture_output=True)
        for what in ("added", "replaced"):
            result = run_build(day, out, 1, args.reasoner, not args.no_shacl, update=True)
            report, wall = result["report"], result["wall"]
            stages = ", ".join(f"{k} {v:.2f}" for k, v in report.get("seconds", {}).items())
            print(
                f"kg build --update, {args.update_day} releases of {args.day} {what}: {wall:.1f} s wall "
                f"({wall / full_wall:.2f} of the full build's); peak {gib(result['tree_peak'])}"
            )
            print(f"  {'; '.join(report.get('notes', []))}")
            print(f"  seconds: {stages}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--releases", "-n", type=int, default=20000, help="releases to generate (default 20000)"
    )
    parser.add_argument("--corpus", type=Path, help="build this folder instead of a generated corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "txt", "csv", "mixed"])
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="kg build --jobs (default: cores)"
    )
    parser.add_argument(
        "--reasoner", choices=["fast", "owlrl"], help="kg build --reasoner (default: the build's)"
    )
    parser.add_argument("--no-shacl", action="store_true", help="kg build --no-shacl")
    parser.add_argument(
        "--keep", type=Path, help="build into this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--compare-owlrl",
        action="store_true",
        help="also time owlrl against the fast engine on the built graph",
    )
    parser.add_argument(
        "--owlrl-sample",
        type=int,
        metavar="K",
        help="with --compare-owlrl: run the engines on K releases and extrapolate owlrl",
    )
    parser.add_argument(
        "--update-day",
        type=int,
        default=60,
        metavar="N",
        help="then time kg build --update with N new releases of one day, added then replaced (0: skip)",
    )
    parser.add_argument("--day", default="2025-01-02", help="the date of that day's releases")
    parser.add_argument("--memory", help="kg build --memory (default: the build's)")
    parser.add_argument("--trace", type=Path, help="append the memory every 5 s to this file while it runs")
    args = parser.parse_args(argv)

    folder, tmp, gen_seconds = corpus(args.releases, args.seed, args.format, args.corpus)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(
        f"corpus: {folder}"
        + (f" ({args.releases} releases generated in {gen_seconds:.1f} s, not timed below)" if tmp else "")
    )
    work = tempfile.TemporaryDirectory(prefix="hkpr-build-") if args.keep is None else None
    out = args.keep or Path(work.name) / "data"
    result = run_build(
        folder, out, args.jobs, args.reasoner, not args.no_shacl, trace=args.trace, memory_setting=args.memory
    )
    report, wall = result["report"], result["wall"]

    print(f"kg build --jobs {args.jobs} ({report.get('reasoner')} reasoner): {wall:.1f} s wall")
    stages = report.get("seconds", {})
    for name, seconds in stages.items():
        print(f"  {name:<14} {seconds:7.2f} s  {seconds / wall:6.1%}")
    other = wall - sum(v for k, v in stages.items() if "overlapped" not in k)  # not a stage of its own
    print(f"  {'(start, exit)':<14} {other:7.2f} s  {other / wall:6.1%}")
    releases = report.get("releases_read", 0)
    print(
        f"releases: {releases} read, {len(report.get('rejected', []))} rejected; triples: {report.get('triples_asserted')} "
        f"asserted, {report.get('triples_inferred')} inferred, {report.get('triples_total')} in the store"
    )
    print(
        f"throughput: {releases / wall:.0f} releases/s, {report.get('triples_total', 0) / wall:.0f} triples/s end to end"
    )
    print(f"SHACL: {report.get('shacl_conforms')}; facts: {report.get('facts')}")
    print(
        f"peak memory: {gib(result['tree_peak'])} (process tree, sampled), {gib(result['largest'])} (largest process)"
    )
    peaks = result["stage_peaks"]
    print(
        "peak per stage (sampled, stages placed end to end): "
        + ", ".join(f"{k} {gib(v)}" for k, v in peaks.items())
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    scale = releases / 20000 if releases else 1.0
    print(
        f"targets for 20,000 releases: wall {wall:.1f} s / {WALL_TARGET * scale:.0f} s = {wall / (WALL_TARGET * scale):.2f}"
        + (f" (target scaled to {releases} releases)" if releases != 20000 else "")
        + f"; memory {gib(result['tree_peak'])} / 2 GB = {result['tree_peak'] / MEMORY_TARGET:.2f}"
    )
    if args.update_day:
        update_day(out, args, wall)
    if args.compare_owlrl:
        compare_owlrl(out, report.get("base") or "https://w3id.org/hkpr/id/", args.owlrl_sample, args.seed)
    if args.keep:
        print(f"the built graph is kept in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
