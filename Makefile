# Two commands on a fresh machine: `make report` and `make test`.
# Everything is installed into .venv from the locked versions in requirements.lock;
# nothing is registered globally (the Jupyter kernel comes from the venv itself).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED_GOLD := $(wildcard seeds/*.gold.jsonl)

.PHONY: report test lab lock punkt clean help

help:
	@echo "make report  - set up .venv if needed and write the report on seeds/ into report/"
	@echo "make test    - set up .venv if needed and run the tests (unit tests and notebooks)"
	@echo "make lab     - start JupyterLab on the project's venv"
	@echo "make lock    - recompute requirements.lock from pyproject.toml (needs network)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/workbench report seeds/ --out report/ --title "Seed article" $(if $(SEED_GOLD),--gold $(firstword $(SEED_GOLD)))

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dask --python-version 3.11 -o requirements.lock

punkt: $(STAMP)
	$(BIN)/python scripts/build_punkt.py

clean:
	rm -rf report/ .pytest_cache
