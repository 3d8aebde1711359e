"""`python -m clerk_tui.i18n compile|check|extract`: maintenance of the message catalogs."""

from __future__ import annotations

import sys

from clerk_tui.i18n.build import main

sys.exit(main())
