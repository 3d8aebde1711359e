"""Parse one row's cells (text from CSV, typed values from XLSX) into checked Python values.

Every failure raises RowRefused naming the column; an empty cell is unknown (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from clerk_tui.domain.cards.parse import as_text
from clerk_tui.i18n import t, tn
from clerk_tui.io.imports.types import RowRefused

TEXT_LIMIT = 32767  # Excel's own cell limit: the cap for unbounded (TEXT) columns
MAX_FEN = 2_000_000_000  # fits a 32-bit INTEGER column on PostgreSQL
YEARS = (1900, 2099)

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r is a line break, made \n first
_CTRL_NOT_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """Whether `text` holds a control character other than tab and line breaks."""
    return not text.isprintable() and _CTRL_NOT_CR.search(text) is not None


_DT = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?"
)
_HHMM = re.compile(r"(\d{1,2})[:：](\d{2})(?::(\d{2}))?")
_YES = frozenset({"y", "yes", "true", "1", "是", "有", "对", "t"})
_NO = frozenset({"n", "no", "false", "0", "否", "无", "没有", "f"})


def show(value: object, width: int = 40) -> str:
    """A short, control-free rendering of a cell for a reason."""
    text = _CTRL.sub("?", stringify(value))
    return text if len(text) <= width else text[:width] + "..."


def stringify(value: object) -> str:
    """A cell as text: XLSX numbers and dates written the way FORMATS spells them (the card
    parser's own reading, so a file's cell and a typed field read alike)."""
    return as_text(value)


class Cells:
    """One row's raw cells, read by column name with typed, checked getters."""

    __slots__ = ("values", "index", "dirty")

    def __init__(
        self, values: Sequence[object], index: dict[str, int], dirty: bool | None = None
    ) -> None:
        """`dirty`: whether the row may hold control characters (None: look; a clean file says False)."""
        self.values = values
        self.index = index
        if dirty is None:
            dirty = has_control(" ".join(v for v in values if isinstance(v, str)))
        self.dirty = dirty

    def raw(self, col: str) -> object:
        i = self.index.get(col)
        if i is None:
            return None
        try:
            v = self.values[i]
        except IndexError:
            return None
        if v.__class__ is str:
            v = v.strip()
            return v or None
        return v

    def text(self, col: str, limit: int | None = None) -> str:
        i = self.index.get(col)
        if i is None:
            return ""
        try:
            v = self.values[i]
        except IndexError:
            return ""
        if v.__class__ is str:
            s = v.strip()
            if not s:
                return ""
        elif v is None:
            return ""
        else:
            s = stringify(v)
        if "\r" in s:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        if self.dirty:
            bad = _CTRL.search(s)
            if bad:
                raise RowRefused(
                    col, t("import.control_char", field=col, char=f"U+{ord(bad.group()):04X}")
                )
        cap = limit or TEXT_LIMIT
        if len(s) > cap:
            raise RowRefused(
                col, tn("import.too_long", len(s), field=col, length=len(s), limit=cap)
            )
        return s

    def key(self, col: str, limit: int | None = None) -> str:
        s = self.text(col, limit)
        if not s:
            raise RowRefused(col, t("import.key_missing", field=col))
        return s

    def datetime(self, col: str) -> datetime | None:
        v = self.raw(col)
        if v is None:
            return None
        if v.__class__ is str:
            out = _parse_dt(v, need_time=True)
        elif isinstance(v, datetime):
            out = v.replace(microsecond=0, tzinfo=None)
        else:
            out = None
        if out is None or not YEARS[0] <= out.year <= YEARS[1]:
            raise RowRefused(col, t("import.bad_datetime", field=col, value=show(v)))
        return out

    def date(self, col: str) -> date | None:
        v = self.raw(col)
        if v is None:
            return None
        out: date | None = None
        if isinstance(v, datetime):
            out = v.date() if v.time() == time(0) else None
        elif isinstance(v, date):
            out = v
        elif isinstance(v, str):
            dt = _parse_dt(v, need_time=False)
            out = dt.date() if dt is not None and dt.time() == time(0) else None
        if out is None or not YEARS[0] <= out.year <= YEARS[1]:
            raise RowRefused(col, t("import.bad_date", field=col, value=show(v)))
        return out

    def hhmm(self, col: str) -> str | None:
        v = self.raw(col)
        if v is None:
            return None
        if isinstance(v, datetime):
            v = v.time()
        if isinstance(v, time):
            return v.strftime("%H:%M")
        m = _HHMM.fullmatch(v) if isinstance(v, str) else None
        if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59 or int(m.group(3) or 0) > 59:
            raise RowRefused(col, t("import.bad_hhmm", field=col, value=show(v)))
        return f"{int(m.group(1)):02d}:{m.group(2)}"

    def yn(self, col: str) -> bool | None:
        v = self.raw(col)
        if v is None:
            return None
        if isinstance(v, bool):
            return v
        key = stringify(v).strip().lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise RowRefused(col, t("import.bad_bool", field=col, value=show(v)))

    def decimal(self, col: str) -> Decimal | None:
        v = self.raw(col)
        if v is None:
            return None
        if isinstance(v, bool):
            raise RowRefused(col, t("import.bad_number", field=col, value=show(v)))
        if isinstance(v, float):
            v = repr(v)
        s = str(v).replace(",", "").replace("，", "").replace(" ", "")
        for sign in ("¥", "￥", "元", "RMB", "rmb", "CNY"):
            s = s.replace(sign, "")
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise RowRefused(col, t("import.bad_number", field=col, value=show(v))) from None
        if not d.is_finite():
            raise RowRefused(col, t("import.bad_number", field=col, value=show(v)))
        if d < 0:
            raise RowRefused(col, t("import.negative", field=col, value=show(v)))
        return d

    def fen(self, col: str) -> int | None:
        """Yuan in the cell → integer fen (分); at most two decimals, not negative."""
        d = self.decimal(col)
        if d is None:
            return None
        if isinstance(self.raw(col), float):
            d = (
                d.quantize(Decimal("0.01"))
                if abs(d - d.quantize(Decimal("0.01"))) < Decimal("1e-6")
                else d
            )
        fen = d * 100
        if fen != fen.to_integral_value():
            raise RowRefused(col, t("import.bad_money", field=col, value=show(self.raw(col))))
        if fen > MAX_FEN:
            raise RowRefused(
                col,
                t(
                    "import.out_of_range",
                    field=col,
                    value=show(self.raw(col)),
                    low=0,
                    high=MAX_FEN // 100,
                ),
            )
        return int(fen)

    def integer(self, col: str, low: int, high: int) -> int | None:
        d = self.decimal(col)
        if d is None:
            return None
        if d != d.to_integral_value():
            raise RowRefused(col, t("import.bad_number", field=col, value=show(self.raw(col))))
        if not low <= d <= high:
            raise RowRefused(
                col,
                t("import.out_of_range", field=col, value=show(self.raw(col)), low=low, high=high),
            )
        return int(d)

    def choice(self, col: str, choices: dict[str, str]) -> str | None:
        """One of `choices` (lower-cased spelling → stored value), or None when empty."""
        v = self.raw(col)
        if v is None:
            return None
        s = stringify(v).strip()
        out = choices.get(s.lower(), choices.get(s))
        if out is None:
            allowed = "/".join(dict.fromkeys(choices.values()))
            raise RowRefused(col, t("import.bad_choice", field=col, value=show(v), allowed=allowed))
        return out


def _parse_dt(s: str, *, need_time: bool) -> datetime | None:
    n = len(s)
    if (
        (n == 16 and s[10] == " " and s[13] == ":" or n == 10 and not need_time)
        and s[4] == "-"
        and s[7] == "-"
    ):
        try:  # the common spellings, at C speed
            return datetime.fromisoformat(s)
        except ValueError:
            pass
    m = _DT.fullmatch(s)
    if m is None:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    if hh is None and need_time:
        return None
    try:
        return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def check_order(start_col: str, start, end_col: str, end, *, need_start: bool = True) -> None:
    """Refuse an end before its start (naming the end's column), or (if asked) an end with no start."""
    if need_start and end is not None and start is None:
        raise RowRefused(
            end_col, t("import.end_without_start", field=end_col, start_field=start_col)
        )
    if start is not None and end is not None and end < start:
        raise RowRefused(
            end_col,
            t(
                "import.end_before_start",
                field=end_col,
                end=stringify(end),
                start_field=start_col,
                start=stringify(start),
            ),
        )
