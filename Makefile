# Two commands on a machine with only python3 and make: `make demo`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-deps browser-deps screenshots lint bench train fuzz clean

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

# What the tests run besides Python: git (public-inbox mirrors, trees) and Dovecot (a real
# IMAP server on 127.0.0.1). Installed from Debian when missing and we are root (CI);
# otherwise the IMAP tests skip and say why. Idempotent: a second run installs nothing.
test-deps:
	@missing=""; command -v git >/dev/null 2>&1 || missing="git"; \
	[ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || missing="$$missing dovecot-imapd"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing (Debian) for the tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing$$missing and not root with apt-get: those tests will skip"; fi; \
	fi

test: $(STAMP) browser-deps test-deps
	$(BIN)/ruff check bot tests bench
	$(BIN)/python -m pytest -n 2 --maxschedchunk 1

# Fuzz the entry points (tests/test_hostile_fuzz.py) with fresh random rounds until
# FUZZ_SECONDS are spent; a crash stops it and hypothesis prints the input.
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	end=$$(( $$(date +%s) + $(FUZZ_SECONDS) )); rounds=0; \
	while [ $$(date +%s) -lt $$end ]; do \
		FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -q -p no:cacheprovider \
			tests/test_hostile_fuzz.py || exit 1; rounds=$$((rounds + 1)); \
	done; echo "fuzz: $$rounds rounds of 3 x 500 examples, no crash"

bench: $(STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# the sentence model (bot/reply/sentence_model.json) from labelled sentences; see the README
train: $(STAMP)
	$(BIN)/python bench/train_sentences.py --write

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache tests/browser/node_modules
