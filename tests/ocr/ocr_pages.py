"""Build OCR test pages: typeset corpus articles, OCR them with tesseract, keep the gold.

    python tests/ocr/ocr_pages.py OUTDIR [N [FIRST]]   # writes page-K.png/.ocr.txt/.gold.txt
    python tests/ocr/ocr_pages.py --interleave [--columns K] OUTDIR [N [FIRST]]   # lines of all columns top to bottom
    python tests/ocr/ocr_pages.py --whole-page OUTDIR [N [FIRST]]   # tesseract's own page layout (psm 3)
    python tests/ocr/ocr_pages.py --ppocr OUTDIR [N [FIRST]]   # PP-OCR (RapidOCR): lines in PaddleOCR's order
    python tests/ocr/ocr_pages.py --score OUTDIR       # raw vs `proofdesk clean`, per page and mean
    python tests/ocr/ocr_pages.py --links OUTDIR       # interleaved pages: share of column links rebuilt

Tests call ocr_page() for a couple of pages; the figures in the README come
from running this over more pages and scoring with ../shared/eval/score.py.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typeset import read_article, typeset  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CAPTIONS = [
    "3月5日，工作人员在现场检查设备运行情况。",
    "图为当地群众在新建成的广场上休闲健身。",
    "5月12日，技术人员在实验室调试仪器。",
]


def tesseract_available() -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "chi_sim" in out


def ocr_page(article: Path, out: Path, seed: int, max_paragraphs: int = 7,
             interleave: bool = False, columns: int | None = None,
             whole_page: bool = False, ppocr: bool = False) -> tuple[str, str]:
    """(OCR text, gold text) of one typeset page built from article.

    Each column is read on its own (psm 6: one block of text), as a
    column-aware OCR run does; tesseract's own page layout analysis scrambles
    the column order around the photo. With interleave, the text lines of all
    columns are instead written top to bottom by their position on the page,
    as line-level engines (PaddleOCR) write them. With whole_page, tesseract
    reads the whole page with its own layout analysis (psm 3): the input
    shape ProofDesk does not rebuild yet (README, "Line-level OCR input").
    With ppocr, PaddleOCR's own models (PP-OCR, run by RapidOCR: `pip install
    rapidocr-onnxruntime`, models in the wheel) read the page and write its
    lines top to bottom, as news-0001 was written.
    """
    rng = random.Random(seed)
    headline, paragraphs = read_article(article)
    caption = rng.choice(CAPTIONS)
    k = rng.choice([3, 4])  # drawn even when columns is given: the seed's other choices stay
    page = typeset(headline, paragraphs, caption, columns=columns or k,
                   col_chars=rng.choice([14, 16, 18]), photo_col=rng.choice([1, 2]),
                   seed=seed, max_paragraphs=max_paragraphs)
    page.image.save(out.with_suffix(".png"))
    if ppocr:
        return _ppocr(out, page), page.gold
    if whole_page:
        res = subprocess.run(["tesseract", str(out.with_suffix(".png")), "-", "-l", "chi_sim"],
                             capture_output=True, text=True, check=True)
        return res.stdout.strip("\n\f ") + "\n", page.gold
    parts, placed = [], []
    for k, box in enumerate(page.boxes):
        crop = out.with_name(f"{out.name}-{k}.png")
        page.image.crop(box).save(crop)
        args = ["tesseract", str(crop), "-", "-l", "chi_sim", "--psm", "6"] + (["tsv"] if interleave else [])
        res = subprocess.run(args, capture_output=True, text=True, check=True)
        crop.unlink()
        if not interleave:
            parts.append(res.stdout.strip("\n\f "))
            continue
        lines: dict[tuple[str, str, str], list[tuple[int, int, str]]] = {}
        for row in res.stdout.splitlines()[1:]:
            f = row.split("\t")
            if len(f) == 12 and f[0] == "5" and f[11].strip():
                lines.setdefault((f[2], f[3], f[4]), []).append((int(f[6]), int(f[7]), f[11]))
        for words in lines.values():
            top = min(t for _, t, _ in words) + box[1]
            left = min(x for x, _, _ in words) + box[0]
            placed.append((top, left, "".join(w for _, _, w in sorted(words)), k))
    if interleave:
        # Top to bottom; lines whose tops lie within a third of a line of the
        # row's first line are one row, read left to right.
        placed.sort()
        rows: list[list[tuple[int, int, str, int]]] = []
        for line in placed:
            if rows and line[0] - rows[-1][0][0] <= 15:
                rows[-1].append(line)
            else:
                rows.append([line])
        ordered = [line for row in rows for line in sorted(row, key=lambda tl: tl[1])]
        # Which column (box) each line came from: the truth the column rebuilding is scored against.
        out.with_suffix(".cols.txt").write_text("".join(f"{k}\n" for *_, k in ordered), encoding="utf-8")
        return "\n".join(t for _, _, t, _ in ordered) + "\n", page.gold
    return "\n\n".join(p for p in parts if p) + "\n", page.gold


_ENGINE: list = []


def _ppocr(out: Path, page) -> str:
    """The page's lines as PaddleOCR's pipeline orders them (top to bottom, then
    left to right), and the column each came from (page-K.cols.txt: the column
    box its left edge stands in; 0 is the headline's band)."""
    if not _ENGINE:
        from rapidocr_onnxruntime import RapidOCR
        _ENGINE.append(RapidOCR())
    found, _ = _ENGINE[0](str(out.with_suffix(".png")))
    lines, cols = [], []
    for box, text, _conf in found or []:
        x, y = box[0]
        lines.append(text)
        cols.append(next((k for k, (x0, y0, x1, y1) in enumerate(page.boxes) if x0 <= x < x1 and y0 <= y < y1), 0))
    out.with_suffix(".cols.txt").write_text("".join(f"{k}\n" for k in cols), encoding="utf-8")
    return "\n".join(lines) + "\n"


def score_dir(outdir: Path) -> None:
    """Score every page's OCR text and its cleaned text against the gold (score.py, no checks)."""
    import importlib.util

    from proofdesk.analysis import clean_text

    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    keys = (("P", lambda s: s["breaks"]["precision"]), ("R", lambda s: s["breaks"]["recall"]),
            ("CER", lambda s: s["cer"]), ("sentences", lambda s: s["sentences"]))
    rows = []
    golds = sorted(outdir.glob("page-*.gold.txt"), key=lambda p: int(p.name.split("-")[1].split(".")[0]))
    for gold_path in golds:
        gold = gold_path.read_text(encoding="utf-8")
        raw = gold_path.with_name(gold_path.name.replace(".gold.", ".ocr.")).read_text(encoding="utf-8")
        before, _ = score.score([], gold, raw)
        after, _ = score.score([], gold, clean_text(raw))
        rows.append((before, after))
        print(gold_path.name.split(".")[0], "raw", " ".join(f"{k} {f(before):.3f}" for k, f in keys),
              "| clean", " ".join(f"{k} {f(after):.3f}" for k, f in keys))
    for label, k in (("raw", 0), ("clean", 1)):
        print(f"mean {label} ({len(rows)} pages):",
              " ".join(f"{name} {sum(f(r[k]) for r in rows) / len(rows):.3f}" for name, f in keys))
    print("pages where cleaning raised the CER:", sum(1 for b, a in rows if a["cer"] > b["cer"]))


def column_links(text: str, cols: list[int]) -> tuple[int, int]:
    """(right, all) neighbours in the rebuilt reading order of an interleaved page.

    cols holds the true column of each non-blank line (page-K.cols.txt); two
    lines read one after the other are right when the truth reads them so:
    the next line of the same column, or a column's last line followed by the
    next column's first. (0, 0) when no interleaving is found.
    """
    from proofdesk.page.blocks import split_lines
    from proofdesk.page.columns import find_streams
    from proofdesk.page.reflow import is_noise, page_stats

    every = [ln for ln in split_lines(text) if ln.text.strip()]
    column = {ln.start: c for ln, c in zip(every, cols)}
    lines = [ln for ln in every if not is_noise(ln.text)]
    streams = find_streams(lines, page_stats(lines).width)
    if streams is None:
        return 0, 0
    order = list(streams.order)
    truth = sorted(order, key=lambda i: (column[lines[i].start], i))
    after = dict(zip(truth, truth[1:]))
    return sum(after.get(a) == b for a, b in zip(order, order[1:])), len(order) - 1


def links_dir(outdir: Path) -> None:
    right = total = 0
    for path in sorted(outdir.glob("page-*.cols.txt"), key=lambda p: int(p.name.split("-")[1].split(".")[0])):
        text = path.with_name(path.name.replace(".cols.", ".ocr.")).read_text(encoding="utf-8")
        r, t = column_links(text, [int(x) for x in path.read_text().split()])
        print(path.name.split(".")[0], f"{r}/{t}")
        right, total = right + r, total + t
    print(f"links right: {right}/{total} = {right / max(1, total):.3f}")


def main(argv: list[str]) -> None:
    if argv and argv[0] in ("--score", "--links"):
        (score_dir if argv[0] == "--score" else links_dir)(Path(argv[1]))
        return
    interleave = bool(argv) and argv[0] == "--interleave"
    whole_page = bool(argv) and argv[0] == "--whole-page"
    ppocr = bool(argv) and argv[0] == "--ppocr"
    argv = argv[1:] if interleave or whole_page or ppocr else argv
    columns = None
    if argv and argv[0] == "--columns":
        columns, argv = int(argv[1]), argv[2:]
    outdir = Path(argv[0])
    n = int(argv[1]) if len(argv) > 1 else 6
    first = int(argv[2]) if len(argv) > 2 else 0
    outdir.mkdir(parents=True, exist_ok=True)
    articles = sorted((SHARED / "corpus" / "articles").glob("*.txt"))
    for k in range(first, first + n):
        art = articles[(k * 7 + 3) % len(articles)]
        text, gold = ocr_page(art, outdir / f"page-{k}", seed=k, interleave=interleave, columns=columns,
                              whole_page=whole_page, ppocr=ppocr)
        (outdir / f"page-{k}.ocr.txt").write_text(text, encoding="utf-8")
        (outdir / f"page-{k}.gold.txt").write_text(gold, encoding="utf-8")
        print(k, art.name)


if __name__ == "__main__":
    main(sys.argv[1:])
