"""The policy as the supervisor edits it (规则设置): typed text checked field by field, saved with its audit entry.

The save compares the policy the form was filled from with the stored one inside
the transaction, so two supervisors editing at once cannot overwrite each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import col

from clerk_tui.db.models import Setting
from clerk_tui.domain.policy import Policy
from clerk_tui.i18n import t
from clerk_tui.services import audit
from clerk_tui.services.admin.users import AdminError, confirm_supervisor, require_supervisor
from clerk_tui.services.auth.passwords import CurrentUser
from clerk_tui.services.database import Database
from clerk_tui.services.reference import POLICY_KEY, default_policy, store_policy

SERVICE_TYPES = ("repair", "install", "maintenance", "consult")


@dataclass(frozen=True)
class PolicyField:
    """One editable number: its form name, whole or decimal, and the range it must lie in."""

    name: str
    whole: bool
    low: float
    high: float


FIELDS: tuple[PolicyField, ...] = (
    PolicyField("consult_callback_hours", False, 0.5, 72),
    PolicyField("uncertain_repair_callback_hours", False, 0.5, 336),
    PolicyField("lateness_threshold_minutes", True, 0, 240),
    PolicyField("card_cutoff_hour", True, 0, 23),
    PolicyField("daily_capacity", True, 1, 30),
    PolicyField("verification_sample_rate", False, 0, 1),
    PolicyField("verification_callback_days", True, 0, 7),
    PolicyField("verification_callback_hour", True, 0, 23),
    PolicyField("repeat_repair_days", True, 1, 365),
    PolicyField("travel_buffer_minutes", True, 0, 120),
    PolicyField("signed_after_leave_minutes", True, 10, 1440),
    *(PolicyField(f"appointment_minutes.{k}", True, 10, 600) for k in SERVICE_TYPES),
)


def policy_texts(policy: Policy) -> dict[str, str]:
    """The policy as the form shows it: one text per field (whole numbers without '.0')."""
    out: dict[str, str] = {}
    for f in FIELDS:
        value = _get(policy, f.name)
        out[f.name] = str(int(value)) if f.whole or float(value).is_integer() else str(value)
    return out


def _get(policy: Policy, name: str) -> float:
    if name.startswith("appointment_minutes."):
        return policy.appointment_minutes.get(name.split(".", 1)[1], 0)
    return getattr(policy, name)


def _number(text: str, f: PolicyField) -> tuple[float | None, str]:
    raw = text.strip().replace("，", ".").replace(",", ".")
    try:
        value = float(raw) if raw else None
    except ValueError:
        value = None
    bounds = {"low": _show(f.low), "high": _show(f.high)}
    if value is None or (f.whole and not value.is_integer()):
        return None, t("ad.err.pol_whole", **bounds) if f.whole else t(
            "ad.err.pol_number", **bounds
        )
    if not f.low <= value <= f.high:
        return None, t("ad.err.pol_range", **bounds)
    return (int(value) if f.whole else value), ""


def _show(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def check_policy(texts: dict[str, str], base: Policy) -> tuple[dict[str, str], Policy | None]:
    """(errors by field, the new policy or None); fields not in FIELDS keep `base`'s values."""
    errors: dict[str, str] = {}
    data = base.model_dump()
    minutes = dict(base.appointment_minutes)
    for f in FIELDS:
        value, error = _number(texts.get(f.name, ""), f)
        if error:
            errors[f.name] = error
        elif f.name.startswith("appointment_minutes."):
            minutes[f.name.split(".", 1)[1]] = int(value or 0)
        else:
            data[f.name] = value
    if errors:
        return errors, None
    data["appointment_minutes"] = minutes
    return {}, Policy.model_validate(data)


def update_policy(db: Database, actor: CurrentUser, seen: Policy, policy: Policy) -> bool:
    """Store `policy` unless the stored one is no longer `seen`; False when nothing changed."""
    who = require_supervisor(actor)
    with db.session() as s:
        confirm_supervisor(s, actor)
        stored = s.execute(
            select(col(Setting.value)).where(col(Setting.key) == POLICY_KEY)
        ).scalar()
        current = Policy.model_validate_json(stored) if stored else default_policy()
        if current != seen:
            raise AdminError(t("ad.err.policy_changed"))
        if policy == current:
            return False
        store_policy(s, policy)
        audit.record(
            s,
            user=who,
            action="policy_edit",
            entity="policy",
            entity_id=POLICY_KEY,
            before=current.model_dump(),
            after=policy.model_dump(),
        )
    return True
