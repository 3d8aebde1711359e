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
    from clerk_tui.i18n import tn
    from clerk_tui.i18n.labels import AUDIT_REASON
    from clerk_tui.services.audit import verify

    try:
        result = verify(db)
    finally:
        db.dispose()
    if ctx.as_json:
        print(
            json.dumps(
                {
                    "ok": result.ok,
                    "checked": result.checked,
                    "broken_id": result.broken_id,
                    "reason": result.reason,
                }
            )
        )
    elif result.ok:
        print(tn("audit.intact", result.checked))
    elif result.broken_id is None:
        print(tn("audit.tail_deleted", result.checked), file=sys.stderr)
    else:
        key = AUDIT_REASON.get(result.reason)
        text = tn(key, result.checked, id=result.broken_id) if key else result.reason
        print(text, file=sys.stderr)
    return 0 if result.ok else 1
