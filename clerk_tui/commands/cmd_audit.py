"""`clerk-tui audit verify`: check the audit log's hash chain; exit 0 intact, 1 broken."""

from __future__ import annotations

import json
import sys

NAME = "audit"
HELP = "check the audit log (audit verify)"


def add_arguments(parser) -> None:
    parser.add_argument("action", choices=["verify"])


def run(ctx) -> int:
    db = ctx.open_db()
    if db is None:
        return 2
    from clerk_tui.i18n import t
    from clerk_tui.services.audit import verify

    try:
        result = verify(db)
    finally:
        db.dispose()
    if ctx.as_json:
        print(json.dumps({"ok": result.ok, "checked": result.checked,
                          "broken_id": result.broken_id, "reason": result.reason}))
    elif result.ok:
        print(t("audit.intact", n=result.checked))
    elif result.broken_id is None:
        print(t("audit.tail_deleted", n=result.checked), file=sys.stderr)
    else:
        print(t(f"audit.{result.reason}", id=result.broken_id, n=result.checked), file=sys.stderr)
    return 0 if result.ok else 1
