"""A 和 that tesseract inserts between the halves of a word is deleted; a real 和 never is."""
from __future__ import annotations

from proofdesk.analysis import analyze
from proofdesk.detect.characters import _stray_and
from proofdesk.findings import FindingKind


def _strays(analysis):
    return [f for f in analysis.findings if f.kind is FindingKind.CHAR and dict(f.details).get("from") == "和"
            and dict(f.details).get("to") == ""]


def test_an_inserted_and_inside_a_word_goes():
    # Lines from tesseract pages of our own (tests/ocr/ocr_pages.py).
    page = ("记者了解到，人工智能技术已经应用于天和气预报领域。\n"
            "“飞流直下三千尺，疑是银河落九天。”李和白笔下的庐山瀑布，至今令人神往。\n")
    a = analyze(page)
    assert len(_strays(a)) == 2
    cleaned = a.cleaned().text
    assert "应用于天气预报领域" in cleaned and "李白笔下" in cleaned


def test_a_real_and_stays():
    page = ("党员和干部职工的作风一个一个看。\n"
            "凭借硬核科技和担当坚守，守护人民群众生命财产安全。\n"
            "山前山后和水面周围常有大风。公共和气象服务中心的人员都到了。\n")
    a = analyze(page)
    assert _strays(a) == []
    assert a.cleaned().text.count("和") == page.count("和")


def test_no_and_of_the_corpus_articles_is_taken_out(shared):
    # The threshold's evidence: on every 和 the articles hold, the gain stays below it.
    count = 0
    for p in sorted((shared / "corpus" / "articles").glob("*.txt")):
        for line in p.read_text("utf-8").splitlines():
            count += line.count("和")
            assert _stray_and(line, set()) == [], line
    assert count > 250
