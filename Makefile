# One entry point for readers, authors and CI. `make book` and `make test` set everything up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SETUP  := $(VENV)/.setup-done
LAB    := $(VENV)/.lab-done
JOBS   ?= 2

.PHONY: book catalogues test test-fast lint format lab refresh briefing slides bench extract clean FORCE

# A .venv copied with its folder (cp -r) still runs the original folder's code, whatever is edited
# here; venv_check.py says so in one line on every make, and the set-up then rebuilds the .venv.
VENV_ELSEWHERE := $(shell $(PYTHON) lib/zhuzhou_book/venv_check.py $(VENV))

# Install pinned dependencies and the helper package (editable); redone only when they change.
# pip honours PIP_INDEX_URL (a package-index mirror) and its other PIP_* settings by itself.
$(SETUP): requirements.txt pyproject.toml $(if $(VENV_ELSEWHERE),FORCE)
	$(if $(VENV_ELSEWHERE),$(info $(VENV_ELSEWHERE))rm -rf $(VENV))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(SETUP)

# JupyterLab and its Chinese language pack: for `make lab` and the tests, not for `make book`
# (requirements-lab.txt says why it is a file of its own). Installed with requirements.txt so
# that pip keeps every pin of the book as it is.
$(LAB): $(SETUP) requirements-lab.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-lab.txt \
	  -r requirements-dev.txt
	@# nbdime's git drivers for this clone (.gitattributes routes *.ipynb to them): diffs by cell.
	@# nbdime names its drivers bare, so git could run them only with the .venv on PATH ("external
	@# diff died" in any other shell); they are pointed at this .venv's copies instead.
	if git rev-parse --git-dir >/dev/null 2>&1; then \
	  $(BIN)/nbdime config-git --enable && \
	  git config diff.jupyternotebook.command "$(abspath $(BIN))/git-nbdiffdriver diff" && \
	  git config merge.jupyternotebook.driver "$(abspath $(BIN))/git-nbmergedriver merge %O %A %B %L %P"; \
	fi
	touch $(LAB)

FORCE:

# Both editions (English at _build/html, Chinese at _build/html/zh), as `jupyter-book build . --warningiserror
# --nitpick --keep-going` builds one; each is skipped when nothing it is built from changed.
EDITIONS := $(BIN)/python -m zhuzhou_book.editions

## book: execute what changed, write the downloads (dataset zip and workbook, briefing pack), build the
## HTML book in English and in Chinese with Sphinx warnings as errors, then print each edition to PDF;
## each step skips what is up to date. The PDFs are printed from the HTML, so the downloads pages, which
## give their sizes, are built again when a PDF changed (the editions' stamps hold the listing).
book: $(SETUP)
	$(BIN)/python -m zhuzhou_book.execute --jobs $(JOBS)
	$(BIN)/python -m zhuzhou_book.webfont
	$(BIN)/python -m zhuzhou_book.search_dict
	$(BIN)/python -m zhuzhou_book.figure_data
	$(BIN)/python -m zhuzhou_book.downloads --jobs $(JOBS)
	$(EDITIONS)
	$(BIN)/python -m zhuzhou_book.pdf
	$(EDITIONS)
	@echo "Book built: open _build/html/index.html (中文版: _build/html/zh/index.html)"

## catalogues: after editing English text, extract every page's messages (Sphinx gettext) and update the
## Chinese catalogues locales/zh_CN/LC_MESSAGES/*.po (sphinx-intl update: new messages untranslated,
## changed ones fuzzy with their old translation); then translate them (README: "Updating the Chinese edition").
catalogues: $(SETUP)
	$(BIN)/python -m zhuzhou_book.catalogues

## test: the linters, then every test, including nbval on every notebook (needs the built book for
## page checks).
test: book lint node_modules/.package-lock.json
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

## lint: ruff (lint, and the format check) on lib/, tests/, benchmarks/ and the notebooks; mypy on lib/.
lint: $(LAB)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## format: rewrite the code in the house style (ruff's safe fixes, then the formatter).
format: $(LAB)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## test-fast: the tests without the browser checks and without the two whole-catalog exports
## (still nbval on every notebook); needs neither Chromium, nor axe-core, nor a built book.
test-fast: $(LAB)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -m "not browser and not slow"

## lab: JupyterLab on this .venv at a free port of 127.0.0.1, notebooks trusted; prints how to
## rerun a chapter the project's way. LAB_ARGS="--no-browser" keeps the browser closed.
lab: $(LAB)
	$(BIN)/python -m zhuzhou_book.lab $(LAB_ARGS)

# axe-core for the browser accessibility checks, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## bench: time the build and the tests on throwaway clones of HEAD (not part of `make test`);
## prints the measurements with each target met or missed, writes _build/bench/bench.json.
bench: $(LAB) node_modules/.package-lock.json
	$(BIN)/python benchmarks/run.py

## refresh: re-execute every notebook in place after an intended change, then commit the outputs.
refresh: $(SETUP)
	$(BIN)/python -m zhuzhou_book.execute --force --jobs $(JOBS)

## briefing: every figure in English and Chinese (SVG, 300-dpi PNG, CSV beside each), a one-page
## brief (HTML, and PDF where Chromium is installed) and MANIFEST.csv, in _build/briefing.
briefing: $(SETUP)
	$(BIN)/python -m zhuzhou_innovation.export --jobs $(JOBS)

## extract: propose rows for a new source text, to curate: make extract SOURCE=data/raw/<file>.txt
## writes _build/extract/<file>.csv (candidate rows) and <file>.excluded.md (draft exclusions); OUT=path to change.
extract: $(SETUP)
	@test -n "$(SOURCE)" || { echo "usage: make extract SOURCE=data/raw/<file>.txt [OUT=path.csv]"; exit 2; }
	$(BIN)/python -m zhuzhou_innovation.extract $(SOURCE) $(if $(OUT),--out $(OUT))

## slides: the briefing decks, _build/slides/briefing.en.pptx and briefing.zh.pptx (PowerPoint):
## title, key findings, one slide per key figure, the scorecard, the sources; byte-identical reruns.
slides: $(SETUP)
	$(BIN)/python -m zhuzhou_innovation.slides

clean:
	rm -rf _build
