"""UI strings in Chinese (default) and English. Qt-free, so tests can check the table.

tr(key, **fmt) returns the string in the chosen language; a key missing in a
language falls back to English, then to the key itself.
"""
from __future__ import annotations

import locale
import os

_ZH = {
    "app": "ProofDesk 报纸校对",
    "raw": "原始文本（只读）",
    "cleaned": "校对文本（可编辑）",
    "navigator": "报纸与版面",
    "findings": "问题列表",
    "legend": "图例",
    "changed": "已修改",
    "col.kind": "类型", "col.excerpt": "摘录", "col.confidence": "置信度", "col.state": "状态",
    "col.proposal": "修改建议", "proposal.delete": "删去「{text}」", "proposal.insert": "插入「{text}」",
    "proposal.tip": "F2 或 E 就地改写；Enter 确认，Shift+Enter 换行，Esc 取消",
    "details.title": "选中的问题", "details.none": "选中一个问题，这里显示它的说明和完整的修改建议",
    "details.proposal": "修改建议（全文，一段一行；灰字是前后未改的原文）：",
    "state.open": "待定", "state.accepted": "已接受", "state.rejected": "已拒绝", "state.edited": "已改写",
    "state.dropped": "已接受（与其他修改冲突，未应用）",
    "filter.kind": "类型：", "filter.state": "状态：", "filter.all": "全部",
    "menu.file": "文件(&F)", "menu.edit": "编辑(&E)", "menu.review": "审校(&R)", "menu.view": "视图(&V)",
    "menu.page": "版面(&P)", "menu.help": "帮助(&H)", "menu.status": "设置状态",
    "act.import": "导入文件…", "act.import_folder": "导入文件夹…", "act.export": "导出本期…",
    "act.save": "保存修订…", "act.discard": "放弃修改", "act.quit": "退出", "act.undo": "撤销", "act.redo": "重做",
    "act.find": "查找…", "act.replace": "查找和替换…", "act.next": "下一个问题", "act.prev": "上一个问题",
    "act.accept": "接受", "act.reject": "拒绝", "act.edit": "就地改写建议", "act.clear": "撤回决定",
    "act.accept_kind": "接受本版所有同类问题", "act.everywhere": "全期同样修改…",
    "act.zoom_in": "放大", "act.zoom_out": "缩小", "act.zoom_reset": "原始大小",
    "act.goto": "转到版面…", "act.history": "修订历史…", "act.help": "快捷键帮助",
    "act.columns": "调整栏序…",
    "columns.title": "调整栏序",
    "details.columns": "栏的先后不对？按 Ctrl+Shift+O 调整栏序。",
    "columns.stale": "这个阅读顺序问题是旧版本分析的，覆盖的范围与现在重排的不同。请重新导入本版后再调整栏序。",
    "columns.label": "这是重排时找出的各栏，按阅读顺序排列。选中一栏，用 Alt+↑ / Alt+↓（或按钮、拖动）把它移到该在的位置：",
    "columns.item": "第 {number} 栏（{lines} 行）：{first}…{last}",
    "columns.up": "上移(&U)", "columns.down": "下移(&D)",
    "columns.none": "先选中一个“阅读顺序”问题（逐行交错的多栏），再调整栏序",
    "act.lang": "English", "act.demo": "打开演示报纸",
    "status.raw": "未校对", "status.in-progress": "校对中", "status.proofread": "已校对", "status.validated": "已审定",
    "page": "第{number}版", "page.item": "第{number}版 · {status} · {open}个待定",
    "issue.item": "{title}（{pages}版）",
    "saved": "已保存修订 {number}", "nothing": "没有需要保存的修改",
    "save.message": "修订说明（可留空）：", "save.title": "保存修订",
    "unsaved.title": "未保存的修改", "unsaved.text": "第{number}版有未保存的修改。要保存吗？",
    "conflict.title": "保存冲突",
    "conflict.text": "{error}\n\n“重新载入”放弃你的修改并读取最新修订；“在其上保存”把你的版本存为新的修订（对方的修订仍在历史中）。",
    "conflict.reload": "重新载入", "conflict.keep": "在其上保存",
    "recover.title": "恢复未保存的工作",
    "recover.text": "上次程序意外退出时，第{number}版（{saved}）有未保存的修改。要恢复吗？",
    "crash.title": "程序错误",
    "crash.text": "ProofDesk 遇到了一个程序错误。未保存的工作已写入恢复副本，下次启动时可以恢复。\n\n{error}",
    "edit.title": "改写建议", "edit.label": "这段文字应改为：",
    "everywhere.title": "全期同样修改",
    "everywhere.text": "本期共有 {count} 处同样的修改（{what}）：\n\n{list}\n\n全部接受还是全部拒绝？",
    "everywhere.accept": "全部接受", "everywhere.reject": "全部拒绝",
    "goto.title": "转到版面", "goto.label": "版面号：",
    "history.title": "修订历史 · 第{number}版",
    "history.cols": "修订|时间|作者|说明|增|删",
    "history.from": "从：", "history.to": "到：", "history.side": "并排", "history.inline": "行内",
    "history.restore": "恢复所选修订为新修订", "history.restored": "已把修订 {number} 恢复为修订 {new}",
    "find.title": "查找和替换", "find.find": "查找：", "find.replace": "替换为：",
    "find.regex": "正则表达式", "find.case": "区分大小写", "find.scope_page": "本版", "find.scope_issue": "全期",
    "find.search": "查找全部", "find.next": "下一个", "find.apply": "替换所选",
    "find.count": "找到 {count} 处", "find.replaced": "已替换 {count} 处",
    "import.title": "导入版面", "import.issue": "导入到：", "import.new": "新建一期…",
    "import.new_title": "新一期的名称：", "import.progress": "正在导入 {name}（{done}/{total}）",
    "import.cancel": "取消", "import.done": "已导入 {count} 个版面", "import.cancelled": "导入已取消，未保存任何内容",
    "export.title": "导出本期", "export.format": "格式：", "export.done": "已导出到 {path}",
    "error.title": "错误",
    "help.title": "快捷键",
    "help.close": "按 Esc 或 F1 关闭", "help.in_list": "（问题列表中）",
    "typing.lost": "部分手动修改无法重新套用，请检查校对文本",
    "open.count": "{open}/{total} 个待定问题",
    "no.finding": "没有选中的问题",
    "no.fix": "这个问题没有修改建议；请改写或直接编辑校对文本",
    "undo.accept": "接受 {kind}", "undo.reject": "拒绝 {kind}", "undo.edit": "改写 {kind}", "undo.columns": "调整栏序",
    "undo.clear": "撤回 {kind}", "undo.kind": "接受所有 {kind}", "undo.typing": "输入",
    "undo.replace": "替换", "undo.everywhere": "全期修改",
}

_EN = {
    "app": "ProofDesk newspaper proofreading",
    "raw": "Raw text (read-only)",
    "cleaned": "Cleaned text (editable)",
    "navigator": "Issues and pages",
    "findings": "Findings",
    "legend": "Legend",
    "changed": "Changed",
    "col.kind": "Kind", "col.excerpt": "Excerpt", "col.confidence": "Confidence", "col.state": "State",
    "col.proposal": "Proposal", "proposal.delete": "delete “{text}”", "proposal.insert": "insert “{text}”",
    "proposal.tip": "F2 or E edits in place; Enter applies, Shift+Enter new line, Esc cancels",
    "details.title": "Selected finding",
    "details.none": "Select a finding to read its description and its whole proposal",
    "details.proposal": "Proposal (in full, one paragraph a line; the unchanged text around it in grey):",
    "state.open": "Open", "state.accepted": "Accepted", "state.rejected": "Rejected", "state.edited": "Edited",
    "state.dropped": "Accepted (collides with another fix, not applied)",
    "filter.kind": "Kind:", "filter.state": "State:", "filter.all": "All",
    "menu.file": "&File", "menu.edit": "&Edit", "menu.review": "&Review", "menu.view": "&View",
    "menu.page": "&Page", "menu.help": "&Help", "menu.status": "Set status",
    "act.import": "Import files…", "act.import_folder": "Import folder…", "act.export": "Export issue…",
    "act.save": "Save revision…", "act.discard": "Discard", "act.quit": "Quit", "act.undo": "Undo", "act.redo": "Redo",
    "act.find": "Find…", "act.replace": "Find and replace…", "act.next": "Next finding",
    "act.prev": "Previous finding", "act.accept": "Accept", "act.reject": "Reject",
    "act.edit": "Edit proposal", "act.clear": "Clear decision",
    "act.accept_kind": "Accept all of this kind on the page", "act.everywhere": "Same correction in the issue…",
    "act.zoom_in": "Zoom in", "act.zoom_out": "Zoom out", "act.zoom_reset": "Actual size",
    "act.goto": "Go to page…", "act.history": "Revision history…", "act.help": "Keyboard shortcuts",
    "act.columns": "Column order…",
    "columns.title": "Column order",
    "details.columns": "Columns in the wrong order? Ctrl+Shift+O puts them in order.",
    "columns.stale": "This reading-order finding was made by an older analysis and covers another region than "
                     "the rebuild finds now. Import the page again to order its columns.",
    "columns.label": "The columns the rebuild found, in reading order. Select one and move it to its place "
                     "with Alt+Up / Alt+Down (or the buttons, or a drag):",
    "columns.item": "Column {number} ({lines} lines): {first}…{last}",
    "columns.up": "Move &up", "columns.down": "Move &down",
    "columns.none": "Select a reading-order finding (columns interleaved line by line) to change its column order",
    "act.lang": "中文", "act.demo": "Open the demo issue",
    "status.raw": "Raw", "status.in-progress": "In progress", "status.proofread": "Proofread",
    "status.validated": "Validated",
    "page": "Page {number}", "page.item": "Page {number} · {status} · {open} open",
    "issue.item": "{title} ({pages} pages)",
    "saved": "Saved revision {number}", "nothing": "Nothing to save",
    "save.message": "Revision message (optional):", "save.title": "Save revision",
    "unsaved.title": "Unsaved changes", "unsaved.text": "Page {number} has unsaved changes. Save them?",
    "conflict.title": "Save conflict",
    "conflict.text": "{error}\n\n“Reload” drops your changes and reads the latest revision; “Save on top” stores "
                     "your version as a new revision (theirs stays in the history).",
    "conflict.reload": "Reload", "conflict.keep": "Save on top",
    "recover.title": "Recover unsaved work",
    "recover.text": "ProofDesk stopped unexpectedly with unsaved changes on page {number} ({saved}). Recover them?",
    "crash.title": "Program error",
    "crash.text": "ProofDesk hit a program error. Unsaved work was written to a recovery copy, offered at the "
                  "next start.\n\n{error}",
    "edit.title": "Edit proposal", "edit.label": "This text should read:",
    "everywhere.title": "Same correction in the issue",
    "everywhere.text": "The issue has {count} occurrences of this correction ({what}):\n\n{list}\n\n"
                       "Accept all or reject all?",
    "everywhere.accept": "Accept all", "everywhere.reject": "Reject all",
    "goto.title": "Go to page", "goto.label": "Page number:",
    "history.title": "Revision history · page {number}",
    "history.cols": "Revision|Time|Author|Message|Added|Removed",
    "history.from": "From:", "history.to": "To:", "history.side": "Side by side", "history.inline": "Inline",
    "history.restore": "Restore selected revision as new", "history.restored": "Restored revision {number} as {new}",
    "find.title": "Find and replace", "find.find": "Find:", "find.replace": "Replace with:",
    "find.regex": "Regular expression", "find.case": "Match case", "find.scope_page": "This page",
    "find.scope_issue": "Whole issue", "find.search": "Find all", "find.next": "Next",
    "find.apply": "Replace selected", "find.count": "{count} found", "find.replaced": "Replaced {count}",
    "import.title": "Import pages", "import.issue": "Into issue:", "import.new": "New issue…",
    "import.new_title": "Title of the new issue:", "import.progress": "Importing {name} ({done}/{total})",
    "import.cancel": "Cancel", "import.done": "Imported {count} pages",
    "import.cancelled": "Import cancelled; nothing was stored",
    "export.title": "Export issue", "export.format": "Format:", "export.done": "Exported to {path}",
    "error.title": "Error",
    "help.title": "Keyboard shortcuts",
    "help.close": "Esc or F1 closes this", "help.in_list": "(in the findings list)",
    "typing.lost": "Some of your own edits could not be re-applied; check the cleaned text",
    "open.count": "{open}/{total} findings open",
    "no.finding": "No finding selected",
    "no.fix": "This finding proposes no fix; edit the proposal or type in the cleaned text",
    "undo.accept": "Accept {kind}", "undo.reject": "Reject {kind}", "undo.edit": "Edit {kind}", "undo.columns": "Column order",
    "undo.clear": "Clear {kind}", "undo.kind": "Accept all {kind}", "undo.typing": "Typing",
    "undo.replace": "Replace", "undo.everywhere": "Issue-wide decision",
}

TABLES = {"zh": _ZH, "en": _EN}
_lang = "zh"


def choose_language(requested: str | None = None) -> str:
    """--lang wins; then PROOFDESK_LANG; then the locale (Chinese unless it says otherwise... English
    locales get English)."""
    lang = requested or os.environ.get("PROOFDESK_LANG")
    if not lang:
        loc = (locale.getlocale()[0] or os.environ.get("LANG", "") or "zh").lower()
        lang = "en" if loc.startswith("en") else "zh"
    set_language(lang)
    return _lang


def set_language(lang: str) -> None:
    global _lang
    _lang = lang if lang in TABLES else "zh"


def language() -> str:
    return _lang


def tr(key: str, **fmt) -> str:
    text = TABLES[_lang].get(key) or _EN.get(key) or key
    return text.format(**fmt) if fmt else text
