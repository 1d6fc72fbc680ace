"""The ``tieout`` command: a thin layer over the library.

    tieout check FILE...            report what ties and what does not (exit 1 on an error)
    tieout extract FILE... --format csv   every figure as a tidy row
    tieout report FILE... -o X.html the tie-out workpaper (tieout serve: with saving)
    tieout exceptions FILE...       every finding as a row, with its review
    tieout diff OLD NEW             what changed between two drafts
    tieout fetch AAPL --item 2.02   earnings releases from EDGAR (submission files)

Exit status: 0 when no error is found, 1 when an error is found, 2 when a file cannot be
read. A file that cannot be read gets one line naming it and the reason, never a
traceback (``--debug`` shows one for a bug of ours).

Each command's module is imported only when the command runs, so ``tieout check`` does
not pay for the store's libraries (DuckDB, pyarrow) at start-up.
"""

from __future__ import annotations

import importlib

import click

from tieout import __version__

# command name -> module defining it (under tieout.cli), in the order --help lists them
COMMANDS = {
    "check": "check",
    "extract": "extract",
    "report": "report",
    "exceptions": "exceptions",
    "diff": "diff",
    "serve": "serve",
    "review": "review",
    "fetch": "fetch",
    "batch": "batch",
    "query": "query",
    "export": "export",
    "restatements": "restatements",
}


class _Commands(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        command = getattr(importlib.import_module(f"tieout.cli.{module}"), cmd_name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tieout")
def main() -> None:
    """Tie out earnings press releases: extract every figure, check every relation.

    \b
    Examples:
      tieout check release.txt
      tieout check --format json submission.txt
      tieout check AAPL:2024Q1
      tieout extract release.txt --format csv -o figures.csv
    """
