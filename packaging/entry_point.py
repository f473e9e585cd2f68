"""The bundle's executable: `proofdesk` with no command opens the editor,
with a command it is the CLI -- the same proofdesk.cli:main that pip installs.

PROOFDESK_BUNDLE_SELFTEST=1 makes the frozen executable check its own
contents instead (version from the bundled metadata, jieba segmenting with the
bundled dictionary, the demo issue and icons under proofdesk/resources) and
print one `selftest key=value` line per check. The smoke test and nothing else
sets it; a user never sees it.
"""
from __future__ import annotations

import os
import sys


def selftest() -> int:
    from importlib import metadata
    from importlib.resources import files

    import jieba

    print(f"selftest frozen={getattr(sys, 'frozen', False)}")
    print(f"selftest version={metadata.version('proofdesk')}")
    jieba.setLogLevel(60)  # its "Building prefix dict" chatter goes to stderr
    words = jieba.lcut("报纸校对需要准确的分词")
    print(f"selftest jieba_words={len(jieba.dt.FREQ)}")
    print(f"selftest jieba_cut={'/'.join(words)}")
    res = files("proofdesk.resources")
    names = sorted(p.name for p in res.iterdir() if p.name != "__pycache__")
    print(f"selftest resources={','.join(names)}")
    return 0


if __name__ == "__main__":
    if os.environ.get("PROOFDESK_BUNDLE_SELFTEST") == "1":
        sys.exit(selftest())
    from proofdesk.cli import main

    sys.exit(main())
