import os
from pathlib import Path

import pytest

# Qt must never look for a display: set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared/ (samples, corpus, scorer). CI always has it."""
    if not SHARED.is_dir():
        pytest.skip("../shared/ is absent on this machine")
    return SHARED
