"""The ``smm`` command: ``check``, ``init``, ``schema``, ``diff``, ``render``, ``share``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="smm", description="Work with a social media strategy plan.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from . import check

    check.add_parser(sub)
    for name in ("scaffold", "schema", "diff", "engine", "share"):
        try:
            module = __import__(f"{__package__}.{name}", fromlist=["add_parser"])
        except ModuleNotFoundError as exc:  # a command still being built
            if exc.name != f"{__package__}.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
