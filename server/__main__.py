"""`python -m server --data-dir DIR [options]`: serve a built data folder (the options are the Settings)."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError

from server.settings import Settings, settings_error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    Settings.add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_args(args)
    except ValidationError as exc:
        parser.error(settings_error(exc))
    if settings.data_dir is None:
        parser.error("--data-dir is required")
    from server.serve import run

    try:
        return run(settings.data_dir, settings)
    except FileNotFoundError as exc:
        print(f"python -m server: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
