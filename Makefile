# make run  — set everything up (system packages, .venv) and process the bundled rounds
# make test — set up, then run the test suite
# make preview — like run, plus page 1 of every brief as PNG in data/processed/<round>/preview/
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint preview clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: setup
	$(VENV)/bin/bangkit run

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest

preview: setup
	$(VENV)/bin/bangkit run --preview

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf data/processed/* .pytest_cache .ruff_cache
