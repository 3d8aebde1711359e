"""The policy as the supervisor edits it: checked field by field, saved with an audit entry, no lost update."""

from __future__ import annotations

import pytest
from sqlmodel import select

from clerk_tui.db.models import AuditEntry
from clerk_tui.services.admin.policy import check_policy, policy_texts, update_policy
from clerk_tui.services.admin.users import AdminError
from clerk_tui.services.auth.passwords import create_user
from clerk_tui.services.reference import default_policy, ensure_reference, load_policy

# First-run reference data (catalog, fee standard) is imported and audited too.
_NOT_IMPORT = ~AuditEntry.action.startswith("import.")


@pytest.fixture
def boss(db):
    ensure_reference(db)
    return create_user(db, username="boss", password="secret1", role="supervisor")


def test_texts_show_the_policy_and_read_back_unchanged():
    policy = default_policy()
    texts = policy_texts(policy)
    assert texts["card_cutoff_hour"] == "20"
    assert texts["verification_sample_rate"] == "0.2"
    assert texts["appointment_minutes.install"] == "120"
    assert check_policy(texts, policy) == ({}, policy)


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("card_cutoff_hour", "24"),
        ("card_cutoff_hour", "20.5"),
        ("daily_capacity", "0"),
        ("verification_sample_rate", "1.5"),
        ("lateness_threshold_minutes", "十五"),
        ("appointment_minutes.repair", ""),
    ],
)
def test_bad_values_are_named_at_their_field(field, typed):
    texts = {**policy_texts(default_policy()), field: typed}
    errors, policy = check_policy(texts, default_policy())
    assert list(errors) == [field]
    assert policy is None


def test_a_saved_policy_is_what_load_policy_returns_and_is_audited(db, boss):
    seen = load_policy(db)
    texts = {
        **policy_texts(seen),
        "daily_capacity": "6",
        "appointment_minutes.repair": "100",
        "consult_callback_hours": "1.5",
    }
    _, new = check_policy(texts, seen)
    assert update_policy(db, boss, seen, new) is True
    stored = load_policy(db)
    assert (stored.daily_capacity, stored.appointment_minutes["repair"]) == (6, 100)
    assert stored.consult_callback_hours == 1.5
    with db.read() as s:
        entry = s.exec(select(AuditEntry).where(_NOT_IMPORT)).one()
    assert (entry.action, entry.user) == ("policy_edit", "boss")
    assert '"daily_capacity": 8' in entry.before and '"daily_capacity": 6' in entry.after
    assert update_policy(db, boss, stored, stored) is False


def test_a_save_over_someone_elses_save_is_refused(db, boss):
    seen = load_policy(db)
    _, mine = check_policy({**policy_texts(seen), "daily_capacity": "6"}, seen)
    _, theirs = check_policy({**policy_texts(seen), "card_cutoff_hour": "21"}, seen)
    update_policy(db, boss, seen, theirs)
    with pytest.raises(AdminError):
        update_policy(db, boss, seen, mine)
    stored = load_policy(db)
    assert (stored.daily_capacity, stored.card_cutoff_hour) == (8, 21)


def test_a_clerk_cannot_change_the_policy(db, boss):
    clerk = create_user(db, username="li", password="secret1", role="clerk")
    seen = load_policy(db)
    _, new = check_policy({**policy_texts(seen), "daily_capacity": "3"}, seen)
    with pytest.raises(AdminError):
        update_policy(db, clerk, seen, new)
    assert load_policy(db).daily_capacity == 8
