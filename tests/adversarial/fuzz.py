"""`make fuzz`: run many mutated OpenAPI and proto cases, print the count of each outcome.

    python -m tests.adversarial.fuzz [--seed N] [--openapi N] [--proto N] [--jobs N] [--keep DIR]

Exits 1 when any case ends in a bad outcome (see `harness.BAD_OUTCOMES`); each such case is
listed with its id, which reproduces it: `python -m tests.adversarial.fuzz --only openapi-0-17`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.adversarial import mutate_openapi, mutate_proto
from tests.adversarial.harness import BAD_OUTCOMES, GOOD_OUTCOMES, Case, Result, run_case


def select(seed: int, openapi: int, proto: int) -> list[Case]:
    return [*mutate_openapi.cases(seed, openapi), *mutate_proto.cases(seed, proto)]


def by_id(case_id: str) -> Case:
    kind, seed, index = case_id.rsplit("-", 2)
    module = mutate_openapi if kind == "openapi" else mutate_proto
    return module.case(int(seed), int(index))


def run_all(cases: Iterable[Case], jobs: int, keep: Path | None = None) -> Iterator[Result]:
    """Results in case order; each case in its own folder, removed afterwards unless it failed
    and `keep` names where failures go."""
    root = Path(tempfile.mkdtemp(prefix="apigen-fuzz-"))

    def one(case: Case) -> Result:
        base = root / case.id
        result = run_case(case, base)
        if keep is not None and result.outcome in BAD_OUTCOMES:
            shutil.copytree(base, keep / case.id, dirs_exist_ok=True)
        shutil.rmtree(base, ignore_errors=True)
        return result

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(one, cases)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.adversarial.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--openapi", type=int, default=500, help="OpenAPI cases")
    parser.add_argument("--proto", type=int, default=100, help="proto cases")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="run these case ids")
    parser.add_argument("--keep", type=Path, help="copy the folders of failing cases here")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per case")
    args = parser.parse_args(argv)
    cases = [by_id(i) for i in args.only] or select(args.seed, args.openapi, args.proto)
    started = time.perf_counter()
    counts: dict[str, Counter[str]] = {"openapi": Counter(), "proto": Counter()}
    failures: list[Result] = []
    for done, result in enumerate(run_all(cases, args.jobs, args.keep), 1):
        counts[result.case.kind][result.outcome] += 1
        if result.outcome in BAD_OUTCOMES:
            failures.append(result)
        if args.verbose or result.outcome in BAD_OUTCOMES:
            print(f"[{done}/{len(cases)}] {result.case.id} {result.outcome} ({result.seconds:.1f}s) "
                  f"{result.case.what}: {result.detail}", flush=True)
    elapsed = time.perf_counter() - started
    outcomes = [*GOOD_OUTCOMES, *BAD_OUTCOMES]
    print(f"\n{len(cases)} cases in {elapsed:.0f} s (seed {args.seed})")
    print(f"{'outcome':<16}{'openapi':>9}{'proto':>7}")
    for outcome in outcomes:
        print(f"{outcome:<16}{counts['openapi'][outcome]:>9}{counts['proto'][outcome]:>7}")
    for result in failures:
        print(f"FAILED {result.case.id} {result.outcome}: {result.case.what}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
