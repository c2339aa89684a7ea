"""`make web-ext-lint`: Mozilla's linter on the Firefox build, as `make release` runs it."""

from __future__ import annotations

import sys
from pathlib import Path

from builder.release.checks import lint_problems


def main(argv: list[str]) -> int:
    """Lint the unpacked Firefox build `argv[0]` with the web-ext at `argv[1]`; print each
    problem (errors, and warnings not in checks.REVIEWED_WARNINGS); 1 if any, else 0."""
    firefox_dir, web_ext = (Path(a) for a in argv)
    problems = lint_problems(firefox_dir, web_ext)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"web-ext lint {firefox_dir}: {len(problems) or 'no'} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
