"""Read a page file from disk as text, with clear errors for bad input."""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from proofdesk.errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # a page is never this big; refuse before decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class PageFile:
    name: str
    data: bytes
    encoding: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def decode_page(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a page's bytes; InputError naming the file otherwise."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode(data, enc, name), enc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # Valid UTF-8 without control characters is UTF-8. (Short UTF-16 text can
    # be valid UTF-8 too, but then it is full of control characters.)
    if text is not None and _control_share(text) == 0:
        return text, "utf-8"
    guess = _utf16_without_bom(data)
    if guess is not None:
        return guess
    if text is not None:
        if _control_share(text) > 0.01:
            raise InputError(f"{name}: this is a binary file, not text")
        return text, "utf-8"
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: this is a binary file, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_16", "gb18030", "big5", "utf_8"]).best()
    if best is None:
        # The detector needs some text to judge; a very short page that
        # decodes cleanly as GB18030 (then Big5) is taken as such.
        for enc in ("gb18030", "big5"):
            try:
                short = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if sum(map(_is_plausible, short)) >= 0.97 * len(short):
                return short, enc
        raise InputError(f"{name}: the bytes are not text in any supported encoding "
                         "(UTF-8, UTF-16, GB18030/GBK, Big5)")
    enc = _gb_or_big5(data, best.encoding)
    text = _decode(data, enc, name)
    if _control_share(text) > 0.01:
        raise InputError(f"{name}: this is a binary file, not text")
    return text, enc


def _is_plausible(c: str) -> bool:
    """A character a Chinese newspaper page is made of."""
    o = ord(c)
    return (0x20 <= o < 0x7F or c in "\n\r\t\f" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF
            or 0xA0 <= o <= 0xFF or 0x2460 <= o <= 0x25FF)


def _common_share(text: str, enc: str) -> float:
    """Share of characters that are common in that encoding's script.

    GB2312 level 1 (leads 0xB0-0xD7) holds the 3,755 most used simplified
    characters, Big5 0xA440-0xC67E the 5,401 most used traditional ones.
    Bytes read in the wrong one of the two give rare characters, kana and
    bopomofo instead.
    """
    common = 0
    for c in text:
        o = ord(c)
        if o < 0x80 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
            common += 1
            continue
        try:
            lead = c.encode("gb2312" if enc == "gb18030" else "big5")[0]
        except UnicodeEncodeError:
            continue
        common += (0xB0 <= lead <= 0xD7) if enc == "gb18030" else (0xA4 <= lead <= 0xC6)
    return common / max(1, len(text))


def _gb_or_big5(data: bytes, detected: str) -> str:
    """Settle GB18030 against Big5 when the bytes are valid in both.

    The detector needs a few hundred characters to tell them apart; this
    looks at which reading gives the common characters of its script.
    """
    if detected.replace("_", "").lower() not in ("gb18030", "big5", "gbk", "gb2312", "cp950", "big5hkscs"):
        return detected
    scores = {}
    for enc in ("gb18030", "big5"):
        try:
            scores[enc] = _common_share(data.decode(enc)[:5000], enc)
        except UnicodeDecodeError:
            pass
    if len(scores) < 2:
        return detected
    # A tie goes to GB18030: the papers ProofDesk reads are mostly simplified Chinese.
    return "gb18030" if scores["gb18030"] >= scores["big5"] else "big5"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte order mark, when one byte order gives clearly Chinese text.

    CJK text in UTF-16 has few zero bytes, so counting zeros is not enough;
    GB18030 or Big5 bytes read as UTF-16 give surrogates, Hangul, Yi and
    private-use characters, which this rejects.
    """
    if len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        share = sum(map(_is_plausible, sample)) / max(1, len(sample))
        if share >= 0.97 and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best else None


def _decode(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError(f"{name}: cannot be decoded as {enc}: {e}") from None


def _control_share(text: str) -> float:
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, min(len(text), 20000))


def read_page_file(path: str | Path) -> PageFile:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a page file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{p}: too big for one page ({size // (1024 * 1024)} MB; the limit is "
                         f"{MAX_BYTES // (1024 * 1024)} MB)")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot be read: {e.strerror}") from None
    text, enc = decode_page(data, str(p))
    return PageFile(p.name, data, enc, text)
