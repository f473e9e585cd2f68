"""Analysis speed: throughput against jieba, scaling with page length, cold start.

    .venv/bin/python benchmarks/bench_analyze.py [--chars 1000000] [--files 150] [--quick]

Pages are built by the damage generator (tests/damage.py) from the corpus in
../shared/, with fixed seeds, into a temporary folder. Every figure is compared
with a baseline measured in the same run, so the ratios hold on any machine:

- throughput: analyze() over ~150 page files (~1,000,000 characters), in this
  process, against jieba.lcut over the same text (both warm). Target: analysis
  takes at most 0.5x jieba's time. Also one `proofdesk analyze` process over all
  the files (its start-up included).
- scaling: one page of 100k, 400k and 1.6M characters. Target: the 1.6M/400k
  time ratio is at most 4.5 (linear growth is 4.0).
- cold start: `proofdesk analyze seed-page.raw.txt` as a whole process, jieba's
  dictionary cache warm, against `python -c pass`. Target: at most 1.5 s.

The big pages are concatenated generated pages. The corpus has 61 articles, so
a 1.6M page repeats each article many times: real duplicates the duplicate
detector must handle in near-linear time. A second series shifts the
ideographs of every page by its own offset, so no page repeats another (the
text then holds no dictionary words: it times the engine's plain path).
Timings are the best of 3 runs: the machine may be shared.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import damage  # noqa: E402  (tests/damage.py: the page generator)

SEED_PAGE = damage.SHARED / "samples" / "seed-page.raw.txt"


def build_files(folder: Path, total_chars: int, files: int) -> list[Path]:
    """About `files` pages of a few thousand characters, `total_chars` in all."""
    per_page = total_chars // files
    paths, size, seed = [], 0, 0
    while size < total_chars:
        # Short articles leave a page below its target: aim a little higher.
        page = damage.build_page(seed, n_articles=4 + seed % 2, target_chars=int(per_page * 1.2))
        path = folder / f"page-{seed:03d}.txt"
        path.write_text(page.raw, encoding="utf-8")
        paths.append(path)
        size += len(page.raw)
        seed += 1
    return paths


def _disguise(text: str, k: int) -> str:
    """The same page shape with other ideographs (a fixed shift per copy), so copies are not duplicates."""
    if k == 0:
        return text
    return "".join(chr(0x4E00 + (ord(c) - 0x4E00 + 7919 * k) % 20992) if "\u4e00" <= c <= "\u9fff" else c
                   for c in text)


def big_page(chars: int, first_seed: int = 10_000, distinct: bool = False) -> str:
    parts, size, seed = [], 0, first_seed
    while size < chars:
        raw = damage.build_page(seed, target_chars=6000).raw
        if distinct:  # a new shift for every page: no page repeats another's words
            raw = _disguise(raw, len(parts))
        parts.append(raw)
        size += len(raw) + 3
        seed += 1
    return "\n\n\n".join(parts)[:chars]


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def run_process(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed: {done.stderr.decode(errors='replace')[-400:]}")
    return elapsed


def throughput(paths: list[Path], repeat: int = 3) -> None:
    import jieba

    from proofdesk.analysis import analyze

    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    analyze(damage.build_page(99_999).raw)  # warm: jieba's dictionary, regexes
    jieba.setLogLevel(60)
    jieba.lcut("预热结巴分词词典")
    t_analyze = min(timed(lambda: [analyze(t) for t in texts]) for _ in range(repeat))
    t_jieba = min(timed(lambda: [jieba.lcut(t) for t in texts]) for _ in range(repeat))
    print(f"throughput: {len(texts)} files, {chars:,} characters (best of {repeat})")
    print(f"  analyze (in process)        {t_analyze:7.2f} s  {chars / t_analyze / 1e6:6.3f} M chars/s")
    print(f"  jieba.lcut (same text)      {t_jieba:7.2f} s  {chars / t_jieba / 1e6:6.3f} M chars/s")
    print(f"  ratio analyze / jieba       {t_analyze / t_jieba:7.3f}   (target <= 0.5)")
    cli = [sys.executable, "-m", "proofdesk", "analyze", "--format", "json", *map(str, paths)]
    t_cli = run_process(cli)
    print(f"  proofdesk analyze, 1 process over all files  {t_cli:6.2f} s  "
          f"{chars / t_cli / 1e6:6.3f} M chars/s  ratio to jieba {t_cli / t_jieba:5.3f}")


def scaling(sizes: list[int], repeat: int = 3) -> None:
    from proofdesk.analysis import analyze

    analyze(damage.build_page(99_999).raw)  # warm
    for distinct, what in ((False, "generated pages end to end (the corpus repeats: many real duplicates)"),
                           (True, "pages each with shifted ideographs (no repeats across pages, no dictionary words)")):
        print(f"scaling: one page of {what}")
        times = {}
        for n in sizes:
            text = big_page(n, distinct=distinct)
            runs = sorted(timed(analyze, text) for _ in range(repeat))
            times[n] = runs[0]  # the best run: the others only add other users' load on a shared machine
            print(f"  {n:>9,} chars  {times[n]:7.2f} s  {n / times[n] / 1e6:6.3f} M chars/s"
                  f"  (median of {repeat}: {statistics.median(runs):.2f} s)")
        small, mid, large = sizes
        print(f"  ratio {large:,} / {mid:,}   {times[large] / times[mid]:7.2f}   (target <= 4.5; linear = 4)")


def cold_start(runs: int) -> None:
    exe = Path(sys.executable).with_name("proofdesk")
    cmd = [str(exe), "analyze", str(SEED_PAGE)] if exe.exists() else \
        [sys.executable, "-m", "proofdesk", "analyze", str(SEED_PAGE)]
    run_process(cmd)  # jieba's dictionary cache is written on a first run ever
    base = [run_process([sys.executable, "-c", "pass"]) for _ in range(runs)]
    full = [run_process(cmd) for _ in range(runs)]
    version = [run_process([*cmd[:-2], "--version"]) if exe.exists() else 0.0 for _ in range(runs)]
    print(f"cold start: `{Path(cmd[0]).name} analyze seed-page.raw.txt`, median of {runs}, jieba cache warm")
    print(f"  python -c pass              {statistics.median(base):7.3f} s")
    if exe.exists():
        print(f"  proofdesk --version         {statistics.median(version):7.3f} s")
    print(f"  proofdesk analyze seed page {statistics.median(full):7.3f} s  (min {min(full):.3f}; target <= 1.5 s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=150)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="a tenth of the sizes, to try the script")
    ap.add_argument("--skip", action="append", default=[], choices=("throughput", "scaling", "cold"))
    args = ap.parse_args(argv)
    scale = 10 if args.quick else 1
    if "throughput" not in args.skip:
        with tempfile.TemporaryDirectory(prefix="proofdesk-bench-") as tmp:
            paths = build_files(Path(tmp), args.chars // scale, max(10, args.files // scale))
            throughput(paths)
    if "scaling" not in args.skip:
        scaling([n // scale for n in (100_000, 400_000, 1_600_000)] if args.quick
                else [100_000, 400_000, 1_600_000])
    if "cold" not in args.skip:
        cold_start(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
