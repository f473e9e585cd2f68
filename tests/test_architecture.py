"""The architecture rules the style card sets, checked.

- The core (everything outside proofdesk.gui) never imports PySide6: every core
  module is imported in a fresh interpreter, and then PySide6 must not be in
  sys.modules; a static scan of the sources finds no Qt import either (so a
  lazy import inside a function cannot slip through).
- Every package directory under src/proofdesk is listed in pyproject.toml's
  [tool.setuptools] packages, so an installed (non-editable) copy has it.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "proofdesk"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def _core_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py")
                  if "gui" not in p.relative_to(SRC).parts and "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_core_modules_exist_to_check():
    names = {_module_name(p) for p in _core_files()}
    assert {"proofdesk.analysis", "proofdesk.fixes", "proofdesk.cli", "proofdesk.detect"} <= names


def test_importing_every_core_module_does_not_load_qt():
    names = [_module_name(p) for p in _core_files() if p.name != "__main__.py"]
    script = (
        "import importlib, json, sys\n"
        f"names = {names!r}\n"
        "errors = {}\n"
        "for n in names:\n"
        "    try:\n"
        "        importlib.import_module(n)\n"
        "    except Exception as e:\n"
        "        errors[n] = repr(e)\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print(json.dumps({'qt': qt, 'errors': errors}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == {}, result["errors"]
    assert result["qt"] == [], f"the core loaded Qt: {result['qt']}"


def test_the_cli_does_not_load_qt_for_page_commands(tmp_path, shared):
    script = (
        "import sys\n"
        "from proofdesk.cli import main\n"
        f"code = main(['analyze', {str(shared / 'samples' / 'seed-page.raw.txt')!r}])\n"
        f"print('QT' if any(m.split('.')[0] in {QT_MODULES!r} for m in sys.modules) else 'NOQT', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "NOQT"


def test_no_core_source_mentions_a_qt_import():
    offenders = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                names = [str(node.args[0].value)]
            for n in names:
                if n.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {n}")
    assert not offenders, offenders


def test_every_package_directory_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"proofdesk." + ".".join(d.relative_to(SRC).parts) if d != SRC else "proofdesk"
             for d in [SRC, *SRC.rglob("*")]
             if d.is_dir() and "__pycache__" not in d.parts and any(d.glob("*.py"))}
    missing = sorted(found - listed)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"
    for pkg in found:
        assert (SRC.parent / pkg.replace(".", "/") / "__init__.py").exists(), f"{pkg} has no __init__.py"
