"""Lets `python -m builder` run the command-line interface."""

from builder.cli import main

raise SystemExit(main())
