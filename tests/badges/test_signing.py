"""Signed badge codes: verifiable with the public key alone, compact enough for a small QR
code, and readable by a real decoder."""

import base64
import re

import pytest
import qrcode
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, QRData

from badges import signing

QUIET_ZONE = 4  # modules of white around the code, as the printed badge has
SCALE = 8  # pixels per module


@pytest.fixture
def keys():
    return signing.new_key_pair()


@pytest.fixture
def code(keys):
    private_key, _public_key = keys
    return signing.sign(private_key, 7, 1234, 42)


def render(modules: list[str]) -> Image.Image:
    """The modules drawn as a black and white image, with its quiet zone."""
    size = len(modules) + 2 * QUIET_ZONE
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(modules):
        for x, module in enumerate(row):
            if module == "1":
                image.putpixel((x + QUIET_ZONE, y + QUIET_ZONE), 0)
    return image.resize((size * SCALE, size * SCALE), Image.Resampling.NEAREST)


def other_character(character: str) -> str:
    return "B" if character == "A" else "A"


def test_sign_then_verify_gives_back_the_badge(keys, code):
    _private_key, public_key = keys

    assert signing.verify(public_key, code) == (7, 1234, 42)


def test_the_largest_numbers_round_trip(keys):
    private_key, public_key = keys
    largest = (256**3 - 1, 256**4 - 1, 256**3 - 1)

    assert signing.verify(public_key, signing.sign(private_key, *largest)) == largest


def test_numbers_too_large_for_the_code_are_refused(keys):
    private_key, _public_key = keys

    with pytest.raises(ValueError, match="serial"):
        signing.sign(private_key, 1, 1, 256**3)


def test_the_code_uses_only_upper_case_base32(code):
    assert re.fullmatch(r"^[A-Z2-7]+$", code)


def test_the_code_has_its_fixed_length(code):
    assert len(code) == signing.CODE_LENGTH == 120


@pytest.mark.parametrize("position", [0, 1, 5, 17, 18, 60, 118, 119])
def test_a_code_changed_in_one_character_is_refused(keys, code, position):
    _private_key, public_key = keys
    changed = code[:position] + other_character(code[position]) + code[position + 1 :]

    with pytest.raises(signing.InvalidCode):
        signing.verify(public_key, changed)


def test_a_code_signed_with_another_sessions_key_is_refused(keys):
    _private_key, public_key = keys
    other_private_key, _other_public_key = signing.new_key_pair()
    forged = signing.sign(other_private_key, 7, 1234, 42)

    with pytest.raises(signing.InvalidCode, match="signature"):
        signing.verify(public_key, forged)


@pytest.mark.parametrize(
    "garbled", ["", "HELLO", "not a code at all", "1" * 120, "A" * 120, "A" * 119, "A" * 121]
)
def test_garbled_input_is_refused_with_a_clear_error(keys, garbled):
    _private_key, public_key = keys

    with pytest.raises(signing.InvalidCode, match="not a badge code"):
        signing.verify(public_key, garbled)


def test_a_code_typed_in_lower_case_with_spaces_is_read(keys, code):
    _private_key, public_key = keys

    assert signing.verify(public_key, f"  {code.lower()}\n") == (7, 1234, 42)


def test_the_unverified_reading_names_the_session(code):
    assert signing.read_unverified(code) == (7, 1234, 42)


def test_the_qr_code_is_the_one_an_independent_encoder_makes_with_its_mask(code):
    """zxing-cpp makes the modules; qrcode, written apart from it, makes the same code,
    version and error correction M, in the alphanumeric mode, with one of the eight masks."""
    modules = signing.qr_modules(code)
    made = []
    for mask in range(8):
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=mask)
        qr.add_data(QRData(code, mode=MODE_ALPHA_NUM))
        qr.make(fit=True)
        made.append(["".join("1" if dark else "0" for dark in row) for row in qr.get_matrix()])

    assert modules in made
    assert signing.qr_version(modules) in (4, 5, 6)


def test_the_stored_modules_are_a_square_of_the_qr_version_without_border(code):
    modules = signing.qr_modules(code)

    assert {len(row) for row in modules} == {len(modules)}
    assert signing.qr_version(modules) in (4, 5, 6)
    assert modules[0].startswith("1111111")  # a finder pattern at the very edge: no border


def test_the_qr_modules_decode_back_to_the_code(code):
    barcodes = zxingcpp.read_barcodes(render(signing.qr_modules(code)))

    assert [(barcode.text, barcode.ec_level) for barcode in barcodes] == [(code, "M")]


def test_the_pem_public_key_verifies_a_code(keys, code):
    _private_key, public_key = keys
    raw = base64.b32decode(code)
    key = load_pem_public_key(signing.public_key_pem(public_key).encode())

    # verify() returns None for a good signature and raises for a bad one.
    assert key.verify(raw[signing.HEADER_BYTES :], raw[: signing.HEADER_BYTES]) is None


def test_the_base64_public_key_is_the_raw_key(keys):
    _private_key, public_key = keys
    raw = base64.b64decode(signing.public_key_base64(public_key))

    assert Ed25519PublicKey.from_public_bytes(raw).public_bytes_raw() == public_key


@pytest.mark.django_db
def test_a_badging_added_in_the_admin_gets_a_key_pair_that_signs(officer_client):
    from badges.models import SessionBadging
    from tests.factories import SessionFactory

    session = SessionFactory()

    response = officer_client.post(
        "/admin/badges/sessionbadging/add/",
        {"session": session.pk, "layout": "a6", "colours": "{}"},
    )

    badging = SessionBadging.objects.get(session=session)
    code = signing.sign(badging.private_key, session.pk, 1, 1)
    assert response.status_code == 302
    assert signing.verify(badging.public_key, code) == (session.pk, 1, 1)
