"""Command line: `python -m generator {generate,check,ir,diff}`. Exit codes: 0 ok, 1 spec problems, 2 usage."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.cache_location import caching
from generator.cache_sweep import limits_from_environment, sweep_cache_folder
from generator.config import (
    DEFAULT_CONFIG,
    Config,
    PackageConfig,
    check_package_name,
    check_ref_roots,
    load_config,
)
from generator.diagnostics import Diagnostics, SpecError, UsageError
from generator.write import FormatError

EXIT_OK, EXIT_SPEC, EXIT_USAGE = 0, 1, 2
# Young objects are collected as usual; a collection of the whole heap waits for this many
# collections of the middle generation (Python's default: 10).
FULL_COLLECTION_AFTER = 1000


@contextmanager
def few_full_collections() -> Iterator[None]:
    """A run builds large structures that live until it ends (the IR, rendered files) and holds
    next to no reference cycles: each collection of the whole heap walks all of it and frees
    nothing (on 1,000 protos, six of them cost 0.5 s of 6 s). Cycles made and dropped while
    young are still freed. What the caches load is never walked (`cache_pickle.long_lived_loads`)."""
    from generator.cache_pickle import long_lived_loads

    saved = gc.get_threshold()
    gc.set_threshold(saved[0], saved[1], FULL_COLLECTION_AFTER)
    try:
        with long_lived_loads():
            yield
    finally:
        gc.set_threshold(*saved)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate sync + async Python clients and Markdown docs from OpenAPI and .proto specs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "generate": "render the configured packages into the output folder",
        "check": "regenerate into a temporary folder and fail if the output folder differs",
        "ir": "print the intermediate representation of one package as JSON",
    }
    for name, text in helps.items():
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--config", type=Path, help=f"configuration file (default: {DEFAULT_CONFIG})")
        sub.add_argument("--openapi", type=Path, metavar="FILE", help="an OpenAPI document (ad hoc mode)")
        sub.add_argument("--proto-root", type=Path, metavar="DIR", help="a folder of .proto files (ad hoc mode)")
        sub.add_argument(
            "--proto", action="append", default=[], metavar="FILE",
            help="a .proto file relative to --proto-root (repeatable; default: all under the root)",
        )
        sub.add_argument(
            "--ref-root", action="append", default=[], type=Path, metavar="DIR",
            help="a folder besides the document's own that its $refs may read (ad hoc mode; repeatable)",
        )
        sub.add_argument(
            "--overlay", action="append", default=[], type=Path, metavar="FILE",
            help="an OpenAPI Overlay 1.0 document applied to --openapi (repeatable, in order)",
        )
        sub.add_argument("--package", metavar="NAME", help="package name (ad hoc mode; with `ir`: which package)")
        sub.add_argument("--strict", action="store_true", help="treat spec warnings as errors")
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress or warnings on stderr")
        if name != "ir":
            sub.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: from the configuration)")
            sub.add_argument("--no-cache", action="store_true", help="regenerate even when nothing changed")
    from generator.diff import cli as diff_cli

    diff_cli.add_parser(commands)
    return parser


def _config_from_args(args: argparse.Namespace) -> Config:
    ad_hoc = args.openapi is not None or args.proto_root is not None
    if ad_hoc:
        if args.openapi is not None and args.proto_root is not None:
            raise UsageError("give either --openapi or --proto-root, not both")
        if not args.package:
            raise UsageError("--package NAME is required with --openapi or --proto-root")
        out = getattr(args, "out", None)
        if out is None and args.command != "ir":
            raise UsageError("--out DIR is required with --openapi or --proto-root")
        source = args.openapi or args.proto_root
        if not source.exists():
            raise UsageError(f"{source}: no such file or folder")
        if args.ref_root and args.openapi is None:
            raise UsageError("--ref-root applies to --openapi documents")
        for overlay in args.overlay:
            if args.openapi is None:
                raise UsageError("--overlay adjusts an OpenAPI document: give --openapi too")
            if not overlay.is_file():
                raise UsageError(f"{overlay}: overlay file not found")
        package = PackageConfig(
            name=check_package_name(args.package),
            ref_roots=check_ref_roots(args.ref_root, "--ref-root"),
            overlays=tuple(p.resolve() for p in args.overlay),
            openapi=args.openapi.resolve() if args.openapi else None,
            proto_root=args.proto_root.resolve() if args.proto_root else None,
            protos=tuple(args.proto),
        )
        return Config(path=None, output=(out or Path(".")).resolve(), packages=(package,))
    if args.proto:
        raise UsageError("--proto names files under --proto-root; give --proto-root too")
    if args.ref_root:
        raise UsageError("--ref-root is for --openapi runs; with the configuration, use `ref_roots`")
    if args.overlay:
        raise UsageError("--overlay is for ad hoc runs with --openapi; list overlays in the configuration")
    if args.package and args.command != "ir":
        raise UsageError(
            "--package names the package of --openapi or --proto-root; with the configuration, "
            f"`{args.command}` covers every package (and `ir --package` picks one)"
        )
    config = load_config(args.config or DEFAULT_CONFIG)
    out = getattr(args, "out", None)
    if out is not None:
        config = Config(path=config.path, output=out.resolve(), packages=config.packages)
    if args.command == "ir":
        # `ir` prints one API: a bundle's APIs are chosen by their dotted name (`ai_studio.openai`)
        apis = tuple(api for p in config.packages for api in p.apis or (p,))
        chosen = tuple(api for api in apis if api.name == args.package) if args.package else apis
        if len(chosen) != 1:
            names = ", ".join(api.name for api in apis)
            wanted = f"no API {args.package!r}" if args.package else "`ir` prints one API"
            raise UsageError(f"{wanted}: pass --package with one of: {names}")
        config = Config(path=config.path, output=config.output, packages=chosen)
    return config


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if args.command == "diff":
        from generator.diff import cli as diff_cli

        return diff_cli.run(args)
    diagnostics = Diagnostics(strict=args.strict)
    try:
        config = _config_from_args(args)
        cache_limits = limits_from_environment()
        with caching(not getattr(args, "no_cache", False)), few_full_collections():
            code = _run(args, config, diagnostics)
            swept = sweep_cache_folder(cache_limits)
            if swept is not None and swept.removed and not args.quiet:
                files = f"{swept.removed} file{'s' if swept.removed != 1 else ''}"
                print(f"cache: removed {files} ({swept.freed / 1024**2:.1f} MB) past its limits", file=sys.stderr)
            return code
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SpecError as exc:
        if not args.quiet:
            diagnostics.report()
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("generation stopped; the output folder was not changed", file=sys.stderr)
        return EXIT_SPEC
    except KeyboardInterrupt:
        return 130
    except FormatError as exc:
        # generated code that does not parse is a bug of ours, not of the spec: say so plainly
        print(f"internal error: {exc}", file=sys.stderr)
        print("generation stopped; the output folder was not changed", file=sys.stderr)
        return EXIT_SPEC


def _run(args: argparse.Namespace, config: Config, diagnostics: Diagnostics) -> int:
    from generator import pipeline

    progress = pipeline.quiet if args.quiet else pipeline.stderr_progress
    if args.command == "ir":
        from generator.ir import serialize

        api = pipeline.load_api(config.packages[0], diagnostics)
        diagnostics.raise_if_errors()
        if not args.quiet:
            diagnostics.report()
        sys.stdout.write(serialize.dumps(api))
        return EXIT_OK
    outcome = pipeline.generate(
        config,
        diagnostics=diagnostics,
        progress=progress,
        check_only=args.command == "check",
        use_cache=not args.no_cache,
    )
    if not args.quiet:
        diagnostics.report()
    if args.command == "check":
        if outcome.stale:
            print(f"{config.output} is not current; run `make generate`:", file=sys.stderr)
            for line in outcome.stale:
                print(f"  {line}", file=sys.stderr)
            return EXIT_SPEC
        progress(f"{config.output} is current")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
