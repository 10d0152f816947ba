"""Decoding text files: UTF-8 with and without a BOM, UTF-16/32 with one,
Windows-1252, and refusing everything else."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jargonlint.decode import Decoded, decode, encode, is_binary
from jargonlint.readers import ReadError, read_markdown
from tests.readers_support import FORMATS_DIR, jargon_uses


def test_utf8_without_bom():
    assert decode("Café virement".encode()) == Decoded("Café virement", "utf-8", False)


def test_utf8_bom_is_remembered_not_kept():
    decoded = decode(codecs.BOM_UTF8 + "virement".encode())
    assert decoded == Decoded("virement", "utf-8", True)


def test_line_endings_are_not_translated():
    data = b"one\r\ntwo\rthree\nfour"
    assert decode(data).text == "one\r\ntwo\rthree\nfour"
    assert decode(codecs.BOM_UTF8 + data).text == "one\r\ntwo\rthree\nfour"


def test_windows_1252_briefing():
    text = "The council\u2019s \u201cvirement\u201d of \u00a3250 \u2013 caf\u00e9 \u20ac5\r\n"
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == Decoded(text, "cp1252", False)


def test_windows_1252_offsets_match_the_text():
    data = "Caf\u00e9 \u2018quoted\u2019 virement".encode("cp1252")
    decoded = decode(data)
    prose = read_markdown(decoded.text)
    assert ("prose", decoded.text.index("virement"), "virement") in jargon_uses(prose)


def test_undefined_windows_1252_bytes_are_refused():
    # 0x81 is undefined in Windows-1252 and not valid UTF-8 on its own.
    with pytest.raises(ReadError, match="not UTF-8 or Windows-1252 text"):
        decode(b"caf\xe9 \x81 virement")


def test_control_characters_are_refused_in_windows_1252():
    with pytest.raises(ReadError, match="not UTF-8 or Windows-1252 text"):
        decode(b"caf\xe9 \x07 bell")


def test_nul_bytes_are_refused():
    with pytest.raises(ReadError, match="NUL"):
        decode(b"text\x00more")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(encoding):
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    data = mark + "Caf\u00e9 \U0001f389 virement\r\n".encode(encoding)
    assert not is_binary(data)
    decoded = decode(data)
    assert decoded == Decoded("Caf\u00e9 \U0001f389 virement\r\n", encoding, True)
    assert encode(decoded.text, decoded.encoding, decoded.bom) == data


def test_bad_text_after_a_bom():
    with pytest.raises(ReadError, match="UTF-8"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe bad")


def test_is_binary():
    assert is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert is_binary(b"PK\x03\x04" + b"\x00" * 20)
    assert not is_binary(b"plain text\n")
    assert not is_binary(b"")
    assert not is_binary(b"a" * 9000 + b"\x00")  # only the first 8 KB are looked at
    assert is_binary(codecs.BOM_UTF8 + b"\x00\x01")


def test_encode_round_trips_each_fixture():
    for path in sorted(FORMATS_DIR.glob("briefing.*")):
        if path.suffix == ".expected":
            continue
        data = path.read_bytes()
        for variant in (data, codecs.BOM_UTF8 + data, data.replace(b"\n", b"\r\n")):
            d = decode(variant)
            assert encode(d.text, d.encoding, d.bom) == variant


def test_encode_refuses_what_windows_1252_cannot_hold():
    with pytest.raises(ValueError, match="cp1252"):
        encode("emoji \U0001f389", "cp1252")
    assert encode("caf\u00e9", "cp1252") == b"caf\xe9"


@settings(max_examples=100, deadline=None)
@given(st.text(), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le"]), st.booleans())
def test_decode_inverts_encode(text, encoding, bom):
    if "\x00" in text and not (bom and encoding != "utf-8"):
        return  # NUL is not text unless a UTF-16/32 mark says so
    if encoding != "utf-8":
        bom = True  # UTF-16 and UTF-32 are recognised by their mark only
    if not bom and text.startswith("\ufeff"):
        return  # indistinguishable from a BOM
    try:
        data = encode(text, encoding, bom)
    except ValueError:
        return  # lone surrogates
    decoded = decode(data)
    assert decoded.text == text
    assert encode(decoded.text, decoded.encoding, decoded.bom) == data


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_decode_either_succeeds_exactly_or_says_why(data):
    try:
        decoded = decode(data)
    except ReadError as exc:
        assert "text" in str(exc)
        return
    assert encode(decoded.text, decoded.encoding, decoded.bom) == data
