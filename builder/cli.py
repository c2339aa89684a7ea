"""Command-line interface: argument parsing and exit codes only; the work lives elsewhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.errors import BuildError, display_path

REPO = Path(__file__).resolve().parent.parent
EXTENSION_SOURCE = REPO / "extension"
EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privacy-guard",
        description="Build the Privacy Guard for Claude extension from policy_data/.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="validate policy data and write dist/ (builds + packages)")
    build.add_argument("--policy-data", type=Path, default=Path("policy_data"), metavar="PATH")
    build.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR")
    build.add_argument("--target", choices=["chrome", "firefox", "all"], default="all")
    build.add_argument(
        "--source",
        type=Path,
        default=EXTENSION_SOURCE,
        metavar="SRC",
        help="the extension's source folder, in a git checkout (default: extension/)",
    )
    build.add_argument(
        "--allow-same-version",
        action="store_true",
        help="build even if facts changed since the last build in DIR without a higher "
        "policy_version (for local work; never for a release)",
    )

    check = sub.add_parser("check", help="validate policy data only")
    check.add_argument("--policy-data", type=Path, default=Path("policy_data"), metavar="PATH")

    schema = sub.add_parser(
        "schema", help="write the JSON Schemas editors use to check policy_data/ as you type"
    )
    schema.add_argument("--out", type=Path, default=Path("policy_data") / "schema", metavar="DIR")

    diff = sub.add_parser("diff", help="list what changed between two policy_data folders")
    diff.add_argument("old", type=Path, metavar="OLD_DIR")
    diff.add_argument("new", type=Path, nargs="?", default=Path("policy_data"), metavar="NEW_DIR")
    release = sub.add_parser(
        "release",
        help="make release/<version>/ for the stores from a clean checkout at tag v<version>",
    )
    release.add_argument("--out", type=Path, default=REPO / "release", metavar="DIR")
    release.add_argument(
        "--reuse-tools",
        action="store_true",
        help="rebuild the source archive with this checkout's node_modules and Python "
        "instead of a fresh `npm run build-for-amo` in each folder (no downloads)",
    )
    return parser


def _refused(problems: list, outcome: str) -> int:
    """One `error:` line a problem and a count on stderr; the user-error exit code."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; {outcome}.", file=sys.stderr)
    return EXIT_USER_ERROR


def _release(args: argparse.Namespace) -> int:
    from builder.release.run import ReleaseRefused, make_release

    try:
        folder = make_release(REPO, args.out, reuse_tools=args.reuse_tools)
    except ReleaseRefused as refused:
        return _refused(refused.problems, "no release was written")
    print(f"Release written to {display_path(folder)}; nothing was uploaded.")
    return 0


def _run(args: argparse.Namespace) -> int:
    # Imported here so `--help` works even before the dependencies are installed.
    from builder.build import build
    from builder.diff import describe_changes
    from builder.policy import load_policy
    from builder.targets import TARGETS, extension_version

    if args.command == "release":
        return _release(args)
    if args.command == "check":
        policy = load_policy(args.policy_data)
        print(
            f"{display_path(args.policy_data)} is valid: policy version {policy.version}, "
            f"{len(policy.facts)} facts, {len(policy.sources)} sources, "
            f"{len(policy.locales)} locales"
        )
        return 0
    if args.command == "schema":
        from builder.json_schema import write_schemas

        for path in write_schemas(args.out):
            print(f"wrote {display_path(path)}")
        return 0
    if args.command == "diff":
        old = load_policy(args.old)
        new = load_policy(args.new)
        lines = describe_changes(old, new)
        print("\n".join(lines) if lines else "No changes.")
        return 0
    targets = list(TARGETS) if args.target == "all" else [args.target]
    policy, written = build(
        args.policy_data, args.out, targets, args.source, args.allow_same_version
    )
    print(f"Built Privacy Guard {extension_version(policy.version)}:")
    for path in written:
        print(f"  {display_path(path)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for `python -m builder` and the `privacy-guard` script."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BuildError as err:
        return _refused(err.problems, "nothing was written")
    except BrokenPipeError:
        return 141  # output cut short by a pager or `head`: nothing to report
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
