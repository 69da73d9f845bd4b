# Two commands on a fresh machine: `make run` and `make test`.
# Each creates .venv with python3 -m venv and installs the project into it
# the first time (and again whenever pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-slow test-all lint typecheck check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q planner  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

# The app on your own copy of the reference plan, in your plans folder (never the tracked plans/):
# $PLANNER_PLANS when set, else your data folder; made from the shipped template the first time,
# its exam 17 weeks from today.
PLANS ?= $(or $(PLANNER_PLANS),$(shell $(PYTHON) -c "import sys; sys.path.insert(0, '.'); from planner.edge.paths import data_dir; print(data_dir())"))
DEMO  := $(PLANS)/aws-ml-specialty.toml

run: $(STAMP)
	test -f "$(DEMO)" || $(BIN)/planner new --template aws-ml-specialty --plans-dir "$(PLANS)" \
		--exam "$$($(BIN)/python -c 'import datetime as d; print(d.date.today() + d.timedelta(weeks=17))')"
	$(BIN)/planner --plans-dir "$(PLANS)" --plan aws-ml-specialty $(ARGS)

# Two workers or more (one per CPU): the suite is mostly independent Pilot and subprocess tests.
# `make test` leaves out the tests marked slow (each takes seconds: the longest Pilot flows, chromium,
# Radicale, kill -9 loops, a 100 000-resource plan); `make test-slow` runs just those, and CI runs both.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow" $(PYTEST_ARGS)

test-slow: $(STAMP)
	$(BIN)/python -m pytest -n auto -m slow $(PYTEST_ARGS)

test-all: $(STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check planner tests bench
	$(BIN)/ruff format --check planner tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# What CI runs before the tests; plans/ holds a copy of the shipped template for people to try.
check: lint typecheck
	cmp plans/aws-ml-specialty.toml planner/edge/templates/aws-ml-specialty.toml

bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .mypy_cache
