"""The outlet's policy (callback delays, lateness, cut-off, capacity, sampling), as plain data.

Defaults follow the manuals: consultation callback 2 h [H 一.2(1), 一.3(3)], uncertain
repair callback 3 h (ceramics: 1 week) [H 七.1, C 七.1], lateness threshold 15 min
[H 三.3]; the rest are outlet settings. The manuals give no hour for the verification
callback (核实回访) of the day's cards: [H 七.2] only has the clerk reconcile daily and call
the customer back promptly (及时回访), so its deadline is an outlet setting too, by default
the next day at 12:00. Stored in the database (Setting 'policy'), seeded from
data/policy.json, editable by a supervisor.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Policy(BaseModel):
    """Outlet policy; every value is a setting, not a constant of the rules."""

    consult_callback_hours: float = Field(
        default=2, description="Callback delay after a phone consultation."
    )
    uncertain_repair_callback_hours: float = Field(
        default=3,
        description="Callback delay after a repair the engineer was unsure of (ceramics: 168).",
    )
    lateness_threshold_minutes: int = Field(
        default=15, description="Late up to this: apology; beyond: apology and a small gift."
    )
    card_cutoff_hour: int = Field(
        default=20, description="Cards returned after this hour of the visit's day are late."
    )
    daily_capacity: int = Field(default=8, description="Appointments per engineer per day.")
    verification_sample_rate: float = Field(
        default=0.2, description="Share of low-risk cards put on the verification callback queue."
    )
    verification_callback_days: int = Field(
        default=1,
        ge=0,
        le=7,
        description="A verification callback is due this many days after the cards' day [H 七.2].",
    )
    verification_callback_hour: int = Field(
        default=12,
        ge=0,
        le=23,
        description="...at this hour (12: by noon); booked later than that, the next day's.",
    )
    repeat_repair_days: int = Field(
        default=30, description="A repair of the same product within this is a repeat."
    )
    travel_buffer_minutes: int = Field(
        default=10, description="Added to the travel table between two jobs."
    )
    signed_after_leave_minutes: int = Field(
        default=120, description="A signature this long after the engineer left is doubtful."
    )
    appointment_minutes: dict[str, int] = Field(
        default_factory=lambda: {"repair": 90, "install": 120, "maintenance": 60, "consult": 30},
        description="Default appointment length by service type.",
    )
