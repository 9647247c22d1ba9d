# Two commands on a fresh machine with Python 3.11 and make: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  := $(if $(wildcard ../shared/seeds/*.txt),../shared/seeds,examples/seeds)
DB     ?= quotegraph.db

.PHONY: demo test install install-test browser clean eval bench

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

demo: install
	$(BIN)/quotegraph extract $(SEEDS)/*.txt

test: install-test browser
	$(BIN)/python -m pytest -q -ra

eval: install
	$(BIN)/quotegraph eval ../shared/seeds/gold.jsonl
	$(BIN)/quotegraph eval ../shared/data/ggt-dev.jsonl

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DB) $(DB)-wal $(DB)-shm artifacts
