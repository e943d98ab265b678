"""Signed badge codes: what the QR code on a badge says, verifiable offline.

A code names one badge (session id, registration id, serial) and carries an Ed25519
signature made with the session's private key, so that a scanner holding only the
session's public key can tell a real badge from a forged one without the database.

Layout, before encoding (75 bytes, big-endian):

    version (1) | session id (3) | registration id (4) | serial (3) | signature (64)

The signature covers the first 11 bytes. The bytes are written in upper-case base32
(RFC 4648 alphabet A-Z, 2-7) without padding: 120 characters, all in the QR code's compact
alphanumeric mode, which fits a version 5 QR code at error correction M (122 characters).
75 bytes are exactly 120 base32 characters, with no spare bits: every character counts,
so changing any one of them changes the signed bytes.
"""

import base64
import binascii
import re

import zxingcpp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils.translation import gettext as _

VERSION = 1
ALGORITHM = "Ed25519"
# Widths in bytes of the three numbers: up to 16.7 million sessions, 4.3 thousand million
# registrations and 16.7 million badges per session. One byte less than three 32-bit
# numbers keeps the code within a version 5 QR code.
SESSION_ID_BYTES = 3
REGISTRATION_ID_BYTES = 4
SERIAL_BYTES = 3
HEADER_BYTES = 1 + SESSION_ID_BYTES + REGISTRATION_ID_BYTES + SERIAL_BYTES
SIGNATURE_BYTES = 64
CODE_BYTES = HEADER_BYTES + SIGNATURE_BYTES
CODE_LENGTH = -(-CODE_BYTES * 8 // 5)  # base32 characters, without padding
QR_VERSIONS = range(4, 7)

_BASE32 = re.compile(r"^[A-Z2-7]+$")


class InvalidCode(ValueError):
    """A code that is garbled, of an unknown version, or whose signature does not match:
    a forged badge, or a scan that went wrong. The message is for the user."""


class QRCodeTooLarge(ValueError):
    """The code does not fit a QR code of the versions that print well on a badge."""


# --- Keys ------------------------------------------------------------------------------


def new_key_pair() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair, as (private key, public key), 32 raw bytes each."""
    private_key = Ed25519PrivateKey.generate()
    private_bytes = private_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    public_bytes = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return private_bytes, public_bytes


def public_key_base64(public_key: bytes) -> str:
    """The 32 raw bytes of the public key in standard base64, for scanning apps."""
    return base64.b64encode(bytes(public_key)).decode("ascii")


def public_key_pem(public_key: bytes) -> str:
    """The public key as a PEM SubjectPublicKeyInfo block (what OpenSSL and most
    libraries read)."""
    key = Ed25519PublicKey.from_public_bytes(bytes(public_key))
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


# --- Codes -----------------------------------------------------------------------------


def _header(session_id: int, registration_id: int, serial: int) -> bytes:
    parts = bytearray([VERSION])
    for value, width, name in (
        (session_id, SESSION_ID_BYTES, "session id"),
        (registration_id, REGISTRATION_ID_BYTES, "registration id"),
        (serial, SERIAL_BYTES, "serial"),
    ):
        if not 0 <= value < 256**width:
            raise ValueError(f"The {name} {value} does not fit in {width} bytes.")
        parts += value.to_bytes(width, "big")
    return bytes(parts)


def _numbers(header: bytes) -> tuple[int, int, int]:
    start = 1
    numbers = []
    for width in (SESSION_ID_BYTES, REGISTRATION_ID_BYTES, SERIAL_BYTES):
        numbers.append(int.from_bytes(header[start : start + width], "big"))
        start += width
    return numbers[0], numbers[1], numbers[2]


def sign(private_key: bytes, session_id: int, registration_id: int, serial: int) -> str:
    """The signed code of one badge: upper-case base32 without padding."""
    header = _header(session_id, registration_id, serial)
    signature = Ed25519PrivateKey.from_private_bytes(bytes(private_key)).sign(header)
    return base64.b32encode(header + signature).decode("ascii").rstrip("=")


def normalise(code: str) -> str:
    """The code as printed, from what a scanner typed: without surrounding spaces, in upper
    case (a keyboard-wedge scanner with Caps Lock on types it in lower case)."""
    return (code or "").strip().upper()


def _decode(code: str) -> bytes:
    code = normalise(code)
    if len(code) != CODE_LENGTH or not _BASE32.match(code):
        raise InvalidCode(_("This is not a badge code of this system."))
    padding = "=" * (-len(code) % 8)
    try:
        raw = base64.b32decode(code + padding)
    except (binascii.Error, ValueError) as error:
        raise InvalidCode(_("This is not a badge code of this system.")) from error
    if len(raw) != CODE_BYTES or raw[0] != VERSION:
        raise InvalidCode(_("This is not a badge code of this system."))
    return raw


def read_unverified(code: str) -> tuple[int, int, int]:
    """(session id, registration id, serial) as the code states them, NOT verified: to
    find the session whose public key then verifies it. Raises InvalidCode if garbled."""
    return _numbers(_decode(code)[:HEADER_BYTES])


def verify(public_key: bytes, code: str) -> tuple[int, int, int]:
    """(session id, registration id, serial) of a code signed with the private key of this
    public key. Raises InvalidCode for a garbled code or a signature that does not match
    (a forged code, one changed in any character, or one of another session)."""
    raw = _decode(code)
    header, signature = raw[:HEADER_BYTES], raw[HEADER_BYTES:]
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, header)
    except InvalidSignature as error:
        raise InvalidCode(_("The signature of this badge code is not valid.")) from error
    return _numbers(header)


# --- QR code ---------------------------------------------------------------------------


def qr_modules(code: str) -> list[str]:
    """The QR code of a signed code, error correction M, the smallest version that holds it
    (checked to be 4 to 6; base32 upper case takes the alphanumeric mode), as its modules:
    one string of "1" (dark) and "0" (light) per row, without the quiet zone (the renderer
    adds it). Made by zxing-cpp's encoder, in C++: qrcode's, in Python, took about 13 ms a
    code here, most of it choosing the mask, and a batch of new badges makes thousands."""
    symbol = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    pixels = bytes(memoryview(image))
    modules = [
        "".join("1" if pixel < 128 else "0" for pixel in pixels[row * width : (row + 1) * width])
        for row in range(height)
    ]
    if qr_version(modules) not in QR_VERSIONS:
        raise QRCodeTooLarge(
            f"The code needs a version {qr_version(modules)} QR code; badges take versions 4 to 6."
        )
    return modules


def qr_version(modules: list[str]) -> int:
    """The QR version of stored modules (a version-v code is 17 + 4v modules wide)."""
    return (len(modules) - 17) // 4
