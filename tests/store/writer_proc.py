"""A writer process for the crash and two-writer tests (run as a script, not collected).

    python writer_proc.py DB PAGE_ID MODE SEED COUNT
MODE "loop":    save COUNT revisions, print "saved N sha256" after each commit.
MODE "retry":   like loop, but on a conflict reload the latest and try again
                (two writers on one page).
MODE "import":  import COUNT generated pages into a new issue in one call, print "imported".
"""
from __future__ import annotations

import hashlib
import random
import sys
import time
from pathlib import Path

from proofdesk.errors import ConflictError
from proofdesk.store import Store

WORDS = "新闻报道山西日报记者摄影潞州区招商引资项目建设高质量发展绿波交通"


def edit(rng: random.Random, text: str, tag: str) -> str:
    i = rng.randrange(len(text) + 1)
    cut = rng.randrange(0, 6)
    ins = "".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 8))) + tag
    return text[:i] + ins + text[i + cut:]


def main() -> int:
    db, page_id, mode, seed, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    start = Path(db).with_suffix(".go")
    while not start.exists():  # both writers start together
        time.sleep(0.005)
    with Store(db, snapshot_every=7) as store:
        if mode == "import":
            issue = store.create_issue(f"crash-import-{seed}")
            pages = [(f"p{i}.txt", (f"第{i}版\n" + WORDS * 200 + str(i)).encode("utf-8")) for i in range(count)]
            # "analysed N/N" means the one write transaction is about to start
            store.import_pages(issue.id, pages, progress=lambda d, t, n: print(f"analysed {d}/{t}", flush=True))
            print("imported", flush=True)
            return 0
        saved = 0
        while saved < count:
            latest = store.latest_revision(page_id).number
            text = edit(rng, store.revision_text(page_id, latest), f"[{seed}:{saved}]")
            try:
                rev = store.save_revision(page_id, text, parent=latest, author=f"w{seed}")
            except ConflictError:
                if mode != "retry":
                    raise
                continue
            saved += 1
            print("saved", rev.number, hashlib.sha256(text.encode("utf-8")).hexdigest(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
