# Two commands on a machine with only python3 and make: `make demo`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser-deps screenshots lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m bot.demo

# Headless Chromium (Debian, as root) and axe-core (npm) for tests/test_site_browser.py.
browser-deps:
	@sh tests/browser/setup.sh

# docs/site-*.png, the README's pictures of the demo week's site
screenshots: $(STAMP) browser-deps
	$(BIN)/python tests/browser/screenshots.py

test: $(STAMP) browser-deps
	$(BIN)/ruff check bot tests bench
	$(BIN)/python -m pytest

bench: $(STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache tests/browser/node_modules
