"""Helpers shared by the io tests: pages in every supported encoding, built from the corpus."""
from __future__ import annotations

# Written for these tests: traditional Chinese, so that Big5 can hold it.
OWN_TRADITIONAL = ("臺北訊　本報記者報導，今日上午市區天氣晴朗，民眾紛紛出門踏青。\n"
                   "市政府表示，週末將舉辦花卉展覽，歡迎市民參觀。\n\n"
                   "社區活動\n\n里長說明，下週起開放活動中心，供長者使用。\n")

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5")


def encodable(text: str, encoding: str) -> str:
    """The text with the characters the encoding lacks left out (Big5 lacks simplified ones)."""
    return "".join(c for c in text if _fits(c, encoding))


def _fits(c: str, encoding: str) -> bool:
    try:
        c.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def page_for(encoding: str, corpus: list[str], i: int) -> str:
    """A realistic page for an encoding: corpus articles, or own traditional text for Big5."""
    if encoding == "big5":
        return OWN_TRADITIONAL + encodable(corpus[i % len(corpus)], "big5")[:300]
    return encodable(corpus[i % len(corpus)] + "\n\n" + corpus[(i + 1) % len(corpus)], encoding)
