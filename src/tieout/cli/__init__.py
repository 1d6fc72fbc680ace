"""The ``tieout`` command: a thin layer over the library.

    tieout check FILE...            report what ties and what does not (exit 1 on an error)
    tieout extract FILE... -f csv   every figure as a tidy row
    tieout report FILE... -o X.html the tie-out workpaper (tieout serve: with saving)
    tieout exceptions FILE...       every finding as a row, with its review
    tieout diff OLD NEW             what changed between two drafts

Exit status: 0 when no error is found, 1 when an error is found, 2 when a file cannot be
read. A file that cannot be read gets one line naming it and the reason, never a
traceback (``--debug`` shows one for a bug of ours).
"""

from __future__ import annotations

import click

from tieout import __version__
from tieout.cli.batch import batch
from tieout.cli.check import check
from tieout.cli.diff import diff
from tieout.cli.exceptions import exceptions
from tieout.cli.export import export
from tieout.cli.extract import extract
from tieout.cli.query import query
from tieout.cli.report import report
from tieout.cli.restatements import restatements
from tieout.cli.review import review
from tieout.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tieout")
def main() -> None:
    """Tie out earnings press releases: extract every figure, check every relation.

    \b
    Examples:
      tieout check release.txt
      tieout check --format json submission.txt
      tieout extract release.txt --format csv -o figures.csv
    """


main.add_command(check)
main.add_command(extract)
main.add_command(report)
main.add_command(batch)
main.add_command(query)
main.add_command(export)
main.add_command(restatements)
main.add_command(exceptions)
main.add_command(diff)
main.add_command(serve)
main.add_command(review)
