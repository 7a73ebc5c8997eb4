# The two commands that matter: `make report` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv report test lab lint bench clean notebooks screenshot

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/toolkit demo

test: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/python -m pytest -q tests --nbval-lax notebooks

# Store the outputs that nbval checks (key numbers of the demo) after changing the annotators.
notebooks: $(STAMP)
	for nb in notebooks/*.ipynb; do $(BIN)/python -c "import sys; from toolkit.report import refresh_checked_outputs as r; print(sys.argv[1], r(sys.argv[1]))" $$nb || exit 1; done

# The README's picture of the report, taken by the browser test's code path.
screenshot: $(STAMP)
	$(BIN)/toolkit demo --screenshot docs/report.png

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) reports/demo* data/cache .pytest_cache
