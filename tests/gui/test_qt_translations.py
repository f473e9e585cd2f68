"""Qt's own texts (standard dialog buttons) follow the interface language."""
import pytest

pytestmark = pytest.mark.gui


def test_standard_buttons_read_chinese_in_the_chinese_interface(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from proofdesk.gui.app import install_qt_translations
    from proofdesk.gui.strings import language, set_language

    before = language()
    set_language("zh")
    try:
        install_qt_translations(qapp)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
    finally:
        for t in getattr(qapp, "_qt_translators", []):
            qapp.removeTranslator(t)
        qapp._qt_translators = []
        set_language(before)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert box.buttons()[0].text() == "OK"
