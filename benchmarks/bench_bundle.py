"""The bundle's size, and its start-up time to the first window.

    .venv/bin/python benchmarks/bench_bundle.py [--bundle dist/proofdesk] [--runs 5]

Build the bundle first (packaging/build.sh). Every start is a whole process,
measured from spawn until it prints that its main window is up (the
PROOFDESK_SMOKE_WINDOW switch of packaging/entry_point.py; the process quits
right after). In the same run, as baselines:
- `python -c pass`: what any Python program pays to start;
- the unbundled app (`python packaging/entry_point.py [demo]`, the same code
  from the virtualenv), so the ratio shows what bundling costs or saves;
- the bundled `proofdesk --version`: the bundle's own bootstrap, no Qt.
Each command runs in a fresh home (database, config, jieba's cache), so the
first run is a first start ever; the later runs are warm starts (median).
Targets (issue 5): start-up <= 2 s, bundle < 250 MB.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMOKE_MARKER = b"proofdesk-smoke "
TIMEOUT_S = 120


def tree_size(path: Path) -> int:
    """Bytes on disk as shipped: symlinks count once (as links), not per target."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, count: int = 6) -> list[tuple[str, int]]:
    internal = bundle / "_internal"
    parts = {}
    for child in internal.iterdir():
        size = tree_size(child) if child.is_dir() else (0 if child.is_symlink() else child.stat().st_size)
        parts[child.name] = size
    qt = internal / "PySide6" / "Qt"
    if qt.is_dir():
        for child in qt.iterdir():
            parts[f"PySide6/Qt/{child.name}"] = tree_size(child)
        parts["PySide6"] -= tree_size(qt)
    return sorted(parts.items(), key=lambda kv: -kv[1])[:count]


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROOFDESK_", "XDG_"))}
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               HOME=str(home / "home"), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               TMPDIR=str(home), PROOFDESK_SMOKE_WINDOW="1")
    return env


def tail(stream, lines: int = 15) -> str:
    stream.seek(0)
    return "\n".join(stream.read().decode("utf-8", "replace").splitlines()[-lines:])


def time_process(cmd: list[str], env: dict[str, str], until_marker: bool) -> tuple[float, float]:
    """(wall seconds from spawn to the window marker, or to exit when there is
    none to wait for; CPU seconds, user + system, of the whole process).
    The CPU figure hardly moves with the load of a shared machine; wall does."""
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=errors, cwd=ROOT)
    wall = None
    try:
        if until_marker:
            for line in proc.stdout:
                if line.startswith(SMOKE_MARKER):
                    wall = time.perf_counter() - start
                    break
            else:
                proc.wait()
                raise SystemExit(f"{' '.join(cmd)}: exited ({proc.returncode}) without showing its "
                                 f"main window:\n{tail(errors)}")
            proc.stdout.read()  # let it finish writing, then exit
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if wall is None:
            wall = time.perf_counter() - start
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit code {proc.returncode}:\n{tail(errors)}")
    errors.close()
    return wall, usage.ru_utime + usage.ru_stime


def measure(name: str, cmd: list[str], runs: int, until_marker: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="proofdesk-bench-") as home:
        env = env_for(Path(home))
        samples = [time_process(cmd, env, until_marker) for _ in range(runs + 1)]
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    return {"name": name, "first": walls[0], "warm": statistics.median(walls[1:]),
            "best": min(walls[1:]), "cpu": statistics.median(cpus[1:])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "proofdesk")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command (after one first start)")
    args = parser.parse_args(argv)
    exe = args.bundle / "proofdesk"
    if not exe.is_file():
        print(f"no bundle at {args.bundle}: build it with packaging/build.sh", file=sys.stderr)
        return 1

    size = tree_size(args.bundle)
    print(f"bundle: {args.bundle}  size {size / 2**20:.1f} MB (target < 250 MB)")
    for part, part_size in largest_parts(args.bundle):
        print(f"  {part:<32} {part_size / 2**20:7.1f} MB")

    entry = str(ROOT / "packaging" / "entry_point.py")
    baselines = [
        measure("python -c pass", [sys.executable, "-c", "pass"], args.runs, until_marker=False),
        measure("bundle: proofdesk --version", [str(exe), "--version"], args.runs, until_marker=False),
    ]
    # `proofdesk` alone: the first start creates the database and opens the demo
    # issue in it; every later start opens that database (a proofreader's day).
    # `proofdesk demo`: a throwaway database, the demo imported and analysed each time.
    pairs = {}
    for label, app_args in (("proofdesk", []), ("proofdesk demo", ["demo"])):
        pairs[label] = (
            measure(f"unbundled: {label}", [sys.executable, entry, *app_args], args.runs, until_marker=True),
            measure(f"bundle: {label}", [str(exe), *app_args], args.runs, until_marker=True),
        )
    rows = baselines + [r for pair in pairs.values() for r in pair]
    print(f"\nstart-up, whole process, seconds ({args.runs} warm runs; first = fresh home)")
    print(f"  {'command':<36} {'first':>7} {'warm':>7} {'best':>7} {'cpu':>7}")
    for r in rows:
        print(f"  {r['name']:<36} {r['first']:7.3f} {r['warm']:7.3f} {r['best']:7.3f} {r['cpu']:7.3f}")
    load = os.getloadavg()[0]
    print(f"  (wall: spawn to the first window; cpu: user+system of the whole process, warm median;"
          f" load average {load:.1f} on {os.cpu_count()} cores)")
    python = baselines[0]
    print()
    for label, (unbundled, bundled) in pairs.items():
        print(f"{label}: bundle to window {bundled['warm']:.2f} s warm, {bundled['first']:.2f} s first start"
              f" (target <= 2 s); bundle / unbundled: wall {bundled['warm'] / unbundled['warm']:.2f},"
              f" cpu {bundled['cpu'] / unbundled['cpu']:.2f}; bundle / python -c pass:"
              f" {bundled['warm'] / python['warm']:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
