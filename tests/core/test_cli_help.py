"""Every command says what it does, and every option says what it is for."""
import argparse

from proofdesk.cli import build_parser


def _subparsers(parser):
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    helps = {c.dest: c.help for c in action._choices_actions}  # noqa: SLF001
    return action.choices, helps


def test_every_command_has_help_text():
    choices, helps = _subparsers(build_parser())
    assert {"analyze", "clean", "import", "export", "history", "diff", "restore", "gui"} <= set(choices)
    missing = [name for name in choices if not helps.get(name)]
    assert not missing, f"commands without help: {missing}"


def test_every_option_of_every_command_is_explained():
    choices, _ = _subparsers(build_parser())
    bare = []
    for name, sub in choices.items():
        for action in sub._actions:  # noqa: SLF001
            if action.option_strings and not action.help and action.dest != "help":
                bare.append(f"{name} {'/'.join(action.option_strings)}")
    assert not bare, f"options without help: {bare}"
