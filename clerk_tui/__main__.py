"""`python -m clerk_tui` runs the command line."""

from clerk_tui.cli import main

raise SystemExit(main())
