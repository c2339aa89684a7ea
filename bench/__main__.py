"""Command line: `python -m bench [--size tiny|full] [--pairs N] [--only PART,...] [--out FILE]`."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from bench.chat_page import SIZES
from bench.report import budgets, render
from bench.runner import PARTS, find_chromium, log, run

DEFAULT_PAIRS = {"full": 9, "tiny": 1}
DEFAULT_CONTROL_PAIRS = {"full": 5, "tiny": 1}
DEFAULT_OUT = Path("docs/performance.md")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure the extension's cost on a streaming chat page; write Markdown.",
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument(
        "--pairs",
        type=int,
        help="alternating with/without pairs (default: 9 for full, 1 for tiny)",
    )
    parser.add_argument(
        "--control-pairs",
        type=int,
        help="pairs with an empty content script, the noise floor (default: 5 full, 1 tiny)",
    )
    parser.add_argument("--dist", type=Path, default=Path("dist/chrome"))
    parser.add_argument(
        "--only",
        type=parts_list,
        help=f"run only these parts, comma-separated ({', '.join(PARTS)}); the report "
        "is then written only where --out says, never to docs/performance.md by default",
    )
    parser.add_argument("--out", type=Path, help="default: docs/performance.md (whole runs)")
    parser.add_argument("--chromium", help="browser binary (default: $CHROMIUM or chromium)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a budget fails (not by default)"
    )
    args = parser.parse_args(argv)
    if args.pairs is None:
        args.pairs = DEFAULT_PAIRS[args.size]
    if args.control_pairs is None:
        args.control_pairs = DEFAULT_CONTROL_PAIRS[args.size]
    if args.pairs < 1 or args.control_pairs < 1:
        parser.error("--pairs and --control-pairs must be at least 1")
    if args.out is None and args.only is None:
        args.out = DEFAULT_OUT
    return args


def parts_list(text: str) -> tuple[str, ...]:
    chosen = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(chosen - set(PARTS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown part {', '.join(unknown) or '(none)'}; choose from {', '.join(PARTS)}"
        )
    return tuple(part for part in PARTS if part in chosen)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chromium = find_chromium(args.chromium)
    parts = args.only or PARTS
    log(f"size {args.size}, {args.pairs} pairs, extension {args.dist}, browser {chromium}")
    results = run(
        args.size, SIZES[args.size], args.pairs, args.control_pairs, args.dist, chromium, parts
    )
    command = (
        f"python -m bench --size {args.size} --pairs {args.pairs} "
        f"--control-pairs {args.control_pairs}"
    )
    if args.only:
        command += f" --only {','.join(args.only)}"
    rows = budgets(results)
    for budget in rows:
        state = {True: "PASS", False: "FAIL", None: "n/a"}[budget.passed]
        print(f"{state:4}  {budget.name}: {budget.measured} (limit {budget.limit})")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render(results, command), encoding="utf-8")
        print(f"wrote {shlex.quote(str(args.out))} in {results.elapsed_s:.0f} s")
    else:
        print(f"done in {results.elapsed_s:.0f} s (--only without --out: no report written)")
    failed = any(b.passed is False for b in rows)
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
