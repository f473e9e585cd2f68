"""`proofdesk analyze` and `proofdesk clean` refuse bad input with a clear message.

Missing file, a folder, an empty file, binary bytes and undecodable bytes each
give a message naming the file on stderr and exit code 2 (the CLI's user-error
code), and no traceback. `analyze --format json` prints valid JSON holding the
same findings as the library.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from proofdesk.analysis import analyze
from proofdesk.cli import main
from proofdesk.findings import Finding

COMMANDS = (["analyze"], ["analyze", "--format", "json"], ["clean"])


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n\t\n")
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8 + b"\x00" * 64)
    undecodable = tmp_path / "mangled.txt"
    undecodable.write_bytes(bytes([0x81, 0x30, 0xff, 0xfe, 0x00, 0xc0, 0x80, 0x9f]) * 64)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return {
        "missing": tmp_path / "no-such-page.txt",
        "folder": folder,
        "empty": empty,
        "blank": blank,
        "binary": binary,
        "undecodable": undecodable,
    }


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", ["missing", "folder", "empty", "blank", "binary", "undecodable"])
def test_bad_input_gives_a_message_naming_the_file(case, command, tmp_path, capsys):
    path = _bad_inputs(tmp_path)[case]
    code = main([*command, str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert path.name in err and err.startswith("proofdesk: ")
    assert "Traceback" not in err
    assert out == ""  # nothing half-written on standard output


def test_one_bad_page_among_good_ones_fails_before_any_output(tmp_path, capsys, shared):
    good = shared / "samples" / "seed-page.raw.txt"
    code = main(["analyze", str(good), str(tmp_path / "gone.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "gone.txt" in err


def test_a_real_process_exits_non_zero_with_the_message(tmp_path):
    missing = tmp_path / "nowhere.txt"
    for command in (["analyze"], ["clean"]):
        done = subprocess.run([sys.executable, "-m", "proofdesk", *command, str(missing)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2
        assert "nowhere.txt" in done.stderr and "Traceback" not in done.stderr


def test_clean_refuses_to_write_into_a_missing_folder_without_a_traceback(tmp_path, shared, capsys):
    code = main(["clean", str(shared / "samples" / "seed-page.raw.txt"), "-o",
                 str(tmp_path / "no" / "such" / "dir" / "out.txt")])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    if code != 0:  # creating the folder is fine too; failing must be a message
        assert code == 2 and "out.txt" in err


def test_clean_to_dash_writes_standard_output(tmp_path, shared, capsys, monkeypatch):
    from proofdesk.analysis import clean_text
    monkeypatch.chdir(tmp_path)
    seed = shared / "samples" / "seed-page.raw.txt"
    assert main(["clean", str(seed), "-o", "-"]) == 0
    out, _ = capsys.readouterr()
    assert out == clean_text(seed.read_text("utf-8")) and out.startswith("山西日报社论")
    assert not (tmp_path / "-").exists()


def test_analyze_json_is_valid_and_holds_the_findings(tmp_path, shared, capsys):
    import damage

    seed = shared / "samples" / "seed-page.raw.txt"
    page = damage.build_page(3)
    generated = tmp_path / "generated.txt"
    generated.write_text(page.raw, encoding="utf-8")
    code = main(["analyze", "--format", "json", str(seed), str(generated)])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert [entry["page"] for entry in data] == [str(seed), str(generated)]
    for entry, text in zip(data, (seed.read_text(encoding="utf-8"), page.raw)):
        expected = analyze(text).findings
        assert entry["characters"] == len(text)
        assert [f["id"] for f in entry["findings"]] == [f.id for f in expected]
        assert entry["findings"] == json.loads(json.dumps([f.to_dict() for f in expected], ensure_ascii=False))
        assert [Finding.from_dict(f).id for f in entry["findings"]] == [f.id for f in expected]
    assert data[0]["findings"], "the seed page has defects to report"


def test_analyze_text_output_names_each_page(tmp_path, shared, capsys):
    seed = shared / "samples" / "seed-page.raw.txt"
    assert main(["analyze", str(seed)]) == 0
    out, _ = capsys.readouterr()
    assert str(seed) in out and "findings" in out
