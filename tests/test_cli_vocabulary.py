"""The command-line contract: every option explains itself, and a flag means one thing.

Walks every command of ``ualign`` (groups included) and fails on an option without help
text, on a name whose type or metavar differs between commands, and on the house words
being used for something else: ``--policy FILE`` (a policy file; constructions are
``--construction NAME``), ``--out DIR`` (a folder), ``--certificate FILE``, ``--budget S``
(seconds; there is no ``--timeout``).
"""

from __future__ import annotations

from collections import defaultdict

import click

from ualign.cli.main import main

VOCABULARY = {"--policy": "FILE", "--out": "DIR", "--certificate": "FILE", "--budget": "S",
              "--construction": "NAME"}
RETIRED = {"--timeout": "--budget"}


def _options():
    def walk(cmd, path):
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                yield from walk(sub, (*path, name))
        else:
            for p in cmd.params:
                if isinstance(p, click.Option):
                    yield " ".join(path), p
    return list(walk(main, ()))


def test_there_are_commands_to_check():
    commands = {c for c, _ in _options()}
    assert {"verify", "refute", "prove", "lower-bound", "solve", "report"} <= commands


def test_every_option_has_help_text():
    missing = [f"{c} {'/'.join(p.opts)}" for c, p in _options() if not (p.help or "").strip()]
    assert not missing, f"options without help: {missing}"


def test_every_command_has_a_docstring():
    def walk(cmd, path):
        assert (cmd.help or "").strip(), f"{' '.join(path) or 'ualign'} has no help"
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))
    walk(main, ())


def test_a_flag_means_the_same_thing_everywhere():
    seen = defaultdict(set)
    for command, p in _options():
        for name in p.opts:
            kind = "flag" if p.is_flag else type(p.type).__name__
            seen[name].add((kind, p.metavar))
    clashes = {name: kinds for name, kinds in seen.items() if len(kinds) > 1}
    assert not clashes, f"one flag, several meanings: {clashes}"


def test_the_house_words():
    for command, p in _options():
        for name in p.opts:
            assert name not in RETIRED, f"{command} {name}: use {RETIRED[name]}"
            if name in VOCABULARY:
                assert p.metavar == VOCABULARY[name], (
                    f"{command} {name} should read {name} {VOCABULARY[name]}, not {p.metavar}")


def test_refute_help_names_every_construction():
    from ualign.counterexamples.constructions import CONSTRUCTIONS
    (option,) = [p for c, p in _options() if c == "refute" and "--construction" in p.opts]
    missing = [name for name in CONSTRUCTIONS if name not in option.help]
    assert not missing, f"refute --construction help does not name {missing}"
