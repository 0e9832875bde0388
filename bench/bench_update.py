"""`kg build --update` of one day on graphs of two sizes: does an update cost the day or the archive?

    python bench/bench_update.py [--sizes 20000 100000] [--corpus DIR ...] [--graph DIR ...]
                                 [--day-releases 96] [--replaced 4] [--day 2026-01-05]

For each size: a corpus is generated (or `--corpus` given, one per size), built with `kg build`
(or `--graph` given: a graph already built from that corpus; it is updated in place), then
updated with the same day: `--day-releases` new releases of `--day` (one generated corpus, the
same for every size) and `--replaced` releases of the archive read again with a correction
appended (so their graphs change). Each update runs as a child process; its wall time, peak
memory (process tree, sampled) and stage seconds (report.json) are printed, then the ratio of the
largest graph's update to the smallest's, stage by stage: near 1 when an update costs what the
day changes (issue 14: <= 60 s for a day on the 500,000-release graph).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import run_build
from support import corpus, gib, machine

GENERATE = Path(__file__).resolve().parent / "generate.py"


def day_folder(folder: Path, new: Path, archive: Path, replaced: int) -> Path:
    """The day to add: the new releases, and `replaced` releases of `archive` with a correction."""
    folder.mkdir(parents=True)
    for path in new.glob("*.jsonl"):
        (folder / path.name).write_bytes(path.read_bytes())
    files = sorted(archive.glob("*.jsonl"))
    rows = []
    for k in range(replaced):
        lines = files[(k * 7 + 3) * len(files) // (7 * replaced + 4)].read_text().splitlines()
        row = json.loads(lines[min(3, len(lines) - 1)])
        row["text"] += "\n\n     Correction: an earlier version of this release misstated the date."
        rows.append(json.dumps(row))
    (folder / "read-again.jsonl").write_text("".join(r + "\n" for r in rows))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--corpus", type=Path, nargs="*", default=[], help="a corpus per size (jsonl)")
    parser.add_argument("--graph", type=Path, nargs="*", default=[], help="a graph built from each corpus")
    parser.add_argument("--day-releases", type=int, default=96)
    parser.add_argument("--replaced", type=int, default=4)
    parser.add_argument("--day", default="2026-01-05", help="the new releases' date (after the archive's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="kg build --jobs for the builds"
    )
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    work = tempfile.TemporaryDirectory(prefix="hkpr-update-")
    root = Path(work.name)
    new = root / "new"
    command = [sys.executable, str(GENERATE), "--releases", str(args.day_releases), "--out", str(new)]
    command += ["--start", args.day, "--end", args.day, "--seed", str(args.seed + 7)]
    subprocess.run(command, check=True, capture_output=True)
    results = []
    for i, size in enumerate(args.sizes):
        given = args.corpus[i] if i < len(args.corpus) else None
        folder, keep, _ = corpus(size, args.seed, "jsonl", given)
        if i < len(args.graph):
            out = args.graph[i]
        else:
            out = root / f"graph-{size}"
            built = run_build(folder, out, args.jobs, None, True)
            print(f"{size} releases: built in {built['wall']:.1f} s, peak {gib(built['tree_peak'])}")
        day = day_folder(root / f"day-{size}", new, folder, args.replaced)
        result = run_build(day, out, 1, None, True, update=True)
        report = result["report"]
        stages = {k: v for k, v in report.get("seconds", {}).items() if "overlapped" not in k}
        print(
            f"{size} releases: --update of {args.day_releases} new and {args.replaced} read again: "
            f"{result['wall']:.1f} s wall, peak {gib(result['tree_peak'])}"
        )
        print(f"  {'; '.join(report.get('notes', []))}")
        print("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
        results.append((size, result["wall"], result["tree_peak"], stages))
        del keep
    (small, wall_a, peak_a, stages_a), (big, wall_b, peak_b, stages_b) = results[0], results[-1]
    print(
        f"update@{big} / update@{small}: wall {wall_b / wall_a:.2f} ({wall_b:.1f} / {wall_a:.1f} s), "
        f"peak {peak_b / peak_a:.2f} ({gib(peak_b)} / {gib(peak_a)})"
    )
    for name, seconds in stages_b.items():
        if name in stages_a:
            base = max(stages_a[name], 0.01)
            print(f"  {name:<14} {seconds:7.2f} s / {stages_a[name]:6.2f} s = {seconds / base:5.2f}")
    work.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
