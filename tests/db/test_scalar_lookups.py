"""One-value lookups give the value, not a one-column row (bugs mypy found once the queries were typed)."""

from __future__ import annotations

import json

from sqlalchemy import select
from vq_seed import NOW, add_ticket, seed, ticket

from clerk_tui.db.models import VALUE_ADD_TAGS, AuditEntry
from clerk_tui.services.validation.fixes import fix_field
from clerk_tui.services.validation.valueadd import add_finding


def test_correcting_the_model_to_a_catalog_model_links_the_catalog_row(db):
    outlet_id, clerk, model = seed(db)
    tid = add_ticket(db, outlet_id, "QD202503140001", model="NOT-IN-CATALOG")
    fix_field(
        db,
        ticket_id=tid,
        seen_version=1,
        field="product_model",
        value=model,
        user=clerk,
        party="customer",
        now=NOW,
    )
    tk = ticket(db, tid)
    assert tk.product_model == model
    assert isinstance(tk.model_id, int)


def test_a_value_add_finding_audits_the_ticket_number_as_text(db):
    outlet_id, clerk, model = seed(db)
    tid = add_ticket(db, outlet_id, "QD202503140002", model=model)
    add_finding(
        db, ticket_id=tid, tag=next(iter(VALUE_ADD_TAGS)), text="想加装净水器", user=clerk, now=NOW
    )
    with db.read() as s:
        after = s.execute(
            select(AuditEntry.after).where(AuditEntry.action == "valueadd.add")
        ).scalar_one()
    assert json.loads(after)["ticket_no"] == "QD202503140002"
