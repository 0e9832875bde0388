"""Extraction accuracy on a generated corpus, with the project's scorer (../shared/eval/score.py).

    python bench/score_generated.py [--releases 500] [--seed 0] [--corpus DIR --gold FILE]

Generates a corpus with its gold facts (or takes both), lays the gold out as the scorer expects
(one `{id}.json` per release), runs `kg extract --format nq` over the corpus and scores the
N-Quads. The scorer queries rdflib once per release: keep the corpus to a few thousand releases.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", "-n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="mixed", choices=["jsonl", "txt", "csv", "mixed"])
    parser.add_argument("--corpus", type=Path, help="a corpus written by bench/generate.py (needs --gold)")
    parser.add_argument("--gold", type=Path, help="its gold JSON lines")
    parser.add_argument("--scorer", type=Path, default=SCORER, help=f"the scorer (default {SCORER})")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        print(f"score_generated: no scorer at {args.scorer} (../shared not found)", file=sys.stderr)
        return 2
    if (args.corpus is None) != (args.gold is None):
        parser.error("--corpus and --gold go together")
    with tempfile.TemporaryDirectory(prefix="hkpr-score-") as tmp:
        work = Path(tmp)
        corpus, gold = args.corpus, args.gold
        if corpus is None:
            corpus, gold = work / "corpus", work / "gold.jsonl"
            write_corpus(args.releases, corpus, seed=args.seed, fmt=args.format, gold=gold)
        gold_dir = work / "gold"
        gold_dir.mkdir()
        for line in gold.read_text().splitlines():
            row = json.loads(line)
            (gold_dir / f"{row['id']}.json").write_text(line)
        graph = work / "extracted.nq"
        with graph.open("wb") as out:
            done = subprocess.run(
                [sys.executable, "-m", "kg.cli", "extract", "--format", "nq", str(corpus)],
                stdout=out,
                stderr=subprocess.PIPE,
                text=False,
            )
        if done.returncode != 0:
            print(done.stderr.decode()[-2000:], file=sys.stderr)
            return 2
        return subprocess.run(
            [sys.executable, str(args.scorer), str(gold_dir), "--graph", str(graph)], cwd=ROOT
        ).returncode


if __name__ == "__main__":
    sys.exit(main())
