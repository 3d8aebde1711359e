"""The engineer form's checks (工程师资料校验): field by field, each error a sentence for that field.

Pure: it needs the catalog's product categories and the travel table's districts,
which the caller reads once (`engineers.form_choices`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clerk_tui.domain.validation.phone import check_phone
from clerk_tui.i18n import t, tn
from clerk_tui.i18n.labels import PHONE_PROBLEM

FIELDS = (
    "code",
    "name",
    "phone",
    "skills",
    "work_start",
    "work_end",
    "base_district",
    "certificate_no",
    "daily_capacity",
)
"""The columns the form edits, in the order the form shows them."""
MAX_CAPACITY = 30
_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}", re.ASCII)
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


@dataclass(frozen=True)
class EngineerForm:
    """What the supervisor typed, as typed (capacity too: blank means the policy's default)."""

    code: str = ""
    name: str = ""
    phone: str = ""
    skills: tuple[str, ...] = ()
    work_start: str = "08:30"
    work_end: str = "17:30"
    base_district: str = ""
    certificate_no: str = ""
    daily_capacity: str = ""


@dataclass(frozen=True)
class FormCheck:
    """Errors by field (empty when the form is good) and the column values to store."""

    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_time(text: str) -> str | None:
    """'8:30' or '08:30' as '08:30'; None unless it is a time of day (so '25:00' is None)."""
    m = _TIME.fullmatch(text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def store_phone(raw: str) -> tuple[str, str]:
    """(the number as stored, '') when valid, else ('', the reason as a sentence)."""
    checked = check_phone(raw)
    if not checked.valid:
        return "", t(PHONE_PROBLEM[checked.reason], phone=raw.strip())
    # Mainland numbers as dialled there (13812345678, 053288881234); others in E.164.
    number = checked.national.replace(" ", "") if checked.e164.startswith("+86") else checked.e164
    return (f"{number}转{checked.extension}" if checked.extension else number), ""


def check_field(
    name: str, form: EngineerForm, categories: list[str], districts: list[str]
) -> tuple[object, str]:
    """(value to store, '') or (None, error sentence) for one field of the form."""
    if name == "code":
        code = form.code.strip()
        if not code:
            return None, t("ad.err.code_empty")
        if not _CODE.fullmatch(code):
            return None, t("ad.err.code_shape")
        return code, ""
    if name == "name":
        text = " ".join(form.name.split())
        if not text:
            return None, t("ad.err.name_empty")
        if len(text) > 50:
            return None, tn("ad.err.too_long", 50)
        return text, ""
    if name == "phone":
        number, error = store_phone(form.phone)
        return (number, "") if not error else (None, error)
    if name == "skills":
        if not form.skills:
            return None, t("ad.err.skills_empty")
        unknown = [s for s in form.skills if s not in categories]
        if unknown:
            return None, t("ad.err.skill_unknown", skill="、".join(unknown))
        return "|".join(sorted(dict.fromkeys(form.skills))), ""
    if name in ("work_start", "work_end"):
        raw = getattr(form, name)
        value = parse_time(raw)
        if value is None:
            return None, t("ad.err.time", value=raw.strip())
        if name == "work_end":
            start = parse_time(form.work_start)
            if start is not None and value <= start:
                return None, t("ad.err.end_before_start", start=start)
        return value, ""
    if name == "base_district":
        district = form.base_district.strip()
        if not district:
            return None, t("ad.err.district_empty")
        if districts and district not in districts:
            return None, t("ad.err.district_unknown", district=district)
        return district, ""
    if name == "certificate_no":
        cert = form.certificate_no.strip()
        return (cert, "") if len(cert) <= 50 else (None, tn("ad.err.too_long", 50))
    if name == "daily_capacity":
        raw = form.daily_capacity.strip()
        if not raw:
            return None, ""
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_CAPACITY:
            return None, t("ad.err.capacity", high=MAX_CAPACITY)
        return int(raw), ""
    raise KeyError(name)


def check_engineer(form: EngineerForm, categories: list[str], districts: list[str]) -> FormCheck:
    """Check every field; `values` holds the columns to store when there is no error."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for name in FIELDS:
        value, error = check_field(name, form, categories, districts)
        if error:
            errors[name] = error
        else:
            values[name] = value
    return FormCheck(errors, values if not errors else {})


def form_of(values: dict[str, object]) -> EngineerForm:
    """The form filled from an engineer's stored column values."""
    skills = str(values.get("skills") or "")
    capacity = values.get("daily_capacity")
    return EngineerForm(
        code=str(values.get("code") or ""),
        name=str(values.get("name") or ""),
        phone=str(values.get("phone") or ""),
        skills=tuple(s for s in skills.split("|") if s),
        work_start=str(values.get("work_start") or ""),
        work_end=str(values.get("work_end") or ""),
        base_district=str(values.get("base_district") or ""),
        certificate_no=str(values.get("certificate_no") or ""),
        daily_capacity="" if capacity is None else str(capacity),
    )
