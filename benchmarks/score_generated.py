"""Score the engine on generated damaged pages with ../shared/eval/score.py.

    .venv/bin/python benchmarks/score_generated.py [--pages 40] [--first-seed 0] [--failures]

Each page comes from the damage generator (tests/damage.py) with every kind
of damage on; it is cleaned with every proposal accepted (clean_text) and
scored against its gold. Prints the mean and minimum sentence share, the CER
before and after cleaning, and the checks passed per defect kind; with
--failures, every failed check with its damage, the raw excerpt and what the
cleaning made of it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import damage  # noqa: E402  (tests/damage.py: the page generator)
import page_scoring  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--only", choices=("break", "caption", "overlap", "orphan", "confusable", "jump", "none"),
                    help="one kind of damage only (none: undamaged pages)")
    ap.add_argument("--failures", action="store_true", help="print every failed check")
    args = ap.parse_args(argv)

    from proofdesk.analysis import clean_text

    score = page_scoring.load_score()
    dmg = damage.Damage()
    if args.only == "none":
        dmg = damage.Damage.none()
    elif args.only:
        dmg = damage.Damage.only(args.only)
    sentences, cer_before, cer_after, lost_pages, breaks = [], [], [], [], []
    by_defect = defaultdict(lambda: [0, 0])
    by_damage = defaultdict(lambda: [0, 0])
    perfect, failures, req_total = 0, [], [0, 0]
    t0 = time.perf_counter()
    for seed in range(args.first_seed, args.first_seed + args.pages):
        page = damage.build_page(seed, dmg)
        cleaned = clean_text(page.raw)
        summary, results = score.score(page.checks, page.gold, cleaned)
        before, _ = score.score(page.checks, page.gold, page.raw)
        sentences.append(summary["sentences"])
        cer_before.append(before["cer"])
        cer_after.append(summary["cer"])
        breaks.append((summary["breaks"]["precision"], summary["breaks"]["recall"]))
        kinds = {d["id"]: d["kind"] for d in page.damages}
        for r in results:
            by_defect[r["defect"]][0] += r["passed"]
            by_defect[r["defect"]][1] += 1
            if "damage" in r:
                by_damage[kinds[r["damage"]]][0] += r["passed"]
                by_damage[kinds[r["damage"]]][1] += 1
        req = summary["required"]
        req_total[0] += req["passed"]
        req_total[1] += req["total"]
        lost = page_scoring.lost_text(page.gold, cleaned)
        if lost:
            lost_pages.append((seed, lost))
        ok = req["passed"] == req["total"] and summary["sentences"] >= 0.99 and summary["cer"] <= 0.005 and not lost
        perfect += ok
        if args.failures:
            failures += page_scoring.explain_failures(page, cleaned)
            failures += [f"seed {seed} lost text: {t[:60]}" for t in lost]
            if summary["sentences"] < 0.99:
                failures += [f"seed {seed} sentence missing or repeated: {s[:50]}  (cleaned has it "
                             f"{page_scoring.squash(cleaned).count(s)}x)"
                             for s in page_scoring.missing_sentences(page.gold, cleaned)]
            if summary["cer"] > 0.005:
                failures.append(f"seed {seed} cer {summary['cer']:.4f} (raw {before['cer']:.4f})")
    elapsed = time.perf_counter() - t0

    n = args.pages
    print(f"{n} generated pages (seeds {args.first_seed}..{args.first_seed + n - 1}, damage: {args.only or 'all'}),"
          f" {elapsed:.1f} s")
    print(f"  sentences  mean {statistics.mean(sentences):.4f}  min {min(sentences):.4f}"
          f"  pages >= 0.99: {sum(s >= 0.99 for s in sentences)}/{n}")
    print(f"  CER before mean {statistics.mean(cer_before):.4f}  after mean {statistics.mean(cer_after):.4f}"
          f"  max {max(cer_after):.4f}  pages <= 0.005: {sum(c <= 0.005 for c in cer_after)}/{n}"
          f"  worse than raw: {sum(a > b for a, b in zip(cer_after, cer_before))}")
    print(f"  line breaks against the gold's: precision mean {statistics.mean(b[0] for b in breaks):.4f}"
          f"  recall mean {statistics.mean(b[1] for b in breaks):.4f}")
    print(f"  required checks passed {req_total[0]:,}/{req_total[1]:,} ({req_total[0] / max(1, req_total[1]):.2%})")
    print(f"  pages fully restored (all required checks, sentences >= 0.99, CER <= 0.005, nothing lost): {perfect}/{n}")
    print(f"  pages with non-duplicate text deleted: {len(lost_pages)}"
          + (f"  (seeds {[s for s, _ in lost_pages][:10]})" if lost_pages else ""))
    print("  checks passed by defect label:")
    for name, (p, t) in sorted(by_defect.items()):
        print(f"    {name:<22} {p:>4}/{t:<4} {p / t:6.1%}")
    print("  checks passed by damage kind:")
    for name, (p, t) in sorted(by_damage.items()):
        print(f"    {name:<22} {p:>4}/{t:<4} {p / t:6.1%}")
    for line in failures:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
