# make run  — set everything up (system packages, .venv) and process the bundled rounds
# make test — set up, then run the test suite: lint, the unit lane, the e2e lane
# make test-unit — the unit lane alone (seconds)
# make preview — like run, plus page 1 of every brief as PNG in data/processed/<round>/preview/
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test test-unit lint preview clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	bash scripts/install-system-packages.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: setup
	$(VENV)/bin/bangkit run

# Unit lane first and fail-fast (-x): a broken transform shows in seconds, before the e2e lane's
# minutes of real runs. make stops at the first failing line, so either lane failing fails
# `make test`, and the last line printed is the last lane's pytest summary.
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest tests/unit -x
	$(VENV)/bin/python -m pytest tests/e2e

test-unit: setup
	$(VENV)/bin/python -m pytest tests/unit

preview: setup
	$(VENV)/bin/bangkit run --preview

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf data/processed/* .pytest_cache .ruff_cache
