"""Decoding page files: every common Chinese encoding round-trips; bad input is refused by name."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.errors import InputError
from proofdesk.io.pages import decode_page, read_page_file

from io_helpers import ENCODINGS, OWN_TRADITIONAL, encodable, page_for

FAMILY = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-16-le": "utf-16-le",
          "utf-16-be": "utf-16-be", "gb18030": "gb18030", "gbk": "gb18030", "big5": "big5"}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_whole_pages_round_trip(encoding, corpus_pages):
    for i in range(len(corpus_pages)):
        text = page_for(encoding, corpus_pages, i)
        decoded, detected = decode_page(text.encode(encoding), f"p{i}.txt")
        assert decoded == text
        assert detected == FAMILY[encoding]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("length", [20, 60, 200, 1000])
def test_short_pages_round_trip(encoding, length, corpus_pages):
    # the first lines of a page: headline and the start of the first paragraph
    for i, article in enumerate(corpus_pages):
        text = encodable(article, encoding)[:length]
        if len(text.strip()) < 10:
            continue
        assert decode_page(text.encode(encoding), f"p{i}.txt")[0] == text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(OWN_TRADITIONAL.replace("\n", "")), min_size=30, max_size=400),
       st.sampled_from(ENCODINGS))
def test_generated_text_round_trips(chars, encoding):
    text = "".join(chars)
    assert decode_page(text.encode(encoding), "x.txt")[0] == text


@pytest.mark.parametrize("name,data,why", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\n", "empty"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20, "binary"),
    ("zeros.txt", b"\x00" * 4096, "binary"),
    ("noise.bin", bytes(range(256)) * 16, "binary|not text"),
])
def test_bad_input_is_refused_by_name(name, data, why):
    with pytest.raises(InputError, match=f"{name}.*({why})"):
        decode_page(data, name)


def test_random_bytes_are_refused():
    rnd = __import__("random").Random(7)
    for i in range(30):
        data = bytes(rnd.randrange(256) for _ in range(3000))
        with pytest.raises(InputError, match=f"r{i}.bin"):
            decode_page(data, f"r{i}.bin")


def test_read_page_file(tmp_path, corpus_pages):
    p = tmp_path / "第一版.txt"
    p.write_bytes(corpus_pages[0].encode("gb18030"))
    pf = read_page_file(p)
    assert (pf.name, pf.encoding, pf.text, pf.data) == ("第一版.txt", "gb18030", corpus_pages[0], p.read_bytes())
    with pytest.raises(InputError, match="no such file"):
        read_page_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_page_file(tmp_path)
