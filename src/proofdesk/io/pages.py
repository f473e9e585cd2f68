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
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise InputError(f"{name}: this is a binary file, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_16", "gb18030", "big5", "utf_8"]).best()
    if best is None:
        raise InputError(f"{name}: the bytes are not text in any supported encoding "
                         "(UTF-8, UTF-16, GB18030/GBK, Big5)")
    enc = best.encoding
    text = _decode(data, enc, name)
    if _control_share(text) > 0.01:
        raise InputError(f"{name}: this is a binary file, not text")
    return text, enc


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 8 and min(even, odd) < len(sample) // 64


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
