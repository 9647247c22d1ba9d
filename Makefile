# Two commands on a fresh machine with Python 3.11 and make: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  := $(if $(wildcard ../shared/seeds/*.txt),../shared/seeds,examples/seeds)
DB     ?= quotegraph.db

.PHONY: demo test lint install install-test browser clean eval bench bench-distributed bench-store

$(BIN)/quotegraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/quotegraph

$(VENV)/.test-deps: $(BIN)/quotegraph
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

# Debian's headless Chromium for the browser tests; Playwright drives it, nothing is downloaded.
browser:
	@test -x /usr/bin/chromium || { (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "warning: could not install Debian's chromium; browser tests will be skipped"; }

# The seeds: who said what in each, then one store across both (with their publication dates),
# Stoltenberg's statements from both articles, and his person page with a timeline plot.
demo: install
	$(BIN)/quotegraph extract $(SEEDS)/*.txt
	$(BIN)/quotegraph ingest $(SEEDS)/000_*.txt --db $(DB) --published 2021-08-18 --outlet "Forces News"
	$(BIN)/quotegraph ingest $(SEEDS)/003_*.txt --db $(DB) --published 2020-02-16 --outlet "Afghanistan Times"
	$(BIN)/quotegraph quotes --speaker Stoltenberg --db $(DB)
	$(BIN)/quotegraph person "Jens Stoltenberg" --db $(DB) --plot stoltenberg-timeline.png
	@echo
	@echo "Explore the store in your browser:  $(BIN)/quotegraph serve --db $(DB)   then open http://127.0.0.1:8765/"

# Lint and types first (seconds), then the suite.
lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest -q -ra

eval: install
	$(BIN)/quotegraph eval ../shared/seeds/gold.jsonl
	$(BIN)/quotegraph eval ../shared/data/ggt-dev.jsonl

bench: install
	$(BIN)/python benchmarks/throughput.py --articles 500 --workers 1 2

bench-distributed: install
	$(BIN)/python benchmarks/distributed.py --articles 2000

bench-store: install
	$(BIN)/python benchmarks/store.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DB) $(DB)-wal $(DB)-shm artifacts stoltenberg-timeline.png
