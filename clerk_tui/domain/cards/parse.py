"""Reading a card and its slip from raw field values — file cells or typed text — into the one shape.

`parse_card` and `parse_slip` take each FORMATS column's raw value (a string as typed or read
from a CSV cell; a number, date-time or bool as an XLSX cell holds it; None or "" when empty)
and return the card (or slip) with every field that could be read, plus the errors of those
that could not, as data: the column, an error code, the values to quote. Callers render the
text: the importer with its `import.<code>` messages, the card-entry form with its own.

Each `read_*` function below is one rule of a well-formed card; the parse functions apply
them field by field (FIELD_RULES says which rule reads which column).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from clerk_tui.domain.cards.card import (
    LIMITS,
    MAX_FEN,
    SATISFACTION_LEVELS,
    SATISFACTION_WORDS,
    SCORE_RANGE,
    TEXT_LIMIT,
    SupervisionCard,
    WarrantySlip,
    split_list,
)

YEARS = (1900, 2099)
"""Years a card's times may fall in: anything else is a typing slip."""

# Error codes (FieldError.code) and the values each carries.
KEY_MISSING = "key_missing"  # {}
TOO_LONG = "too_long"  # {length, limit}
CONTROL_CHAR = "control_char"  # {char: "U+000C"}
BAD_DATETIME = "bad_datetime"  # {value}
BAD_BOOL = "bad_bool"  # {value}
BAD_CHOICE = "bad_choice"  # {value, allowed: tuple of the allowed words}
BAD_NUMBER = "bad_number"  # {value}
NEGATIVE = "negative"  # {value}
BAD_MONEY = "bad_money"  # {value}
OUT_OF_RANGE = "out_of_range"  # {value, low, high}
END_BEFORE_START = "end_before_start"  # {end, start_field, start}


@dataclass(frozen=True)
class FieldError:
    """Why one field cannot be taken: its FORMATS column, an error code, the values to quote.

    `values["value"]`, where present, is the raw value as given (callers shorten it to show).
    """

    field: str
    code: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class Unreadable(ValueError):
    """Raised by a `read_*` rule: the value cannot be what its field claims to be."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class CardRead:
    """What `parse_card` made of the raw values.

    `card` holds every field that could be read (a field in error keeps its default);
    `values` holds each FORMATS column as read (None for an empty or unreadable cell, the
    lists as tuples); `errors` lists the fields that could not be taken, the first one first.
    """

    card: SupervisionCard
    values: dict[str, Any]
    errors: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class SlipRead:
    """What `parse_slip` made of the raw values (as CardRead, for a slip)."""

    slip: WarrantySlip
    values: dict[str, Any]
    errors: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


# -- the rules ---------------------------------------------------------------------------

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r is a line break, made \n first
_DT = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T]+(\d{1,2})(?::(\d{1,2})|(\d{2}))(?::(\d{1,2})(?:\.\d+)?)?)?"
)
_CLOCK = re.compile(r"(\d{1,2}):?(\d{2})")
_YES = frozenset({"y", "yes", "true", "1", "是", "有", "对", "t"})
_NO = frozenset({"n", "no", "false", "0", "否", "无", "没有", "f"})
_CURRENCY = ("¥", "￥", "元", "RMB", "rmb", "CNY")
_TYPED_MONEY = re.compile(r"\d+(?:\.\d{1,2})?")


def as_text(value: object) -> str:
    """A raw value as text: XLSX numbers, dates and booleans written the way FORMATS spells them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _blank(value: object) -> object:
    """None for an empty value; strings trimmed."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def read_text(value: object, limit: int = TEXT_LIMIT) -> str:
    """Free text as written on the card: trimmed, line breaks kept, no control characters,
    no longer than its column (a card is paper: nothing on it is longer than that)."""
    s = value.strip() if isinstance(value, str) else as_text(value)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if not s.isprintable():
        bad = _CTRL.search(s)
        if bad:
            raise Unreadable(CONTROL_CHAR, char=f"U+{ord(bad.group()):04X}")
    if len(s) > limit:
        raise Unreadable(TOO_LONG, length=len(s), limit=limit)
    return s


def read_key(value: object, limit: int) -> str:
    """The ticket number: every card and slip names the ticket it was written for [H 七.2]."""
    s = read_text(value, limit)
    if not s:
        raise Unreadable(KEY_MISSING)
    return s


def read_list(value: object, limit: int) -> tuple[str, ...]:
    """Codes or parts separated by '|' (full-width ｜ too); together no longer than the column."""
    items = split_list(read_text(value))
    joined = "|".join(items)
    if len(joined) > limit:
        raise Unreadable(TOO_LONG, length=len(joined), limit=limit)
    return items


def read_moment(value: object, day: date | None = None, *, typed: bool = False) -> datetime | None:
    """A time on the card (returned, arrived, finished, signed) [H 七.2]: `YYYY-MM-DD HH:MM`
    (also with / or . and seconds, or a spreadsheet date-time), or — when the visit's `day`
    is known, as at the card-entry desk — the clock alone, `HHMM` or `HH:MM`. `typed` at the
    desk, the minutes may follow the hour without a colon (`2025-03-14 0930`) as well."""
    v = _blank(value)
    if v is None:
        return None
    out: datetime | None = None
    if isinstance(v, datetime):
        out = v.replace(microsecond=0, tzinfo=None)
    elif isinstance(v, str):
        out = _parse_moment(v.replace("：", ":"), day, typed)
    if out is None or not YEARS[0] <= out.year <= YEARS[1]:
        raise Unreadable(BAD_DATETIME, value=v)
    return out


def _parse_moment(s: str, day: date | None, typed: bool) -> datetime | None:
    n = len(s)
    if n == 16 and s[10] == " " and s[13] == ":" and s[4] == "-" and s[7] == "-":
        try:  # the common spelling, at C speed
            return datetime.fromisoformat(s)
        except ValueError:
            pass
    if day is not None and n <= 5 and (n >= 4 or ":" in s):
        m = _CLOCK.fullmatch(s)
        if m is not None:
            try:
                return datetime.combine(day, time(int(m.group(1)), int(m.group(2))))
            except ValueError:
                return None
    m = _DT.fullmatch(s)
    if m is None:
        return None
    y, mo, d, hh, mm, mm_bare, ss = m.groups()
    if hh is None or (mm_bare is not None and not typed):
        return None  # a date alone is not a time; HHMM is the desk's shorthand
    try:
        return datetime(int(y), int(mo), int(d), int(hh), int(mm or mm_bare), int(ss or 0))
    except ValueError:
        return None


def check_finished_after_arrival(arrived: datetime | None, finished: datetime | None) -> None:
    """A visit cannot finish before the engineer arrived (the card's arrival and finish times,
    [H 七.2]); either time may be unknown."""
    if arrived is not None and finished is not None and finished < arrived:
        raise Unreadable(END_BEFORE_START, end=finished, start_field="arrived_at", start=arrived)


def read_yes_no(value: object) -> bool | None:
    """A tick box (signature present, repair confident, called ahead): Y/N, 是/否, 1/0 …"""
    v = _blank(value)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    key = as_text(v).strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise Unreadable(BAD_BOOL, value=v)


def read_satisfaction(value: object) -> str | None:
    """The customer's verdict, one of 满意/基本满意/不满意 (or the English words) [H 六];
    never forced, so it may be left empty [S 2.3.5]."""
    v = _blank(value)
    if v is None:
        return None
    s = as_text(v).strip()
    out = SATISFACTION_WORDS.get(s.lower(), SATISFACTION_WORDS.get(s))
    if out is None:
        raise Unreadable(BAD_CHOICE, value=v, allowed=SATISFACTION_LEVELS)
    return out


def _decimal(v: object) -> Decimal:
    if isinstance(v, bool):
        raise Unreadable(BAD_NUMBER, value=v)
    s = (repr(v) if isinstance(v, float) else str(v)).replace(",", "").replace("，", "")
    s = s.replace(" ", "")
    for sign in _CURRENCY:
        s = s.replace(sign, "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise Unreadable(BAD_NUMBER, value=v) from None
    if not d.is_finite():
        raise Unreadable(BAD_NUMBER, value=v)
    if d < 0:
        raise Unreadable(NEGATIVE, value=v)
    return d


def read_score(value: object) -> int | None:
    """A rating of service attitude or repair quality: a whole number 1–5 [H 六]."""
    v = _blank(value)
    if v is None:
        return None
    d = _decimal(v)
    if d != d.to_integral_value():
        raise Unreadable(BAD_NUMBER, value=v)
    low, high = SCORE_RANGE
    if not low <= d <= high:
        raise Unreadable(OUT_OF_RANGE, value=v, low=low, high=high)
    return int(d)


def read_money(value: object, *, typed: bool = False) -> int | None:
    """Money in yuan (fee charged, certificate fee) [H 五.3]: a number, not negative, at most
    two decimals, returned in integer fen (分). As written on paper or in a spreadsheet it may
    carry its unit and separators ("¥1,200", "80元", "RMB 80"); `typed` at the desk, where the
    field is yuan already, it is digits only ("85", "85.5", "¥85.00"): a 元 there is a slip."""
    v = _blank(value)
    if v is None:
        return None
    if typed and isinstance(v, str):
        digits = v.lstrip("¥￥").replace(",", "").replace("，", "")
        if not digits:
            return None
        if _TYPED_MONEY.fullmatch(digits) is None:
            raise Unreadable(BAD_MONEY, value=v)
    d = _decimal(v)
    if isinstance(v, float):  # a spreadsheet's 12.1 is 12.0999…: take the cents it shows
        cents = d.quantize(Decimal("0.01"))
        if abs(d - cents) < Decimal("1e-6"):
            d = cents
    fen = d * 100
    if fen != fen.to_integral_value():
        raise Unreadable(BAD_MONEY, value=v)
    if fen > MAX_FEN:
        raise Unreadable(OUT_OF_RANGE, value=v, low=0, high=MAX_FEN // 100)
    return int(fen)


# -- the fields --------------------------------------------------------------------------

Reader = Callable[[object, date | None, bool], Any]


def _text(col: str) -> Reader:
    limit = LIMITS.get(col, TEXT_LIMIT)
    return lambda v, day, typed: read_text(v, limit)


def _key(col: str) -> Reader:
    limit = LIMITS[col]
    return lambda v, day, typed: read_key(v, limit)


def _list(col: str) -> Reader:
    limit = LIMITS[col]
    return lambda v, day, typed: read_list(v, limit)


def _moment(v: object, day: date | None, typed: bool) -> datetime | None:
    return read_moment(v, day, typed=typed)


def _yes_no(v: object, day: date | None, typed: bool) -> bool | None:
    return read_yes_no(v)


def _satisfaction(v: object, day: date | None, typed: bool) -> str | None:
    return read_satisfaction(v)


def _score(v: object, day: date | None, typed: bool) -> int | None:
    return read_score(v)


def _money(v: object, day: date | None, typed: bool) -> int | None:
    return read_money(v, typed=typed)


CARD_FIELDS: tuple[tuple[str, Reader], ...] = (
    # Times first: an unreadable time is what a refused row names first.
    ("arrived_at", _moment),
    ("finished_at", _moment),
    ("ticket_no", _key("ticket_no")),
    ("engineer_id", _text("engineer_id")),
    ("returned_at", _moment),
    ("signer_name", _text("signer_name")),
    ("signer_relation", _text("signer_relation")),
    ("signature_present", _yes_no),
    ("satisfaction", _satisfaction),
    ("attitude_score", _score),
    ("quality_score", _score),
    ("signed_at", _moment),
    ("fee_charged", _money),
    ("fee_items", _list("fee_items")),
    ("receipt_no", _text("receipt_no")),
    ("repair_confident", _yes_no),
    ("called_ahead", _yes_no),
    ("notes", _text("notes")),
    ("certificate_fee", _money),  # optional column [H 五.3]
)
"""Each FORMATS `cards` column (and the optional certificate_fee) with the rule that reads it,
in the order a row's errors are reported."""

SLIP_FIELDS: tuple[tuple[str, Reader], ...] = (
    ("ticket_no", _key("ticket_no")),
    ("engineer_id", _text("engineer_id")),
    ("returned_at", _moment),
    ("fault_cause", _text("fault_cause")),
    ("repair_action", _text("repair_action")),
    ("parts", _list("parts")),
    ("fee_charged", _money),
    ("receipt_no", _text("receipt_no")),
)
"""Each FORMATS `slips` column with the rule that reads it, in reporting order."""


def _read_fields(
    fields: tuple[tuple[str, Reader], ...],
    raw: Mapping[str, object],
    days: Mapping[str, date | None],
    typed: bool,
    errors: list[FieldError],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for col, reader in fields:
        try:
            values[col] = reader(raw.get(col), days.get(col), typed)
        except Unreadable as exc:
            values[col] = None
            errors.append(FieldError(col, exc.code, exc.values))
        if col == "finished_at":
            try:
                check_finished_after_arrival(values["arrived_at"], values["finished_at"])
            except Unreadable as exc:
                values[col] = None
                errors.append(FieldError(col, exc.code, exc.values))
    return values


def parse_card(
    raw: Mapping[str, object],
    *,
    day: date | None = None,
    returned_day: date | None = None,
    typed: bool = False,
) -> CardRead:
    """Read one card from its raw values, keyed by FORMATS column (missing keys are empty).

    `day`: the visit's day, on which a time typed as the clock alone falls (None: a full date
    and time is needed, as in a file); `returned_day`: the same for `returned_at` (else `day`);
    `typed`: the values were typed at the desk, not written on paper (see `read_money`).
    """
    errors: list[FieldError] = []
    on_day = {"arrived_at": day, "finished_at": day, "signed_at": day}
    on_day["returned_at"] = returned_day or day
    v = _read_fields(CARD_FIELDS, raw, on_day, typed, errors)
    card = SupervisionCard(
        ticket_no=v["ticket_no"] or "",
        engineer_code=v["engineer_id"] or "",
        returned_at=v["returned_at"],
        arrived_at=v["arrived_at"],
        finished_at=v["finished_at"],
        signer_name=v["signer_name"] or "",
        signer_relation=v["signer_relation"] or "",
        signature_present=bool(v["signature_present"]),
        satisfaction=v["satisfaction"] or "",
        attitude_score=v["attitude_score"],
        quality_score=v["quality_score"],
        signed_at=v["signed_at"],
        fee_charged_fen=v["fee_charged"] or 0,
        fee_items=v["fee_items"] or (),
        receipt_no=v["receipt_no"] or "",
        repair_confident=v["repair_confident"] is not False,  # unstated: sure of the repair
        called_ahead=v["called_ahead"],
        notes=v["notes"] or "",
        certificate_fee_fen=v["certificate_fee"],
    )
    return CardRead(card, v, tuple(errors))


def parse_slip(
    raw: Mapping[str, object], *, day: date | None = None, typed: bool = False
) -> SlipRead:
    """Read one warranty slip from its raw values, keyed by FORMATS column (as parse_card)."""
    errors: list[FieldError] = []
    v = _read_fields(SLIP_FIELDS, raw, {"returned_at": day}, typed, errors)
    slip = WarrantySlip(
        ticket_no=v["ticket_no"] or "",
        engineer_code=v["engineer_id"] or "",
        returned_at=v["returned_at"],
        fault_cause=v["fault_cause"] or "",
        repair_action=v["repair_action"] or "",
        parts=v["parts"] or (),
        fee_charged_fen=v["fee_charged"] or 0,
        receipt_no=v["receipt_no"] or "",
    )
    return SlipRead(slip, v, tuple(errors))
