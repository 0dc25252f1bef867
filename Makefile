# The two set-up commands: `make generate` (creates .venv on first use) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GENERATED_PACKAGES := $(wildcard generated/python/*/*/__init__.py)

.PHONY: generate check test lint docs bench api-diff clean venv

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## generate: render every package in specs/generator.yaml into generated/
generate: $(STAMP)
	$(PY) -m generator generate

## docs: the browsable site: generated/docs/ (rendered with the packages) → site/ (open site/index.html)
docs: generate
	$(PY) -m generator.docsite --docs generated/docs --site site

## check: regenerate into a temporary folder; fail listing the files in generated/ that are stale
check: $(STAMP)
	$(PY) -m generator check

## test: `make check`, then the whole test suite
test: $(STAMP) check
	$(PY) -m pytest -q

## lint: ruff + mypy --strict on the generator, mypy --strict + black --check on generated packages
lint: $(STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m mypy generator
	cd generated/python && for pkg in */; do \
		(cd $$pkg && ../../../$(PY) -m mypy --strict --no-incremental $${pkg%/}) || exit 1; \
	done
	$(PY) -m black --check --quiet --line-length 100 --target-version py311 --extend-exclude /_pb/ generated/python

## bench: benchmarks (not part of `make test`); writes bench/results/latest.json
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

## api-diff: API change report from BASE (git revision, default HEAD) to the working tree; FAIL=1 exits 1 on breaking changes
BASE ?= HEAD
api-diff: $(STAMP)
	$(PY) -m generator diff $(BASE):specs/generator.yaml specs/generator.yaml $(if $(FAIL),--fail-on-breaking)

## clean: remove caches and the virtual environment (generated/ is committed and stays)
clean:
	rm -rf $(VENV) .cache site test-artifacts .mypy_cache .ruff_cache .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
