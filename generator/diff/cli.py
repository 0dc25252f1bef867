"""`python -m generator diff OLD NEW`: the API change report between two versions of the specs.

Each side is an OpenAPI document, a proto root folder, a `generator.yaml` configuration or an IR
snapshot, optionally at a git revision (`HEAD~1:specs/generator.yaml`). Markdown on stdout by
default, `--format json` for tools. Exit codes: 0 done, 1 spec problems or (with
`--fail-on-breaking`) breaking changes found, 2 usage problems.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import Diagnostics, SpecError, UsageError

EXIT_OK, EXIT_SPEC, EXIT_USAGE = 0, 1, 2
HELP = "compare two versions of the specs and classify every API change"


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    sub = subparsers.add_parser("diff", help=HELP, description=HELP + ".")
    sides = "an OpenAPI file, a proto root folder, specs/generator.yaml or an IR snapshot; REV:path for a git revision"
    sub.add_argument("old", metavar="OLD", help=f"the old version: {sides}")
    sub.add_argument("new", metavar="NEW", help="the new version (same forms)")
    sub.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="report format (default: markdown)",
    )
    sub.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help="exit 1 when any change is breaking (for CI)",
    )
    sub.add_argument(
        "--package",
        default="api",
        metavar="NAME",
        help="package name for a side that is a single OpenAPI file or proto root (default: api)",
    )
    sub.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the report to FILE instead of stdout",
    )
    sub.add_argument("-q", "--quiet", action="store_true", help="no spec warnings on stderr")
    return sub


def run(args: argparse.Namespace) -> int:
    # imported here: `generate` builds this subcommand's arguments but never runs it
    from generator.diff import json_report, markdown
    from generator.diff.compare import diff_apis
    from generator.diff.sources import load_side

    diagnostics = Diagnostics()
    try:
        with tempfile.TemporaryDirectory(prefix="apigen-diff-") as scratch:
            old = load_side(args.old, args.package, diagnostics, Path(scratch) / "old")
            new = load_side(args.new, args.package, diagnostics, Path(scratch) / "new")
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("the API change report needs both sides to load", file=sys.stderr)
        return EXIT_SPEC
    if not args.quiet:
        diagnostics.report()
    changes = diff_apis(old, new)
    if args.format == "json":
        text = json_report.render(changes)
    else:
        packages = (
            sorted({api.name for api in (*old, *new)}) if len(old) > 1 or len(new) > 1 else ()
        )
        intro = f"From `{args.old}` to `{args.new}`."
        text = markdown.render(changes, intro=intro, packages=packages)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    breaking = sum(1 for c in changes if c.breaking)
    if args.fail_on_breaking and breaking:
        print(f"{breaking} breaking API change{'s' if breaking != 1 else ''}", file=sys.stderr)
        return EXIT_SPEC
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """The subcommand on its own (what `python -m generator diff` runs once wired in)."""
    parser = argparse.ArgumentParser(prog="python -m generator")
    add_parser(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
