"""The presenter's rotating token and the ASN's personal QR: what is accepted, for how long, and what is not."""

from django.core import signing

from pledges.services.apel_checkin import (
    GRACE_SECONDS,
    ROTATION_SECONDS,
    checkin_token,
    checkin_token_read,
    personal_code,
    personal_code_read,
)

T0 = 1_800_000_000.0  # a slot boundary (divisible by 30)


def test_a_token_names_its_apel_while_it_is_on_screen_and_a_rotation_after():
    token = checkin_token(ceremony_id=42, now=T0 + 3)
    assert checkin_token_read(token, now=T0 + 3) == 42
    assert checkin_token_read(token, now=T0 + ROTATION_SECONDS + GRACE_SECONDS) == 42


def test_a_photo_of_the_qr_is_dead_a_minute_later():
    token = checkin_token(ceremony_id=42, now=T0 + 29)  # shown at the very end of its slot
    assert checkin_token_read(token, now=T0 + ROTATION_SECONDS + GRACE_SECONDS + 1) is None
    assert checkin_token_read(token, now=T0 + 3600) is None


def test_the_token_is_stable_within_a_slot_and_changes_with_the_next():
    assert checkin_token(ceremony_id=7, now=T0 + 1) == checkin_token(ceremony_id=7, now=T0 + 29)
    assert checkin_token(ceremony_id=7, now=T0 + 29) != checkin_token(ceremony_id=7, now=T0 + 30)


def test_a_token_from_the_future_is_refused():
    token = checkin_token(ceremony_id=7, now=T0 + 600)
    assert checkin_token_read(token, now=T0) is None


def test_an_altered_or_forged_token_is_refused():
    token = checkin_token(ceremony_id=42, now=T0)
    value, stamp, signature = token.split(":")
    assert checkin_token_read(f"{value.replace('42.', '43.')}:{stamp}:{signature}", now=T0) is None
    # Re-stamped with a later time to stretch its life: the signature covers the stamp.
    later = signing.b62_encode(int(T0) + 600)
    assert checkin_token_read(f"{value}:{later}:{signature}", now=T0 + 600) is None
    for junk in ("", "abc", "1.2:3", ":::", "x" * 500, "42.60000000:zz:AAAA"):
        assert checkin_token_read(junk, now=T0) is None


def test_a_token_signed_for_another_purpose_is_refused():
    slot = int(T0 // ROTATION_SECONDS)
    other = signing.TimestampSigner(salt="pledges.apel.personal").sign(f"42.{slot}")
    assert checkin_token_read(other, now=T0) is None


def test_the_personal_code_identifies_its_employee_and_cannot_be_made_up(db):
    from tests.factories import EmployeeFactory

    employee = EmployeeFactory()
    code = personal_code(employee)
    assert personal_code_read(code) == employee.pk
    assert employee.nip not in code  # not the bare NIP
    assert personal_code_read(f"ASN{employee.pk + 1}:{code.split(':')[1]}") is None  # another person's id
    assert personal_code_read(employee.nip) is None
    assert personal_code_read(checkin_token(ceremony_id=employee.pk, now=T0)) is None
    assert personal_code_read("") is None
