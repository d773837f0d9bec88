# The two commands of the README: `make run` and `make test`. Both set up .venv
# from pyproject.toml on a fresh machine; nothing is installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint typecheck pytest demo-db bench screenshots dist clean cloud coverage mutate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	bash scripts/system-deps.sh
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	bash scripts/system-deps.sh
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	QT_QPA_PLATFORM= $(BIN)/posapp --demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The second run checks the code as Windows sees it (sys.platform == "win32" branches,
# pywin32's stubs, no fcntl/POSIX signals): the counter's packages, not the cloud's.
typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy posapp db hardware messaging cloud payments fiscal bench
	$(BIN)/mypy --platform win32 --cache-dir .mypy_cache/win32 posapp db hardware messaging payments fiscal

# The Qt tests run one file per pytest process, after the rest: background calls and Qt
# objects that one file's tests leave behind must not reach another's event loop (in one
# process, a run ended in a segfault inside Qt's event processing, and two tests failed
# only after others; each passes on its own). Every test still runs.
pytest: $(VENV)/.installed-dev
	bash scripts/test-deps.sh
	$(BIN)/pytest --ignore=tests/ui
	set -e; for file in tests/ui/test_*.py; do $(BIN)/pytest -q -p no:cacheprovider "$$file"; done

test: lint typecheck pytest

screenshots: $(VENV)/.installed-dev
	bash scripts/test-deps.sh
	POSAPP_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/ui/test_screenshots.py

# Branch coverage of the whole suite, child processes included (the endpoint's
# `posapp-cloud serve`, the app's children: [tool.coverage.run] patch = subprocess);
# fails under the floor in [tool.coverage.report]. docs/testing.md has the figure.
coverage: $(VENV)/.installed-dev
	bash scripts/test-deps.sh
	rm -rf build/coverage
	$(BIN)/coverage run -m pytest; status=$$?; \
	$(BIN)/coverage combine -q && $(BIN)/coverage report || exit 1; exit $$status

# Mutation testing (mutmut 3), one module at a time with its own tests, not part of
# `make test` (too slow for 2 cores): `make mutate MODULES=posapp/core/money.py` for one.
# The score and the reviewed survivors are in docs/testing.md.
mutate: $(VENV)/.installed-dev
	bash scripts/test-deps.sh
	$(BIN)/python scripts/mutate.py $(MODULES)

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

# The cloud sync endpoint on 127.0.0.1:8080 over a private PostgreSQL in ./.cloud-data
# (scripts/cloud-dev.sh); Ctrl+C stops both.
cloud: $(VENV)/.installed-dev
	bash scripts/cloud-dev.sh

# The one-folder bundle for this platform in dist/posapp/ (installer/posapp.spec);
# `dist/posapp/posapp --self-test` checks it.
dist: $(VENV)/.installed-dev
	$(BIN)/pyinstaller installer/posapp.spec --noconfirm --clean --distpath dist --workpath build/pyinstaller

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
