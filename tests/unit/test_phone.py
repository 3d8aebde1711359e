"""Phone numbers as clerks type them: mobiles, landlines with area code, IME full-width digits."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_tui.domain.validation.phone import PHONE_REASONS, check_phone, phone_key
from clerk_tui.i18n import catalog


class TestAcceptedNumbers:
    @pytest.mark.parametrize(
        ("typed", "e164", "kind"),
        [
            ("13812345678", "+8613812345678", "mobile"),
            ("138 1234 5678", "+8613812345678", "mobile"),
            ("138-1234-5678", "+8613812345678", "mobile"),
            ("１３８１２３４５６７８", "+8613812345678", "mobile"),  # full-width, typed via IME
            ("１３８　１２３４　５６７８", "+8613812345678", "mobile"),  # ideographic spaces
            ("+86 138 1234 5678", "+8613812345678", "mobile"),
            ("＋８６１３８１２３４５６７８", "+8613812345678", "mobile"),
            ("008613812345678", "+8613812345678", "mobile"),
            ("19912345678", "+8619912345678", "mobile"),
            ("010-12345678", "+861012345678", "landline"),
            ("0532-88881234", "+8653288881234", "landline"),
            ("0532 8888 1234", "+8653288881234", "landline"),
            ("(0532)88881234", "+8653288881234", "landline"),
            ("（０５３２）８８８８１２３４", "+8653288881234", "landline"),
            ("0351-1234567", "+863511234567", "landline"),  # 7-digit local number
            ("+86 532 8888 1234", "+8653288881234", "landline"),
        ],
    )
    def test_valid_number_is_normalised_to_e164(self, typed, e164, kind):
        checked = check_phone(typed)
        assert checked.valid, checked.reason
        assert checked.e164 == e164
        assert checked.kind == kind

    @pytest.mark.parametrize(
        ("typed", "national"),
        [
            ("13812345678", "138 1234 5678"),
            ("010-12345678", "010 1234 5678"),
            ("0532-88881234", "0532 8888 1234"),
            ("0351-1234567", "0351 123 4567"),
        ],
    )
    def test_national_form_groups_area_code_and_number(self, typed, national):
        assert check_phone(typed).national == national

    def test_extension_after_zhuan_is_kept(self):
        checked = check_phone("0532-88881234转123")
        assert checked.valid
        assert checked.e164 == "+8653288881234"
        assert checked.extension == "123"

    def test_foreign_number_valid_in_its_country_is_accepted(self):
        checked = check_phone("+1 650 253 0000")
        assert checked.valid and checked.e164 == "+16502530000"


class TestRefusedNumbers:
    @pytest.mark.parametrize(
        ("typed", "reason"),
        [
            ("", "empty"),
            ("   ", "empty"),
            ("abc", "not_a_number"),
            ("无", "not_a_number"),
            ("1381234567", "mobile_wrong_length"),  # one digit short: the manual's 电话错
            ("138123456789", "mobile_wrong_length"),
            ("88881234", "missing_area_code"),  # a local landline without 0532
            ("0532-888812", "too_short"),
            ("12345678901", "invalid_number"),  # no such mobile prefix
            ("14012345678", "invalid_number"),
            ("021-6123456", "too_short"),  # Shanghai numbers have 8 digits
            ("0532-8888123456", "too_long"),
            ("0999-88881234", "invalid_number"),  # no such area code
        ],
    )
    def test_wrong_number_says_why(self, typed, reason):
        checked = check_phone(typed)
        assert not checked.valid
        assert checked.reason == reason
        assert checked.e164 == ""

    def test_every_reason_has_a_message_in_both_languages(self):
        messages = catalog()
        for reason in PHONE_REASONS:
            zh, en = messages[f"val.phone.{reason}"]
            assert "{phone}" in zh and "{phone}" in en


class TestAgreesWithPhonenumbers:
    """The fast paths for plain mobiles and landlines must give the library's own verdict."""

    @settings(max_examples=200, deadline=None)
    @given(st.from_regex(r"\A(?:1\d{10}|0\d{9,11}|1\d{9}|\d{7,8})\Z"))
    def test_validity_and_format_match_the_library(self, digits):
        checked = check_phone(digits)
        try:
            number = phonenumbers.parse(digits, "CN")
        except phonenumbers.NumberParseException:
            assert not checked.valid
            return
        assert checked.valid == phonenumbers.is_valid_number(number)
        if checked.valid:
            fmt = phonenumbers.PhoneNumberFormat
            assert checked.e164 == phonenumbers.format_number(number, fmt.E164)
            assert checked.national == phonenumbers.format_number(number, fmt.NATIONAL)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=60))
    def test_any_text_gives_a_verdict_without_raising(self, text):
        checked = check_phone(text)
        assert checked.valid or checked.reason in PHONE_REASONS


class TestPhoneKey:
    def test_same_number_typed_differently_has_one_key(self):
        keys = {
            phone_key(t) for t in ("13812345678", "+86 138-1234-5678", "１３８１２３４５６７８")
        }
        assert keys == {"+8613812345678"}

    def test_invalid_number_keys_on_its_digits(self):
        assert phone_key("138-1234-567") == "1381234567"
