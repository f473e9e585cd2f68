"""`proofdesk analyze` and `proofdesk clean`: work on page files, no database."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from proofdesk.analysis import analyze
from proofdesk.io.pages import read_page_file
from proofdesk.io.writing import write_text_atomic


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="list the defects found in page files",
                       description="List the findings of each page file (one file is one page).")
    p.add_argument("pages", nargs="+", metavar="PAGE.txt", help="page files; each file is one page")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: one line a finding (default); json: every field, for scripts")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the explanations")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("clean", help="write the cleaned text of a page, every proposal accepted",
                       description="Write the cleaned page: one block per line, a blank line between articles.")
    p.add_argument("page", metavar="PAGE.txt", help="the page file to clean")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output (- is standard output)")
    p.set_defaults(func=cmd_clean)


def cmd_analyze(args) -> int:
    pages = [read_page_file(p) for p in args.pages]  # fail before any output
    results = [(pf, analyze(pf.text)) for pf in pages]
    if args.format == "json":
        out = [{"page": str(path), "encoding": pf.encoding, "characters": len(pf.text),
                "findings": [f.to_dict() for f in a.findings]}
               for path, (pf, a) in zip(args.pages, results)]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for path, (pf, a) in zip(args.pages, results):
        shown = [f for f in a.findings if f.kind.value != "layout"]
        print(f"== {path}: {len(shown)} findings")
        for f in shown:
            excerpt = pf.text[f.start:min(f.end, f.start + 24)].replace("\n", "⏎")
            fix = "fix" if f.has_fix else "flag"
            label = f.kind.label_zh if args.lang == "zh" else f.kind.label_en
            print(f"{f.start:>7}-{f.end:<7} {label:<10} {f.confidence:.2f} {fix:<4} "
                  f"{excerpt}  | {f.message(args.lang)}")
    return 0


def cmd_clean(args) -> int:
    pf = read_page_file(args.page)
    text = analyze(pf.text).cleaned().text
    if args.output and args.output != "-":
        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
