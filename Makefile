# The two commands that matter: `make report` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The annotation layers compiled with mypyc (see toolkit/native.py; its MODULES, the same list).
NATIVE := toolkit/annotate/_compiled.json
NATIVE_SRC := $(foreach m,lexicon sentence quote actor number attribution evidentiality loaded frame,toolkit/annotate/$(m).py)

.PHONY: venv native report test lab lint bench clean notebooks screenshot

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,native]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Compile the annotators (about a minute); without a C compiler they run as pure Python.
native: $(NATIVE)

$(NATIVE): $(STAMP) $(NATIVE_SRC) toolkit/native.py
	$(BIN)/python -m toolkit.native build || echo "make: continuing with the pure-Python annotators"

report: $(STAMP) $(NATIVE)
	$(BIN)/toolkit demo

test: $(STAMP) $(NATIVE)
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/python -m pytest -q tests --nbval-lax notebooks

# Store the outputs that nbval checks (key numbers of the demo) after changing the annotators.
notebooks: $(STAMP) $(NATIVE)
	for nb in notebooks/*.ipynb; do $(BIN)/python -c "import sys; from toolkit.report import refresh_checked_outputs as r; print(sys.argv[1], r(sys.argv[1]))" $$nb || exit 1; done

# The README's picture of the report, taken by the browser test's code path.
screenshot: $(STAMP) $(NATIVE)
	$(BIN)/toolkit demo --screenshot docs/report.png

lab: $(STAMP) $(NATIVE)
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks

bench: $(STAMP) $(NATIVE)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	test ! -x $(BIN)/python || $(BIN)/python -m toolkit.native clean
	rm -rf $(VENV) reports/demo* data/cache .pytest_cache
