"""Lines that belong to no column of an interleaved page: a photo's caption."""
from __future__ import annotations

import pytest

from proofdesk.page.blocks import split_lines
from proofdesk.page.columns import find_streams
from proofdesk.page.reflow import line_width, page_stats


def _column(text: str, width: int) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if line_width(cur + ch) > width:
            out.append(cur)
            cur = ""
        cur += ch
    return out + [cur] if cur else out


def _articles(shared) -> str:
    paths = sorted((shared / "corpus" / "articles").glob("*.txt"))[:12]
    return "".join("".join(p.read_text("utf-8").split("\n")[1:]).replace(" ", "") for p in paths)


def _under_a_photo(shared, k: int, rows: int, photo: int):
    """(columns, lines) of k columns of 16 ems interleaved line by line, the
    third starting photo rows down, under a photo."""
    lines = _column(_articles(shared), 16)
    cols = [lines[c * rows:(c + 1) * rows] for c in range(k)]
    cols[2] = cols[2][:rows - photo]
    flow = [cols[c][r] if c != 2 else cols[2][r - photo] for r in range(rows) for c in range(k) if c != 2 or r >= photo]
    return cols, split_lines("\n".join(flow) + "\n")


@pytest.mark.parametrize("caption", ["图为当地群众在新建成的广场上休闲健身。", "6月11日，技术人员在实验室调试新型雷达。"])
def test_a_caption_under_a_photo_stays_out_of_the_columns(shared, caption):
    # Three columns; a photo tops the third, and its caption, set in a smaller
    # face (more characters than a column's line), comes out of a line-level
    # OCR engine in the row where the caption sits. The third column's text
    # starts below it. Read into the flow, the caption was that column's first
    # line, the column seemed to skip a row and come back, and the search
    # mixed the columns' lines there.
    text = _articles(shared)
    width, rows, photo = 16, 40, 12
    lines = _column(text, width)
    c1, c2, c3 = lines[:rows], lines[rows:2 * rows], lines[2 * rows:3 * rows - photo]
    flow = []
    for r in range(rows):
        flow += [c1[r], c2[r]]
        if r == photo - 2:
            flow.append(caption)
        elif r >= photo:
            flow.append(c3[r - photo])
    page = split_lines("\n".join(flow) + "\n")
    streams = find_streams(page, page_stats(page).width)
    assert streams is not None
    assert [page[i].text for i in streams.asides] == [caption]
    order = [page[i].text for i in streams.order]
    truth = c1 + c2 + c3
    after = dict(zip(truth, truth[1:]))
    right = sum(after.get(a) == b for a, b in zip(order, order[1:]))
    assert right >= len(order) - 3, (right, len(order))


def test_a_column_a_photo_hides_over_most_of_the_page_is_read(shared):
    # Five columns; a photo tops the third for three rows in four, so the lines
    # cycle through four columns there and the page's period reads as four.
    # The search allows one column more (in order only) and reads all five.
    cols, page = _under_a_photo(shared, 5, 40, 30)
    streams = find_streams(page, page_stats(page).width)
    assert streams is not None and streams.columns == 5
    order = [page[i].text for i in streams.order]
    truth = [ln for c in cols for ln in c]
    after = dict(zip(truth, truth[1:]))
    right = sum(after.get(a) == b for a, b in zip(order, order[1:]))
    assert right >= 0.95 * len(order), (right, len(order))


@pytest.mark.parametrize("subtitle", [[], ["记九仙山气象站三十六年和他带出的年轻一代气象人"]])
def test_a_byline_atop_the_first_column_is_the_first_columns_line(shared, subtitle):
    # Four columns under a one-line title; the byline tops the first column,
    # beside the others' first lines, and the second column's first line is a
    # paragraph's last (short, as a heading looks). Taken as headings, these
    # lines left the first row without its first columns, the rows were cut
    # two lines off all down the page, and the third column was read first
    # (the last one on a tesseract page of ours, seed 1608).
    text = _articles(shared)
    width, rows = 16, 30
    lines = _column(text, width)
    cols = [["唐箔"] + lines[:rows - 1], ["十几个。"] + lines[rows:2 * rows - 1],
            lines[2 * rows:3 * rows], lines[3 * rows:4 * rows]]
    # A subtitle set wider than a column stays above the columns with the title.
    flow = ["立秋这天，我关掉了空调"] + subtitle + [cols[k][r] for r in range(rows) for k in range(4)]
    page = split_lines("\n".join(flow) + "\n")
    streams = find_streams(page, page_stats(page).width)
    assert streams is not None and streams.head == tuple(range(1 + len(subtitle)))
    assert [[page[i].text for i in part] for part in streams.parts] == cols


@pytest.mark.parametrize("photo", [4, 6, 8])
def test_a_column_that_starts_under_a_photo_is_read_in_its_place(shared, photo):
    # Four columns; a photo tops the third. The first rows hold columns 1, 2
    # and 4, and the search numbers them so; the third joins below the photo
    # and takes the next number. Read by number, it came last (1, 2, 4, 3);
    # the rows write it before the fourth, which is its place.
    cols, page = _under_a_photo(shared, 4, 30, photo)
    streams = find_streams(page, page_stats(page).width)
    assert streams is not None
    assert [[page[i].text for i in part] for part in streams.parts] == cols
