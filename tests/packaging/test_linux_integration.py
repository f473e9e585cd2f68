"""Linux desktop integration: the desktop file, the AppStream metainfo, the
icons, and packaging/install.sh into a temporary prefix (with a stand-in
bundle, so this runs without building; the slow smoke test installs the real
one)."""
from __future__ import annotations

import configparser
import os
import shlex
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / "proofdesk.desktop"
APP_ID = "io.proofdesk.ProofDesk"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
SIZES = (16, 32, 48, 64, 128, 256)


def read_desktop(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive (Name[zh_CN])
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_metainfo_is_well_formed_appstream() -> None:
    root = ET.parse(METAINFO).getroot()  # raises on malformed XML
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    for required in ("metadata_license", "project_license", "name", "summary"):
        assert (root.findtext(required) or "").strip(), f"metainfo has no <{required}>"
    assert (root.findtext("description/p") or "").strip(), "metainfo has no description"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == "proofdesk"


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == metadata.version("proofdesk")


def test_desktop_file_launches_proofdesk_with_the_app_icon() -> None:
    entry = read_desktop(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "ProofDesk"
    # no file arguments: `proofdesk PATH` is not a command, so no %F and no MimeType
    assert shlex.split(entry["Exec"]) == ["proofdesk"] and "MimeType" not in entry
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";") and "Office" in categories.split(";")
    assert "Name[zh_CN]" in entry and "Comment[zh_CN]" in entry


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_has_its_size(size: int) -> None:
    png = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(png) == (size, size)


def test_icon_svg_is_well_formed() -> None:
    root = ET.parse(PACKAGING / "icons" / "proofdesk.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"


@pytest.mark.gui
def test_desktop_icons_are_the_app_icon_rendered(qapp) -> None:
    """The menu shows the same icon as the window: packaging/make_icons.py output is up to date."""
    sys.path.insert(0, str(PACKAGING))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING))
    from PySide6.QtGui import QImage

    assert make_icons.SVG.read_bytes() == make_icons.APP_ICON.read_bytes(), "run packaging/make_icons.py"
    for size in SIZES:
        fresh = make_icons.render_image(make_icons.APP_ICON, size).convertToFormat(QImage.Format.Format_ARGB32)
        committed = QImage(str(make_icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        assert committed.size() == fresh.size()
        # a tolerance for antialiasing differences between Qt versions
        differing = sum(
            1 for x in range(size) for y in range(size)
            if max(abs(((committed.pixel(x, y) >> s) & 255) - ((fresh.pixel(x, y) >> s) & 255))
                   for s in (0, 8, 16, 24)) > 24)
        assert differing <= size * size // 50, f"{size}px icon is stale: run packaging/make_icons.py"


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in one-folder bundle: an executable that reports how it was called."""
    bundle = tmp_path / "bundle" / "proofdesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "marker.txt").write_text("bundle file\n", encoding="utf-8")
    exe = bundle / "proofdesk"
    exe.write_text('#!/bin/sh\necho "stand-in proofdesk $*"\n', encoding="utf-8")
    exe.chmod(0o755)
    return bundle


def run_install(*args: str, bundle: Path, destdir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "BUNDLE": str(bundle)}
    env.pop("DESTDIR", None)
    if destdir is not None:
        env["DESTDIR"] = str(destdir)
    return subprocess.run(["bash", str(PACKAGING / "install.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60)


def installed_paths(dest: Path) -> list[Path]:
    return [
        dest / "lib" / "proofdesk" / "proofdesk",
        dest / "lib" / "proofdesk" / "_internal" / "marker.txt",
        dest / "bin" / "proofdesk",
        dest / "share" / "applications" / "proofdesk.desktop",
        dest / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
        dest / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(dest / "share" / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in SIZES),
    ]


def test_install_puts_bundle_desktop_file_metainfo_and_icons_under_prefix(
        tmp_path: Path, fake_bundle: Path) -> None:
    prefix = tmp_path / "prefix"
    done = run_install(str(prefix), bundle=fake_bundle)
    assert done.returncode == 0, done.stderr
    for path in installed_paths(prefix):
        assert path.is_file(), path
    launcher = prefix / "bin" / "proofdesk"
    assert launcher.is_symlink() and not os.path.isabs(os.readlink(launcher))
    ran = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=30)
    assert ran.stdout.strip() == "stand-in proofdesk --version"
    entry = read_desktop(prefix / "share" / "applications" / "proofdesk.desktop")
    assert shlex.split(entry["Exec"]) == [str(prefix / "bin" / "proofdesk")]
    assert entry["TryExec"] == str(prefix / "bin" / "proofdesk")
    done = run_validator("desktop-file-validate", str(prefix / "share" / "applications" / "proofdesk.desktop"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    icon = prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    assert png_size(icon) == (48, 48)


def test_reinstall_replaces_the_old_bundle_and_uninstall_removes_it(
        tmp_path: Path, fake_bundle: Path) -> None:
    prefix = tmp_path / "prefix"
    assert run_install(str(prefix), bundle=fake_bundle).returncode == 0
    stale = prefix / "lib" / "proofdesk" / "_internal" / "from-old-version.txt"
    stale.write_text("old\n", encoding="utf-8")
    assert run_install(str(prefix), bundle=fake_bundle).returncode == 0
    assert not stale.exists()
    done = run_install("--uninstall", str(prefix), bundle=fake_bundle)
    assert done.returncode == 0, done.stderr
    for path in installed_paths(prefix):
        assert not path.exists() and not path.is_symlink(), path


def test_staged_install_points_exec_at_the_final_prefix(tmp_path: Path, fake_bundle: Path) -> None:
    stage = tmp_path / "stage"
    done = run_install("/opt/proofdesk", bundle=fake_bundle, destdir=stage)
    assert done.returncode == 0, done.stderr
    for path in installed_paths(stage / "opt" / "proofdesk"):
        assert path.is_file(), path
    entry = read_desktop(stage / "opt" / "proofdesk" / "share" / "applications" / "proofdesk.desktop")
    assert shlex.split(entry["Exec"])[0] == "/opt/proofdesk/bin/proofdesk"


def test_install_without_a_bundle_says_how_to_build_one(tmp_path: Path) -> None:
    done = run_install(str(tmp_path / "prefix"), bundle=tmp_path / "missing")
    assert done.returncode == 1
    assert "packaging/build.sh" in done.stderr
    assert not (tmp_path / "prefix" / "bin").exists()


def test_install_needs_a_prefix(fake_bundle: Path) -> None:
    done = run_install(bundle=fake_bundle)
    assert done.returncode == 2 and "usage" in done.stderr


def run_validator(*cmd: str) -> subprocess.CompletedProcess:
    import shutil

    assert shutil.which(cmd[0]), f"{cmd[0]} is missing: apt-get install appstream desktop-file-utils"
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_file_passes_desktop_file_validate() -> None:
    done = run_validator("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout
