"""Text set as a newspaper column, for reflow tests and benchmarks.

Lines are filled to a fixed printed width (digits and Latin letters are
narrow, as proofdesk.page.reflow.line_width counts them) and the first line
of each paragraph is indented (written as `indent`, or lost when it is '').
"""
from __future__ import annotations

from proofdesk.page.reflow import line_width

# Typesetters never start a line with closing punctuation: it hangs at the end of the line before.
HANGING = "，。、；：！？”）》"


def wrap_column(paragraphs, width: float = 18, indent: str = "\u3000\u3000", hanging: str = HANGING) -> list[str]:
    out = []
    for p in paragraphs:
        room, cur, first = width - 2, "", True
        for ch in p:
            if line_width(cur + ch) > room and ch not in hanging:
                out.append((indent if first else "") + cur)
                cur, room, first = "", width, False
            cur += ch
        out.append((indent if first else "") + cur)
    return out
