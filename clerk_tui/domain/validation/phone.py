"""Customer phone numbers: normalise what the clerk typed and say why a number cannot be right."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberFormat, PhoneNumberType

from clerk_tui.domain.findings import N_

REGION = "CN"

PHONE_MESSAGE: dict[str, str] = {
    "empty": N_("val.phone.empty"),
    "not_a_number": N_("val.phone.not_a_number"),
    "mobile_wrong_length": N_("val.phone.mobile_wrong_length"),
    "missing_area_code": N_("val.phone.missing_area_code"),
    "too_short": N_("val.phone.too_short"),
    "too_long": N_("val.phone.too_long"),
    "invalid_number": N_("val.phone.invalid_number"),
}
"""Why a number is refused, with the message that says so (its value: `phone`, the number)."""
PHONE_REASONS = tuple(PHONE_MESSAGE)

_EXTENSION = re.compile(r"\s*(?:转|轉|分机|分機)\s*(\d+)\s*$")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−.·()（）/]+")
_CN_PREFIX = re.compile(r"^(?:\+86|0086)")
_MOBILE_SHAPE = re.compile(r"1\d{10}", re.ASCII)
_NON_DIGIT = re.compile(r"\D", re.ASCII)
_LANDLINE_SHAPE = re.compile(r"0(?:[12]\d|[3-9]\d\d)\d{7,8}", re.ASCII)


def _cn_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """libphonenumber's national patterns of mainland mobiles and landlines."""
    meta = PhoneMetadata.metadata_for_region(REGION)
    mobile = meta.mobile if meta is not None else None
    fixed = meta.fixed_line if meta is not None else None
    if mobile is None or fixed is None:
        raise RuntimeError(f"phonenumbers has no metadata for region {REGION}")
    mobile_pattern, fixed_pattern = mobile.national_number_pattern, fixed.national_number_pattern
    if mobile_pattern is None or fixed_pattern is None:
        raise RuntimeError(f"phonenumbers has no number patterns for region {REGION}")
    return re.compile(mobile_pattern), re.compile(fixed_pattern)


_CN_MOBILE, _CN_FIXED = _cn_patterns()


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """The verdict on one typed phone number.

    `e164` (+8613812345678) and `national` (138 1234 5678 / 0532 8888 1234) are filled
    when the number is valid; `reason` (one of PHONE_REASONS) when it is not.
    """

    raw: str
    valid: bool
    e164: str = ""
    national: str = ""
    kind: str = ""  # mobile | landline | other
    extension: str = ""
    reason: str = ""


def fold_width(text: str) -> str:
    """Full-width digits, plus signs and brackets (typed through an IME) to their ASCII forms.

    Other scripts' decimal digits (٠١٢ ...) become ASCII digits too, as phonenumbers reads them.
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _digits_core(text: str) -> str:
    """Text with separators removed and a +86/0086 prefix dropped (used for the reasons)."""
    return _CN_PREFIX.sub("", _SEPARATORS.sub("", text))


@lru_cache(maxsize=32768)  # a validation run checks each open ticket's phone more than once
def check_phone(raw: str) -> PhoneCheck:
    """Normalise `raw` as a phone number of mainland China.

    Accepts mobiles (1[3-9]x, 11 digits), landlines with their area code (010-12345678,
    0532-88881234, (0532)88881234), +86/0086 prefixes, full-width digits, spaces and
    dashes, and an extension after 转/分机. Numbers of other countries are accepted when
    valid there. Validity comes from the `phonenumbers` metadata.
    """
    text = fold_width(raw or "").strip()
    if not text:
        return PhoneCheck(raw, False, reason="empty")
    extension = ""
    match = _EXTENSION.search(text)
    if match:
        extension = match.group(1)
        text = text[: match.start()]
    core = _digits_core(text)
    # Fast paths: a plain mainland mobile or landline, checked against the library's own
    # patterns for China (tests hold them equal to phonenumbers' verdict and format).
    if _MOBILE_SHAPE.fullmatch(core) and _CN_MOBILE.fullmatch(core) and not extension:
        national = f"{core[:3]} {core[3:7]} {core[7:]}"
        return PhoneCheck(raw, True, "+86" + core, national, "mobile")
    if _LANDLINE_SHAPE.fullmatch(core) and _CN_FIXED.fullmatch(core[1:]) and not extension:
        area = 3 if core[1] in "12" else 4  # 010, 02x; 0532...
        local = core[area:]
        split = 4 if len(local) == 8 else 3
        national = f"{core[:area]} {local[:split]} {local[split:]}"
        return PhoneCheck(raw, True, "+86" + core[1:], national, "landline")
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException:
        return PhoneCheck(raw, False, reason="not_a_number")
    if extension:
        number.extension = extension
    if phonenumbers.is_valid_number(number):
        kind = _kind(phonenumbers.number_type(number))
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        return PhoneCheck(raw, True, e164, national, kind, number.extension or "")
    return PhoneCheck(raw, False, extension=extension, reason=_reason(core, number))


def _kind(number_type: int) -> str:
    if number_type == PhoneNumberType.MOBILE:
        return "mobile"
    if number_type in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "landline"
    return "other"


def _reason(core: str, number: phonenumbers.PhoneNumber) -> str:
    """Why a parsed number is not valid, in the words a clerk would use."""
    digits = _NON_DIGIT.sub("", core)
    if number.country_code == 86:
        if digits.startswith("1") and len(digits) != 11:
            return "mobile_wrong_length"
        if digits[:1] in "2345678" and 7 <= len(digits) <= 8:
            return "missing_area_code"
        if digits.startswith("0") and len(digits) < 11:  # area code + 7 or 8 digits
            return "too_short"
        if digits.startswith("0") and len(digits) > 12:
            return "too_long"
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == phonenumbers.ValidationResult.TOO_SHORT:
        return "too_short"
    if possible == phonenumbers.ValidationResult.TOO_LONG:
        return "too_long"
    if possible == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return "missing_area_code"
    return "invalid_number"


def phone_key(raw: str) -> str:
    """A key to match the same customer's tickets: E.164 when valid, else the bare digits."""
    checked = check_phone(raw)
    if checked.valid:
        return checked.e164
    return _NON_DIGIT.sub("", fold_width(raw or ""))
