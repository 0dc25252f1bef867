# The two set-up commands: `make generate` (creates .venv on first use) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GENERATED_PACKAGES := $(wildcard generated/python/*/*/__init__.py)

.PHONY: generate check test lint docs bench fuzz api-diff compat clean venv conformance conformance-data conformance-full validation-parts-long

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

## conformance: every operation of both OpenAPI specs against an openapi-core validating mock server (also run by `make test`)
conformance: $(STAMP)
	$(PY) -m pytest -q tests/conformance

## conformance-data: redraw the replies and arguments in tests/conformance/data/ after a spec changed
conformance-data: $(STAMP)
	$(PY) -m tests.conformance.draws

## conformance-full: the conformance suite with more draws, drawn afresh (slow; not part of `make test`)
conformance-full: $(STAMP)
	CONFORMANCE_DRAWS=8 $(PY) -m pytest -q tests/conformance
## validation-parts-long: validation by parts against whole-document validation, 200 random edits per spec (slow)
validation-parts-long: $(STAMP)
	VALIDATION_EDITS=200 $(PY) -m pytest -q tests/unit/test_validation_parts.py -k random
## compat: the committed ai_studio package under the oldest/newest protobuf of each major (5, 6, 7)
## and installed beside yandexcloud + yandex-ai-studio-sdk, in throw-away venvs (see tests/compat)
compat: $(STAMP)
	$(PY) tests/compat/matrix.py

## lint: ruff + mypy --strict on the generator, mypy --strict + black --check on generated packages
lint: $(STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m mypy generator
	cd generated/python && for pkg in */; do \
		(cd $$pkg && ../../../$(PY) -m mypy --strict --no-incremental --cache-dir /dev/null $${pkg%/}) || exit 1; \
	done
	$(PY) -m black --check --quiet --line-length 100 --target-version py311 --extend-exclude /_pb/ generated/python

## bench: benchmarks (not part of `make test`); writes bench/results/latest.json
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

## fuzz: the long adversarial run (FUZZ_SEED, FUZZ_CASES OpenAPI cases, FUZZ_PROTO_CASES proto cases, FUZZ_JOBS);
## prints the count of each outcome and exits 1 when a case ends in a traceback, hang, OOM, half-written output, ...
FUZZ_SEED ?= 0
FUZZ_CASES ?= 500
FUZZ_PROTO_CASES ?= 100
FUZZ_JOBS ?= 2
fuzz: $(STAMP)
	$(PY) -m tests.adversarial.fuzz --seed $(FUZZ_SEED) --openapi $(FUZZ_CASES) --proto $(FUZZ_PROTO_CASES) --jobs $(FUZZ_JOBS)

## api-diff: API change report from BASE (git revision, default HEAD) to the working tree; FAIL=1 exits 1 on breaking changes
BASE ?= HEAD
api-diff: $(STAMP)
	$(PY) -m generator diff $(BASE):specs/generator.yaml specs/generator.yaml $(if $(FAIL),--fail-on-breaking)

## clean: remove caches (apigen's cache folder too, see README "Cache") and the virtual environment (generated/ is committed and stays)
clean:
	rm -rf "$$(PYTHONPATH=. $(PYTHON) -c 'from generator.cache_location import cache_folder; print(cache_folder())')"
	rm -rf $(VENV) .cache site test-artifacts .mypy_cache .ruff_cache .pytest_cache build *.egg-info
	rm -rf generated/python/*/build generated/python/*/*.egg-info generated/python/*/dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
