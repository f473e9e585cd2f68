"""How much a line that the OCR missed costs the reading-order rebuild.

    python benchmarks/robust_interleaved.py [N]

news-0001 and news-0002 (four columns interleaved line by line) are cleaned
as they are and with one line taken out, N times each (fixed seeds: lines
chosen with random.Random(1) among the flow below the title block), and
scored against their silver text with ../shared/eval/score.py. A line-level
engine does drop lines; the rebuild should then lose that line, not the order
of the columns after it. Prints the CER and sentence recall of the page as it
is, the mean over the drops, and how many drops raise the CER above 0.1.
"""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"


def main() -> None:
    from proofdesk.analysis import clean_text

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for name in ("news-0001", "news-0002"):
        raw = (SHARED / "corpus" / "raw" / f"{name}.txt").read_text("utf-8")
        silver = (SHARED / "corpus" / "raw" / f"{name}.silver.txt").read_text("utf-8")
        lines = raw.split("\n")
        base, _ = score.score([], silver, clean_text(raw))
        cers, sents = [], []
        for k in random.Random(1).sample(range(8, len(lines) - 2), n):
            s, _ = score.score([], silver, clean_text("\n".join(lines[:k] + lines[k + 1:])))
            cers.append(s["cer"])
            sents.append(s["sentences"])
        print(f"{name}: as it is CER {base['cer']:.3f}, sentences {base['sentences']:.3f}; "
              f"one of {n} lines dropped: mean CER {sum(cers) / n:.3f}, sentences {sum(sents) / n:.3f}, "
              f"CER > 0.1 on {sum(c > 0.1 for c in cers)} of {n}")


if __name__ == "__main__":
    main()
