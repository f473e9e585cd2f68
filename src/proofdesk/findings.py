"""Findings: what a detector reports, and the edits it proposes on the raw text.

Every offset is a character offset into the raw page text (a Python str index).
Findings, spans and edits are frozen values so they can be shared between the
CLI, the store and the GUI without defensive copies.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from enum import Enum


class FindingKind(str, Enum):
    """Defect families. The value is the stable name used in JSON and the store."""

    DUPLICATE = "duplicate"
    CONTINUATION = "broken-continuation"
    CAPTION = "caption"
    JUMP = "jump-marker"
    CHAR = "char-error"
    PUNCT = "punctuation"
    SPACE = "space"
    REFLOW = "reflow"
    ORDER = "reading-order"
    LAYOUT = "layout"

    @property
    def label_zh(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]


_LABELS = {
    FindingKind.DUPLICATE: ("重复段落", "Duplicate"),
    FindingKind.CONTINUATION: ("断行续接", "Broken continuation"),
    FindingKind.CAPTION: ("图片说明/署名", "Caption/credit"),
    FindingKind.JUMP: ("转版标记", "Jump marker"),
    FindingKind.CHAR: ("错别字", "Character error"),
    FindingKind.PUNCT: ("标点", "Punctuation"),
    FindingKind.SPACE: ("多余空格", "Stray space"),
    FindingKind.REFLOW: ("硬换行", "Hard line wrap"),
    FindingKind.ORDER: ("阅读顺序", "Reading order"),
    FindingKind.LAYOUT: ("段落分隔", "Block layout"),
}

# Lower number wins when two accepted fixes touch the same text.
PRIORITY = {
    FindingKind.ORDER: 0,
    FindingKind.DUPLICATE: 1,
    FindingKind.REFLOW: 2,
    FindingKind.CONTINUATION: 3,
    FindingKind.CHAR: 4,
    FindingKind.PUNCT: 5,
    FindingKind.SPACE: 6,
    FindingKind.CAPTION: 7,
    FindingKind.JUMP: 8,
    FindingKind.LAYOUT: 9,
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self):
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, order=True)
class Edit:
    """Replace raw[start:end] with text. start == end is an insertion."""

    start: int
    end: int
    text: str = ""

    def __post_init__(self):
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit {self.start}..{self.end}")

    def overlaps(self, other: Edit) -> bool:
        """True when applying both would be ambiguous.

        Two insertions at one point, or an insertion at the edge of a
        replacement, are ordered deterministically and do not overlap.
        """
        if self.start == self.end or other.start == other.end:
            point, rng = (self, other) if self.start == self.end else (other, self)
            return rng.start < point.start < rng.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    spans: tuple[Span, ...]
    message_zh: str
    message_en: str
    confidence: float
    edits: tuple[Edit, ...] = ()
    # A partial finding may have some edits applied when others collide (layout).
    partial: bool = False
    # Extra facts for export and display, e.g. (("page", "2"), ("direction", "to")).
    details: tuple[tuple[str, str], ...] = ()
    id: str = field(default="")

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", self._make_id())

    def _make_id(self) -> str:
        # Plain strings: tuple and dataclass reprs cost more than a small detector.
        parts = [f"{s.start}:{s.end}" for s in self.spans]
        parts += [f"{e.start}:{e.end}:{e.text}" for e in self.edits]
        key = f"{self.kind.value}|{chr(31).join(parts)}|{self.partial}"  # US never stands in page text
        return f"{self.kind.value}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"

    @property
    def start(self) -> int:
        """Start of the primary span (the text the finding is about)."""
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[0].end

    @property
    def has_fix(self) -> bool:
        return bool(self.edits)

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def detail(self, key: str, default: str = "") -> str:
        return dict(self.details).get(key, default)

    def with_edits(self, edits: tuple[Edit, ...]) -> Finding:
        """The same finding with a proofreader's own edits (same id)."""
        return replace(self, edits=tuple(edits))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "spans": [[s.start, s.end] for s in self.spans],
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "confidence": round(self.confidence, 3),
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.edits],
            "partial": self.partial,
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        return cls(
            kind=FindingKind(d["kind"]),
            spans=tuple(Span(a, b) for a, b in d["spans"]),
            message_zh=d["message_zh"],
            message_en=d["message_en"],
            confidence=float(d["confidence"]),
            edits=tuple(Edit(e["start"], e["end"], e["text"]) for e in d["edits"]),
            partial=bool(d.get("partial", False)),
            details=tuple(sorted((str(k), str(v)) for k, v in d.get("details", {}).items())),
            id=d["id"],
        )
