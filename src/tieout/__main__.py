"""``python -m tieout``: the same as the ``tieout`` command."""

from tieout.cli import main

main()
