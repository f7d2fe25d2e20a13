"""Progress goes to stderr, shows when stdout is piped, and stays off with --quiet or --json.

The commands run in a child process whose stderr is a pseudo-terminal (where a person would
see the bar) and whose stdout is a pipe (where a script reads the answer).
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading

import pytest

SELFPLAY = ["selfplay", "example:five-voter", "--k", "2", "--steps", "3000"]


def _run(args: list[str]) -> tuple[str, bytes]:
    controller, terminal = pty.openpty()
    seen: list[bytes] = []

    def drain() -> None:  # read the terminal while the child writes, so it never blocks
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run([sys.executable, "-m", "ualign.cli", *args], stdout=subprocess.PIPE,
                              stderr=terminal, timeout=300, env={**os.environ, "TERM": "xterm"})
    finally:
        os.close(terminal)
        reader.join(10)
        os.close(controller)
    assert proc.returncode == 0
    return proc.stdout.decode(), b"".join(seen)


@pytest.mark.parametrize("args, shown", [([], True), (["--quiet"], False), (["--json"], False)])
def test_selfplay_progress_on_stderr_even_when_stdout_is_piped(args, shown):
    out, err = _run(SELFPLAY + args)
    assert ("self-play" in err.decode(errors="replace")) == shown
    assert out.strip() and "\x1b[" not in out  # the answer, and no terminal codes, on stdout


def test_every_command_with_a_progress_bar_or_spinner_takes_quiet():
    import click

    from ualign.cli import main
    want = {"verify", "evaluate", "solve", "optimal", "nlhf", "check", "selfplay", "compare",
            "refute", "prove", "lower-bound", "report"}
    have = {name for name, cmd in main.commands.items()
            if any(isinstance(p, click.Option) and "--quiet" in p.opts for p in cmd.params)}
    assert want <= have
