"""``python -m ualign.cli``: the same as the ``ualign`` command."""

from ualign.cli.main import main

main()
