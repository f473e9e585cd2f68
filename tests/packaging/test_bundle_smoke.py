"""Smoke test of the PyInstaller bundle (dist/proofdesk/), marked slow.

The bundle is built once per session by packaging/build.sh unless a fresh one
is there already: newer than every source, resource and packaging file (so
`.ci/run`, which builds first, pays for one build). PROOFDESK_BUNDLE=DIR tests
a bundle from elsewhere as it is.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from proofdesk.analysis import analyze
from proofdesk.io.pages import read_page_file

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "proofdesk"
SMOKE_MARKER = "proofdesk-smoke"
# What the bundle's contents depend on; a change to any of them makes it stale.
SOURCES = ("src/proofdesk", "resources", "packaging/proofdesk.spec",
           "packaging/entry_point.py", "pyproject.toml")


def newest_source_mtime() -> float:
    newest = 0.0
    for rel in SOURCES:
        path = ROOT / rel
        files = [path] if path.is_file() else [p for p in path.rglob("*")
                                               if p.is_file() and "__pycache__" not in p.parts]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def is_fresh(bundle: Path) -> bool:
    exe = bundle / "proofdesk"
    return exe.is_file() and exe.stat().st_mtime > newest_source_mtime()


@pytest.fixture(scope="session")
def bundle() -> Path:
    given = os.environ.get("PROOFDESK_BUNDLE")
    if given:
        return Path(given)
    lock_path = ROOT / "build" / "bundle.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as lock:  # one build at a time in a shared tree
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_fresh(DIST):
            done = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")],
                                  env={**os.environ, "PYTHON": sys.executable},
                                  capture_output=True, text=True, timeout=1800)
            assert done.returncode == 0, f"build.sh failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert is_fresh(DIST), "build.sh ran but dist/proofdesk is not newer than the sources"
    return DIST


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Offscreen, and a home of its own: the bundle must not touch the user's database."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PROOFDESK_", "XDG_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path))
    env.update(extra)
    return env


def run_bundle(bundle: Path, tmp_path: Path, *args: str, timeout: float = 120,
               **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "proofdesk"), *args], env=app_env(tmp_path, **extra_env),
                          cwd=tmp_path, capture_output=True, text=True, timeout=timeout)


def selftest_values(bundle: Path, tmp_path: Path) -> dict[str, str]:
    done = run_bundle(bundle, tmp_path, PROOFDESK_BUNDLE_SELFTEST="1")
    assert done.returncode == 0, done.stderr
    lines = [line.removeprefix("selftest ") for line in done.stdout.splitlines()
             if line.startswith("selftest ")]
    return dict(line.split("=", 1) for line in lines)


def test_bundle_knows_its_version_from_package_metadata(bundle: Path, tmp_path: Path) -> None:
    done = run_bundle(bundle, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"proofdesk {metadata.version('proofdesk')}"


def test_bundle_segments_chinese_with_its_own_jieba_dictionary(bundle: Path, tmp_path: Path) -> None:
    values = selftest_values(bundle, tmp_path)
    assert values["frozen"] == "True"
    assert values["version"] == metadata.version("proofdesk")
    assert int(values["jieba_words"]) > 300_000  # the full dict.txt, not a fallback
    assert values["jieba_cut"].split("/")[:3] == ["报纸", "校对", "需要"]
    assert "demo" in values["resources"].split(",")


def test_bundle_loads_its_built_in_jieba_cache_and_writes_none(bundle: Path, tmp_path: Path) -> None:
    values = selftest_values(bundle, tmp_path)
    assert Path(values["jieba_cache"]) == bundle / "_internal" / "jieba" / "jieba.cache"
    assert not list(tmp_path.rglob("jieba*.cache")), "jieba rebuilt its cache in the temporary folder"


def test_bundle_carries_the_demo_issue_byte_for_byte(bundle: Path) -> None:
    repo_demo = ROOT / "resources" / "demo"
    bundled_demo = bundle / "_internal" / "proofdesk" / "resources" / "demo"
    repo_files = sorted(p.relative_to(repo_demo) for p in repo_demo.rglob("*") if p.is_file())
    assert repo_files, "resources/demo/ is empty"
    for rel in repo_files:
        assert (bundled_demo / rel).read_bytes() == (repo_demo / rel).read_bytes(), rel


def test_bundled_clean_writes_what_the_library_writes(bundle: Path, tmp_path: Path, shared: Path) -> None:
    page = shared / "samples" / "seed-page.raw.txt"
    out = tmp_path / "cleaned.txt"
    done = run_bundle(bundle, tmp_path, "clean", str(page), "-o", str(out))
    assert done.returncode == 0, done.stderr
    expected = analyze(read_page_file(page).text).cleaned().text
    cleaned = out.read_text(encoding="utf-8")
    assert cleaned == expected
    assert cleaned.strip() and cleaned != read_page_file(page).text  # fixes were applied


def test_bundled_cli_reports_a_missing_page_as_a_user_error(bundle: Path, tmp_path: Path) -> None:
    done = run_bundle(bundle, tmp_path, "clean", str(tmp_path / "no-such-page.txt"))
    assert done.returncode == 2
    assert done.stderr.startswith("proofdesk: ") and "Traceback" not in done.stderr


def bundle_files(bundle: Path) -> list[str]:
    return [str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()]


def test_bundle_has_the_qt_plugins_a_linux_desktop_needs(bundle: Path) -> None:
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so",
                   "platforms/libqwayland.so", "xcbglintegrations/libqxcb-glx-integration.so",
                   "platforminputcontexts/libibusplatforminputcontextplugin.so",
                   "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                   "imageformats/libqsvg.so", "iconengines/libqsvgicon.so"):
        assert (plugins / plugin).is_file(), plugin
    translations = bundle / "_internal" / "PySide6" / "Qt" / "translations"
    assert (translations / "qtbase_zh_CN.qm").is_file()
    # only the interface's languages (Chinese, English)
    assert not [p.name for p in translations.iterdir() if "_zh_" not in p.name and "_en" not in p.name]


def test_bundle_leaves_out_unused_qt_modules_and_stays_small(bundle: Path) -> None:
    files = bundle_files(bundle)
    unused = ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Multimedia", "Qt6Pdf", "Charts",
              "Qt6Designer", "Qt6Sql", "Qt6Test", "Qt6Network", "tkinter", "pkg_resources")
    leaked = [f for f in files if any(u in f for u in unused)]
    assert not leaked, leaked
    size_mb = sum((bundle / f).stat().st_size for f in files) / 2**20
    assert size_mb < 250, f"bundle is {size_mb:.0f} MB"


def test_release_archive_installs_and_runs_from_the_prefix(bundle: Path, tmp_path: Path) -> None:
    """What a proofreader does: unpack the archive, ./install.sh ~/.local, start proofdesk."""
    import tarfile

    out = tmp_path / "out"
    env = {**app_env(tmp_path), "BUNDLE": str(bundle), "OUT": str(out)}
    done = subprocess.run(["bash", str(ROOT / "packaging" / "archive.sh")], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    version = metadata.version("proofdesk")
    (archive,) = out.glob(f"proofdesk-{version}-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    prefix = tmp_path / "prefix"
    env = app_env(tmp_path)  # no BUNDLE: install.sh takes the one beside it
    done = subprocess.run(["bash", str(unpacked / "install.sh"), str(prefix)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (prefix / "share" / "applications" / "proofdesk.desktop").is_file()
    assert (prefix / "share" / "metainfo" / "io.proofdesk.ProofDesk.metainfo.xml").is_file()
    ran = subprocess.run([str(prefix / "bin" / "proofdesk"), "--version"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == f"proofdesk {version}"


def smoke_report(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith(SMOKE_MARKER + " ")]
    assert len(lines) == 1, f"expected one {SMOKE_MARKER} line in:\n{stdout}"
    return json.loads(lines[0].removeprefix(SMOKE_MARKER + " "))


def demo_first_line() -> str:
    page = ROOT / "resources" / "demo" / "page-01.txt"
    return next(line.strip() for line in page.read_text(encoding="utf-8").splitlines() if line.strip())


def test_bundled_demo_opens_the_main_window_on_the_demo_issue(bundle: Path, tmp_path: Path) -> None:
    from proofdesk.session import DEMO_TITLE

    done = run_bundle(bundle, tmp_path, "demo", PROOFDESK_SMOKE_WINDOW="1", PROOFDESK_NO_DIALOGS="1")
    assert done.returncode == 0, done.stderr
    report = smoke_report(done.stdout)
    assert report["main_window"] is True
    assert report["platform"] == "offscreen"
    assert DEMO_TITLE in report["title"]
    assert any(demo_first_line() in text for text in report["texts"]), report["texts"]
    assert "Traceback" not in done.stderr
    # the desktop file's StartupWMClass must be the class X11 sees (Qt's application name)
    desktop = (ROOT / "packaging" / "linux" / "proofdesk.desktop").read_text(encoding="utf-8")
    assert f"StartupWMClass={report['application_name']}\n" in desktop


def test_bundled_first_start_creates_the_database_in_the_user_data_folder(
        bundle: Path, tmp_path: Path) -> None:
    """`proofdesk` with no command on a fresh home: the editor, the demo issue, the default database."""
    from proofdesk.session import DEMO_TITLE

    done = run_bundle(bundle, tmp_path, PROOFDESK_SMOKE_WINDOW="1", PROOFDESK_NO_DIALOGS="1")
    assert done.returncode == 0, done.stderr
    report = smoke_report(done.stdout)
    assert report["main_window"] is True and DEMO_TITLE in report["title"]
    # platformdirs' user data dir under XDG_DATA_HOME, as the README says
    assert (tmp_path / "data" / "proofdesk" / "proofdesk.sqlite3").is_file()


def test_bundled_editor_opens_on_a_real_x_server(bundle: Path, tmp_path: Path) -> None:
    """The xcb plugin and the X libraries the bundle carries work (Xvfb; .ci/run installs it)."""
    import shutil

    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: apt-get install xvfb xauth"
    shot = tmp_path / "window.png"
    env = app_env(tmp_path, PROOFDESK_SMOKE_WINDOW="1", PROOFDESK_NO_DIALOGS="1", QT_QPA_PLATFORM="xcb",
                  PROOFDESK_SMOKE_SCREENSHOT=str(shot))
    done = subprocess.run([xvfb_run, "-a", "-s", "-screen 0 1600x1000x24", str(bundle / "proofdesk"), "demo"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = smoke_report(done.stdout)
    assert report["main_window"] is True and report["platform"] == "xcb"
    assert "Could not load the Qt platform plugin" not in done.stderr
    # The window as the bundle drew it: its size, and far more colours than an
    # empty frame has (text antialiasing, the highlight colours).
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (report["width"], report["height"])
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50, f"the window drew only {len(colours)} colours"


def test_bundled_editor_opens_on_a_wayland_compositor(bundle: Path, tmp_path: Path) -> None:
    """The wayland platform and xdg-shell plugins work (headless weston; .ci/run installs it)."""
    import shutil
    import time

    weston = shutil.which("weston")
    assert weston, "weston is missing: apt-get install weston"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = app_env(tmp_path, XDG_RUNTIME_DIR=str(runtime))
    compositor = subprocess.Popen([weston, "--backend=headless-backend.so", "--socket=wayland-smoke",
                                   "--idle-time=0"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (runtime / "wayland-smoke").exists():
            assert compositor.poll() is None, "weston exited"
            assert time.monotonic() < deadline, "weston did not open its socket in 30 s"
            time.sleep(0.1)
        done = run_bundle(bundle, tmp_path, "demo", PROOFDESK_SMOKE_WINDOW="1", PROOFDESK_NO_DIALOGS="1",
                          QT_QPA_PLATFORM="wayland", WAYLAND_DISPLAY="wayland-smoke",
                          XDG_RUNTIME_DIR=str(runtime))
    finally:
        compositor.terminate()
        compositor.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    report = smoke_report(done.stdout)
    assert report["main_window"] is True and report["platform"] == "wayland"
