"""tieout: tie out earnings press releases.

Reads a release (EDGAR plain text or a full submission file), extracts every figure
with its position, finds the relations among them (sums the layout closes, accounting
identities, per-share ratios, figures repeated across tables), checks each under the
rounding of the print, and reports what ties and what does not, with evidence.

    from tieout import read
    release = read("release.txt")
    release.tables, release.relations, release.findings

See ``pipeline`` for the flow of stages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieout.extensions import install_compiled_or_source

# before any other module of the package is imported: a compiled module's .so is used only
# beside the source it was made from, and TIEOUT_PURE_PYTHON sets it aside
install_compiled_or_source(Path(__file__).parent)

if TYPE_CHECKING:
    from tieout.release import Release

__version__ = "0.1.0"
__all__ = ["Release", "__version__", "read"]


def read(path: str | os.PathLike[str] | bytes) -> Release:
    """Read and check one release (a path, or a file's bytes); see ``tieout.pipeline.read``.

    The release has its views: ``release.facts`` (a typed Arrow table) and, in Jupyter,
    the HTML report.
    """
    from tieout.pipeline import read as _read
    from tieout.release import with_views

    return with_views(_read(path))


def __getattr__(name: str) -> Any:
    """``tieout.Release`` on first use (it loads the report's views and pyarrow)."""
    if name == "Release":
        from tieout.release import Release

        return Release
    raise AttributeError(f"module 'tieout' has no attribute {name!r}")
