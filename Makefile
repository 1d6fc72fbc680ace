# tieout: the two commands a new reader needs are `make demo` and `make test`.
# Both build a local virtual environment (.venv/) from pyproject.toml on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/harbor-valve_2024q2.txt

.PHONY: demo test lint typecheck pytest clean golden bench-accuracy bench-speed bench-batch bench-html bench-alarms bench-report bench-install fuzz fuzz-kill bench-scaling

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.1.1

# the compiled components (optional extensions) are rebuilt by pip when their source changes:
# the C files, and the Python modules Cython compiles (setup.py's COMPILED_*; after an edit,
# `.venv/bin/python setup.py build_ext --inplace` rebuilds only what changed; until then the
# edited module runs as written, from its .py)
COMPILED_SOURCES := setup.py src/tieout/readers/html/_scan.c src/tieout/readers/html/_tree.c \
	src/tieout/readers/html/_grid.c src/tieout/readers/html/_lxml_guard.h \
	src/tieout/readers/html/_record.h src/tieout/readers/html/_text_pieces.h \
	src/tieout/readers/html/_cells.h src/tieout/report/_rows.c src/tieout/tables/_cells.c \
	src/tieout/checks/_footing.c src/tieout/checks/_judge.c src/tieout/nongaap/_places.c \
	src/tieout/vocabulary/_sieve.c src/tieout/prose/_figures.c src/tieout/prose/_lookup.c \
	src/tieout/prose/_periods.c src/tieout/prose/_sentences.c \
	src/tieout/readers/text/_runs.c src/tieout/sources/_tags.c \
	src/tieout/_interned.h src/tieout/_slots.h src/tieout/_decimals.h \
	src/tieout/_one_byte.h \
	$(filter-out %/__init__.py,$(wildcard $(addprefix src/tieout/,$(addsuffix /*.py,checks \
	prose readers/text tables vocabulary)))) \
	$(addprefix src/tieout/,$(addsuffix .py,cells figures model rounding))

$(VENV)/.installed: pyproject.toml $(COMPILED_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The core install has no Dask and no pandas (extras: tieout[dask], tieout[pandas]); the
# tests need both, so the `test` extra pulls them in. The test set-up adds openpyxl (xlsx
# exceptions) and Playwright (the report's browser tests, which drive the system's
# chromium: `.ci/run` installs it when missing).
$(VENV)/.installed-test: pyproject.toml $(COMPILED_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,xlsx,browser]'
	touch $(VENV)/.installed $@

# The `bench` extra (edgartools and what it pulls in: pandas, httpx, pydantic...) lives in a
# virtual environment of its own, inside .venv/ so it is ignored and cleaned with it, and
# never changes the environment the tests run in.
BENCH := $(VENV)/bench
$(BENCH)/.installed: pyproject.toml | $(BIN)/python
	$(PYTHON) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet --upgrade pip==25.1.1
	$(BENCH)/bin/python -m pip install --quiet -e '.[bench]'
	touch $@

# Runs `tieout check` on the bundled example. The example holds a deliberate error, so
# tieout exits 1 (an error was found); the demo treats 0 and 1 as success, 2 as failure.
demo: $(VENV)/.installed
	@$(BIN)/tieout check $(EXAMPLE); status=$$?; \
	if [ $$status -gt 1 ]; then exit $$status; fi; \
	echo; echo "tieout exited $$status (1 = an error was found, as the example intends)"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

test: lint typecheck pytest

# Benchmarks on the shared corpus (../shared/corpus, or TIEOUT_CORPUS); kept out of `make test`.
# Each writes bench/results/<name>-<date>.json; see bench/README.md.
bench-accuracy: $(VENV)/.installed
	$(BIN)/python -m bench.accuracy

# with the edgartools peer (EarningsRelease on the same HTML exhibits) when the `bench`
# extra's environment exists (make .venv/bench/.installed); skipped, with the reason, if not
bench-speed: $(VENV)/.installed
	$(BIN)/python -m bench.speed

# tieout batch on the corpus replicated (in a temp dir): jobs 1/2 and dask at 10,000 files
bench-batch: $(VENV)/.installed
	$(BIN)/python -m bench.batch

# tieout's HTML reader beside edgartools' EarningsRelease (the `bench` extra), offline
bench-html: $(BENCH)/.installed
	$(BENCH)/bin/python -m bench.html_vs_edgartools

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info

# Regenerate the golden outputs (tests/golden/) after a change of behaviour you mean:
# read `git diff tests/golden` and commit it with the change that made it.
golden: $(VENV)/.installed
	$(BIN)/python tests/golden.py --write

# The report of the largest corpus release opened in chromium, beside the filing itself
bench-report: $(VENV)/.installed-test
	$(BIN)/python -m bench.report_open

# Size of a fresh install and cold start of `tieout check`, against the merge base with main
bench-install: $(VENV)/.installed
	$(BIN)/python -m bench.install

# Growth with size: the reference release repeated 1..16 times, the exponent of time
bench-scaling: $(VENV)/.installed
	$(BIN)/python -m bench.scaling

# Every error and warning on the corpus, judged against bench/reviewed.toml (no mutants)
bench-alarms: $(VENV)/.installed
	$(BIN)/python -m bench.alarms

# Fuzzing (bench/fuzz.py): FUZZ_INPUTS seeded mutants of the example and every corpus release,
# large sizes, in worker processes with a hard time limit: internal errors, crashed findings,
# hangs, peak memory -> bench/results/fuzz-<date>.json. The suite runs a small version.
FUZZ_INPUTS ?= 2000
fuzz: $(VENV)/.installed
	$(BIN)/python -m bench.fuzz --inputs $(FUZZ_INPUTS)

# A batch of 1,000 files, one in ten bad, killed twice with SIGKILL and resumed, against a
# clean run (bench/fuzz_kill.py) -> bench/results/fuzz-kill-<date>.json
fuzz-kill: $(VENV)/.installed
	$(BIN)/python -m bench.fuzz_kill
