"""Revisions: save/read round trips, conflicts, restore, the patch/snapshot policy."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofdesk.errors import ConflictError, InputError, StoreError
from proofdesk.store import PageStatus, Store
from proofdesk.store.diffs import Op, changed_lines, diff_chunks
from proofdesk.store.revisions import apply_patch, encode

from store_helpers import OWN_PAGE

# Chinese text, line breaks, ASCII, and characters outside the BMP (one str
# index each in Python, two UTF-16 units elsewhere).
ALPHABET = st.sampled_from(list("新闻报道山西日报记者摄（）“”，。、\n\n 0123456789abc") + ["𠀀", "😀", "\r", "\t"])
TEXT = st.text(alphabet=ALPHABET, max_size=300)
EDIT = st.tuples(st.floats(0, 1), st.integers(0, 20), st.text(alphabet=ALPHABET, max_size=12))


def _apply(text: str, edits) -> str:
    for where, cut, insert in edits:
        i = int(where * len(text))
        text = text[:i] + insert + text[i + cut:]
    return text


def _new_page(store: Store, text: str):
    issue = store.create_issue("测试")
    return store.import_pages(issue.id, [("p.txt", (text if text.strip() else "空").encode("utf-8"))])[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=TEXT, steps=st.lists(st.one_of(st.lists(EDIT, min_size=1, max_size=4), TEXT), min_size=1,
                                   max_size=12),
       every=st.integers(1, 6))
def test_every_saved_revision_reads_back_exactly(start, steps, every):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.sqlite3"
        texts = []
        with Store(path, snapshot_every=every) as store:
            page = _new_page(store, start)
            texts.append(store.raw_text(page.id))
            for step in steps:
                text = step if isinstance(step, str) else _apply(texts[-1], step)
                rev = store.save_revision(page.id, text, parent=len(texts))
                texts.append(text)
                assert rev.number == len(texts) and rev.parent == len(texts) - 1
                assert rev.length == len(text)
        with Store(path) as store:  # a fresh store: nothing cached
            assert [store.revision_text(page.id, n + 1) for n in range(len(texts))] == texts
            assert store.latest_revision(page.id).number == len(texts)
            # reading backwards and at random uses other cache paths
            assert [store.revision_text(page.id, n) for n in range(len(texts), 0, -1)] == texts[::-1]


@settings(max_examples=200, deadline=None)
@given(a=TEXT, b=TEXT)
def test_encoded_revision_decodes_exactly(a, b):
    enc = encode(a, b, number=2, last_snapshot=1)
    assert (enc.body if enc.storage == "snapshot" else apply_patch(a, enc.body)) == b


def test_stale_parent_is_a_conflict_and_overwrites_nothing(store, page):
    text = store.raw_text(page.id)
    store.save_revision(page.id, text + "甲", parent=1, author="amy")
    with pytest.raises(ConflictError, match="latest is revision 2"):
        store.save_revision(page.id, text + "乙", parent=1, author="bob")
    with pytest.raises(ConflictError):
        store.save_revision(page.id, text + "乙", parent=3)
    assert [r.number for r in store.history(page.id)] == [1, 2]
    assert store.revision_text(page.id, 2) == text + "甲"
    assert store.save_revision(page.id, text + "乙", parent=2, author="bob").number == 3


def test_save_records_author_message_and_counts(store, page):
    text = store.raw_text(page.id)
    rev = store.save_revision(page.id, "开头" + text[5:], parent=1, author="amy", message="改开头")
    assert (rev.author, rev.message, rev.parent) == ("amy", "改开头", 1)
    assert rev.added >= 2 and rev.removed >= 5 and rev.added - rev.removed == 2 - 5
    assert rev.created.endswith("+00:00")
    assert store.page(page.id).status is PageStatus.IN_PROGRESS
    assert store.latest_revision(page.id) == rev
    with pytest.raises(InputError):
        store.save_revision(page.id, b"bytes", parent=2)


def test_restore_keeps_history(store, page):
    raw = store.raw_text(page.id)
    store.save_revision(page.id, raw.replace("，", ","), parent=1, message="半角逗号")
    store.save_revision(page.id, raw[:100], parent=2, message="删了很多")
    rev = store.restore(page.id, 1, author="amy")
    assert rev.number == 4 and rev.parent == 3 and rev.message == "restored revision 1"
    history = store.history(page.id)
    assert [r.number for r in history] == [1, 2, 3, 4]
    assert [r.message for r in history] == ["imported", "半角逗号", "删了很多", "restored revision 1"]
    assert store.revision_text(page.id, 4) == raw
    assert store.revision_text(page.id, 3) == raw[:100]
    assert store.restore(page.id, 3, message="再改回来").message == "再改回来"
    assert store.revision_text(page.id, 5) == raw[:100]


def test_patches_and_snapshots(tmp_path, shared):
    with Store(tmp_path / "s.sqlite3", snapshot_every=4) as store:
        page = _new_page(store, (shared / "samples" / "seed-page.raw.txt").read_text("utf-8"))
        raw = store.raw_text(page.id)
        texts = {1: raw}
        for i in range(2, 11):
            texts[i] = raw.replace("人口", "入口") + f"（第{i}稿）"
            store.save_revision(page.id, texts[i], parent=i - 1)
        store.save_revision(page.id, "全新的短文", parent=10)  # patch would be bigger than the text
        rows = store._con.conn.execute(
            "SELECT number, storage, length(body) FROM revisions WHERE page_id = ? ORDER BY number",
            (page.id,)).fetchall()
        storage = {n: s for n, s, _ in rows}
        assert storage[1] == "snapshot"
        assert [n for n in range(2, 11) if storage[n] == "snapshot"] == [5, 9]
        assert storage[11] == "snapshot"
        # a patch of a few characters stays small (dmp escapes non-ASCII as %XX)
        assert all(size < 600 for n, s, size in rows if s == "patch"), rows
        store.clear_cache()
        assert [store.revision_text(page.id, n) for n in range(1, 11)] == [texts[n] for n in range(1, 11)]


def test_damaged_patch_is_reported(store, page):
    store.save_revision(page.id, store.raw_text(page.id) + "尾", parent=1)
    store._con.conn.execute("UPDATE revisions SET body = '@@ -1,4 +1,4 @@\n-XXXX\n+YYYY\n' "
                            "WHERE page_id = ? AND number = 2", (page.id,))
    store.clear_cache()
    with pytest.raises(StoreError, match="revision 2 cannot be rebuilt.*damaged"):
        store.revision_text(page.id, 2)
    store._con.conn.execute("UPDATE revisions SET body = 'not a patch at all' "
                            "WHERE page_id = ? AND number = 2", (page.id,))
    with pytest.raises(StoreError, match="damaged"):
        store.revision_text(page.id, 2)
    # a snapshot whose text no longer matches its checksum
    store._con.conn.execute("UPDATE revisions SET body = 'changed behind our back' "
                            "WHERE page_id = ? AND number = 1", (page.id,))
    store.clear_cache()
    with pytest.raises(StoreError, match="checksum"):
        store.revision_text(page.id, 1)


def test_diff_chunks_are_minimal_and_complete():
    old, new = OWN_PAGE, OWN_PAGE.replace("晴朗", "陰沉").replace("\n校長", "校長")
    chunks = diff_chunks(old, new)
    assert "".join(c.text for c in chunks if c.op is not Op.INSERT) == old
    assert "".join(c.text for c in chunks if c.op is not Op.DELETE) == new
    lines = changed_lines(chunks)
    assert [n for n, _ in lines] == [3]
    shown = "".join(f"[{c.op.value}:{c.text}]" if c.op is not Op.EQUAL else c.text for _, l in lines for c in l)
    assert "[delete:晴朗][insert:陰沉]" in shown and "[delete:⏎]" in shown
