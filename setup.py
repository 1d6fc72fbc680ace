"""The optional compiled components; everything else about the package is in pyproject.toml.

Each is a C extension against the CPython API, built when a C compiler is there and
skipped when not (``optional``): the pure-Python code they mirror is the fallback and the
specification, with the same outputs.

- ``readers/html/_scan.c``: the tag scan of ``readers/html/scan.py``.
- ``readers/html/_tree.c``: the positioned tree of ``readers/html/parse.py``, and the
  blocks of ``readers/html/blocks.py`` (``_blocks_python``).
- ``readers/html/_grid.c``: the cells of a row of ``readers/html/grid.py``, and the
  table reader's passes after it (``cells.py``, ``parts.py``, ``rows.py``, ``where.py``).
- ``report/_rows.c``: the JSON text of a table's rows and head, of the relations (with
  the figures' marks and the relations' counts) and of the claims (``report/serialise.py``'s
  ``_rows_json_python``, ``_table_head_json_python``, ``_relations_python`` and
  ``_claims_json_python``).
- ``tables/_cells.c``: a table's rows, the ``Row`` and ``Cell`` records of
  ``tables/assemble.py``'s ``_rows_python`` and ``_cells_python``, and the prints counted
  by column (``tables/headers.py``'s ``_count_prints_python``).
- ``readers/text/_runs.c``: the runs of text of a fixed-width line and the line read
  from them, of ``readers/text/lines.py`` (``_runs_python``, ``_read_line_python``), and a
  row's draft, of ``readers/text/tables.py`` (``_row_draft_python``).
- ``sources/_tags.c``: where a submission's document and text tags may begin, and the
  newlines before them, of ``sources/submission.py``; the control bytes of a file's head,
  of ``sources/decode.py``; where a page's end may be printed, of ``sources/furniture.py``
  (``_page_end_leads_python``).
- ``nongaap/_places.c``: where a document's text holds the word "reconcil" and which
  character references it holds (``nongaap/reconcile.py``'s ``_word_at_python`` and
  ``_references_python``).
- ``vocabulary/_sieve.c``: which of a sieve's patterns may find something in a text
  (``vocabulary/sieve.py``'s ``_passing_python``).
- ``prose/_figures.c``: the figures' matches in a sentence (``prose/numbers.py``'s
  ``_matches_python``).
- ``prose/_lookup.c``: the sites a claim's subject may name among those filed under its
  words (``prose/index.py``'s ``_named_python``), and a text's content words
  (``prose/labels.py``'s ``_words_python``).
- ``prose/_periods.c``: where a sentence's period phrases may begin, the places
  ``prose/periods.py``'s ``_compiled_found`` asks its patterns at (``_found_python``).
- ``prose/_words.c``: the words around a figure (``frames.py``'s ``_tokens_python``,
  ``claims.py``'s ``_spaced_python`` and ``_last_words_python``, ``subjects.py``'s
  ``_around_python``) and the distinct runs of a release's prose (``subjects.py``'s
  ``_text_runs_python``).
- ``prose/_sentences.c``: a paragraph's sentences (``prose/sentences.py``'s
  ``_spans_python``).
- ``checks/_footing.c``: the sign search of a window of rows above a total,
  ``checks/footing.py``'s ``_search_window_python``, and a table's totals searched in
  one call (``_table_sums_python``).
- ``_records.c``: the records' ``__init__`` made by ``model.py``'s ``quick_init`` (and the
  calls of their classes), and ``replacer``'s function (``_init_python``,
  ``_replacer_python``: the Python functions those make).
- ``checks/_judge.c``: one relation judged in one place, the ``Evaluation`` of
  ``checks/evaluate.py``'s ``_judge_sum_python``, ``_ratio_python`` and
  ``_percent_change_python``.

Beside them, Cython compiles the Python modules of the read path where the interpreter's
dispatch is most of the time, as they are written (``COMPILED_PACKAGES``,
``COMPILED_MODULES``; the .py stays the specification and the fallback, and
``tieout.extensions`` imports it wherever the .so was not made from it).

``_tree.c`` and ``_grid.c`` read lxml's tree through lxml's public C API, whose headers ship in lxml's
wheel (``lxml.get_include()``; lxml is a build requirement for that reason); without them
they are not built.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


def _lxml_includes() -> list[str] | None:
    try:
        import lxml
    except ImportError:
        return None
    return list(lxml.get_include())


HTML = "src/tieout/readers/html"
SHARED = "src/tieout"  # _interned.h: the names each component interns at its init;
# _slots.h: a record's slots; _decimals.h: a Decimal's coefficient and exponent;
# _one_byte.h: a str of one byte per character read as bytes
extensions = [
    Extension("tieout.readers.html._scan", [f"{HTML}/_scan.c"], optional=True),
    Extension(
        "tieout.nongaap._places",
        ["src/tieout/nongaap/_places.c"],
        include_dirs=[SHARED],
        depends=[f"{SHARED}/_one_byte.h"],
        optional=True,
    ),
    Extension("tieout._records", ["src/tieout/_records.c"], optional=True),
    Extension("tieout.vocabulary._sieve", ["src/tieout/vocabulary/_sieve.c"], optional=True),
    Extension("tieout.prose._figures", ["src/tieout/prose/_figures.c"], optional=True),
    Extension("tieout.prose._periods", ["src/tieout/prose/_periods.c"], optional=True),
    Extension("tieout.prose._sentences", ["src/tieout/prose/_sentences.c"], optional=True),
    Extension("tieout.prose._words", ["src/tieout/prose/_words.c"], optional=True),
    Extension(
        "tieout.readers.text._runs",
        ["src/tieout/readers/text/_runs.c"],
        depends=[f"{HTML}/_record.h"],  # the records made as the Python code makes them
        optional=True,
    ),
    Extension(
        "tieout.sources._tags",
        ["src/tieout/sources/_tags.c"],
        include_dirs=[SHARED],
        depends=[f"{SHARED}/_one_byte.h"],
        optional=True,
    ),
    *(
        Extension(
            f"tieout.{name}",
            [f"src/tieout/{name.replace('.', '/')}.c"],
            include_dirs=[SHARED],
            depends=[f"{SHARED}/_interned.h", f"{SHARED}/_slots.h", f"{SHARED}/_decimals.h"],
            optional=True,
        )
        for name in (
            "report._rows",
            "tables._cells",
            "checks._footing",
            "checks._judge",
            "prose._lookup",
        )
    ),
]
includes = _lxml_includes()
if includes is not None:
    extensions += [
        Extension(
            f"tieout.readers.html.{name}",
            [f"{HTML}/{name}.c"],
            include_dirs=[*includes, SHARED],
            depends=[
                f"{SHARED}/_interned.h",
                *(f"{HTML}/{h}.h" for h in ("_lxml_guard", "_record", "_text_pieces", "_cells")),
            ],
            optional=True,
        )
        for name in ("_tree", "_grid")
    ]


# The Python stages compiled as they are written (Cython, "pure Python mode": no source
# change, no annotation read as a C type): the modules of the read path where the
# interpreter's dispatch is most of the time (prose, checks, tables, the text reader). The .py beside each .so stays the specification and the
# fallback: ``tieout.extensions`` imports a module's .py when TIEOUT_PURE_PYTHON asks for
# it, and whenever the .py is not the source its .so was compiled from (``COMPILED_LIST``).
COMPILED_PACKAGES = ("checks", "prose", "readers/text", "tables", "vocabulary")
# measured and left out (bench/README item 51): readers/html, sources, nongaap and the JSON
# writer ran slower or no faster compiled (their work is in C already; the compiled code's
# size costs more than the interpreter's dispatch it saves)
COMPILED_MODULES = ("cells", "figures", "model", "rounding")
COMPILED_LIST = "_compiled_python.txt"  # each compiled module and its source's sha256


def _python_sources() -> list[Path]:
    root = Path("src/tieout")
    found = [p for d in COMPILED_PACKAGES for p in sorted((root / d).glob("*.py"))]
    found += [root / f"{m}.py" for m in COMPILED_MODULES]
    return [p for p in found if p.name != "__init__.py"]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to("src").with_suffix("").parts)


def _compiled_python() -> list[Extension]:
    """The Cython extensions of the Python stages; none where Cython is not installed."""
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    made = cythonize(
        [
            Extension(_module_name(p), [str(p)], extra_compile_args=["-O2", "-g0"])
            for p in _python_sources()
        ],
        build_dir="build/cython",
        nthreads=os.cpu_count() or 1,
        quiet=True,
        compiler_directives={
            "language_level": 3,
            "annotation_typing": False,  # an annotation is a note, never a C type
            "binding": True,  # functions introspect as Python's do
        },
    )
    for ext in made:
        ext.optional = True  # without a compiler the .py runs (cythonize drops the flag)
    return list(made)


class _BuildExt(build_ext):
    """build_ext that lists the Python modules it compiled with their sources' digests,
    so that a .so is used only beside the source it was made from (an optional one that
    failed to build is not listed, whatever .so an earlier build left)."""

    def initialize_options(self) -> None:
        super().initialize_options()
        self.made: list[str] = []

    def build_extension(self, ext: Extension) -> None:
        super().build_extension(ext)  # raises when an optional one fails: not listed
        if ext.name in _PYTHON_NAMES:
            self.made.append(ext.name)

    def run(self) -> None:
        super().run()
        listed = sorted(
            f"{_module_name(p)} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
            for p in _python_sources()
            if _module_name(p) in self.made
        )
        package = Path(self.get_ext_fullpath("tieout._records")).parent
        (package / COMPILED_LIST).write_text("".join(listed))


_PYTHON_NAMES = frozenset(_module_name(p) for p in _python_sources())


setup(
    ext_modules=extensions + _compiled_python(),
    cmdclass={"build_ext": _BuildExt},
    options={"build_ext": {"parallel": os.cpu_count() or 1}},
)
