"""Real OCR damage: corpus articles typeset into multi-column pages with a photo
and caption, read by tesseract at test time, cleaned, scored against the article.

Two pages only: tesseract is slow. .ci/run installs tesseract-ocr and
tesseract-ocr-chi-sim; the page images are built here, nothing is committed.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from proofdesk.analysis import analyze
from proofdesk.findings import FindingKind
from proofdesk.page.reading import input_shape
from proofdesk.page.reflow import Shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_pages import column_links, ocr_page, tesseract_available  # noqa: E402

pytestmark = pytest.mark.slow


def _scorer(shared):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def pages(shared, tmp_path_factory):
    if not tesseract_available():
        pytest.fail("tesseract with chi_sim is missing: .ci/run installs tesseract-ocr tesseract-ocr-chi-sim")
    out = tmp_path_factory.mktemp("ocr")
    arts = shared / "corpus" / "articles"
    return [ocr_page(arts / name, out / name, seed) for name, seed in (("news-0056.txt", 7), ("news-0021.txt", 2))]


def test_ocr_pages_are_read_as_hard_wrapped(pages):
    for text, _ in pages:
        assert input_shape(text) is Shape.HARD_WRAPPED
        a = analyze(text)
        assert a.of_kind(FindingKind.REFLOW)
        assert a.cleaned([]).text == text


def test_cleaning_restores_paragraphs_and_never_raises_cer(shared, pages):
    score = _scorer(shared)
    for text, gold in pages:
        before, _ = score.score([], gold, text)
        after, _ = score.score([], gold, analyze(text).cleaned().text)
        # Raw tesseract output breaks every printed line: precision ~0.1.
        assert before["breaks"]["precision"] < 0.35
        assert after["breaks"]["precision"] >= 0.55, after
        assert after["breaks"]["recall"] >= 0.75, after
        assert after["cer"] <= before["cer"] + 1e-9, (before, after)
        assert after["sentences"] >= before["sentences"]


@pytest.fixture(scope="module")
def interleaved(shared, tmp_path_factory):
    """Pages whose lines come top to bottom across the columns, as line-level
    engines write them, with the true column of every line."""
    if not tesseract_available():
        pytest.fail("tesseract with chi_sim is missing: .ci/run installs tesseract-ocr tesseract-ocr-chi-sim")
    out = tmp_path_factory.mktemp("interleaved")
    arts = shared / "corpus" / "articles"
    pages = []
    # Seeds outside 100-139, the pages the column scores were measured on.
    for name, seed in (("news-0045.txt", 6), ("news-0035.txt", 4)):
        text, gold = ocr_page(arts / name, out / name, seed, interleave=True)
        cols = [int(x) for x in (out / name).with_suffix(".cols.txt").read_text().split()]
        pages.append((text, gold, cols))
    return pages


def test_interleaved_columns_are_rebuilt_from_tesseract_lines(shared, interleaved):
    score = _scorer(shared)
    right = total = 0
    for text, gold, cols in interleaved:
        assert input_shape(text) is Shape.INTERLEAVED
        r, t = column_links(text, cols)
        right, total = right + r, total + t
        before, _ = score.score([], gold, text)
        after, _ = score.score([], gold, analyze(text).cleaned().text)
        assert after["cer"] < before["cer"], (before, after)
        assert after["sentences"] > before["sentences"], (before, after)
    # 111 of 125 neighbours are right (the scores and prices before the
    # measured log-likelihoods got 104).
    assert right >= 0.85 * total, (right, total)
