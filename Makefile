# Python 3.11 venv; torch is a pinned local CPU wheel (an unpinned torch pulls a multi-GB CUDA build).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TORCH_PIN ?= torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "$(TORCH_PIN)"
	$(BIN)/pip install -q -e ".[train,dev,ray]"
	touch $(STAMP)

install: system-deps $(STAMP)

# Debian packages the code sandbox and the report test need; installed only when missing (needs root, as on CI).
system-deps:
	@command -v bwrap >/dev/null || (apt-get update && apt-get install -y bubblewrap)
	@command -v setpriv >/dev/null || (apt-get update && apt-get install -y util-linux)
	@command -v g++ >/dev/null || (apt-get update && apt-get install -y g++)
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)  # the report's browser test

demo: install
	$(BIN)/mot build --domains math,code,science

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) mot-out
