# Two commands for a fresh machine (see README):
#   make serve   build the site and serve it at http://127.0.0.1:8000/
#   make test    run the whole test suite (lint, data, site, calculators, Pyodide, browser)
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test lint check-data system-deps clean bench import new

NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## build: the static site in site/ (fails with file, path and line on bad data)
build: $(STAMP) $(NODE_STAMP)
	$(PY) -m mkdocs build --strict

## serve: build and serve with live reload on 127.0.0.1:8000
serve: $(STAMP) $(NODE_STAMP)
	$(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

## import: draft policy_data/documents/<id>.yaml from a notice: make import SRC=通知.docx [ID=xinzhou-2025]
##         or next year's notice as a new version: make import SRC=2025通知.docx SERIES=yangcheng-junior-title
import: $(STAMP)
	@test -n "$(SRC)" || { echo "用法：make import SRC=文件(.txt/.md/.docx) [ID=新文件的id | SERIES=系列id]"; exit 2; }
	$(PY) -m handbook import "$(SRC)" $(if $(ID),--id "$(ID)") $(if $(SERIES),--series "$(SERIES)")

## new: another agency's handbook in a new folder, built with this generator: make new DIR=../my-handbook [NAME=某市人社局]
new: $(STAMP) $(NODE_STAMP)
	@test -n "$(DIR)" || { echo "用法：make new DIR=新文件夹 [NAME=单位名称]"; exit 2; }
	$(PY) -m handbook new "$(DIR)" $(if $(NAME),--name "$(NAME)")

## check-data: validate policy_data/ only
check-data: $(STAMP)
	$(PY) -m handbook check

## system-deps: Debian packages the tests need (chromium, CJK fonts, poppler, node/npm, nginx, LibreOffice,
##              Firefox ESR, WebKitGTK's WebDriver and Xvfb for the other engines)
system-deps:
	@if [ -x /usr/bin/chromium ] && command -v pdfinfo >/dev/null && command -v npm >/dev/null \
		&& fc-list | grep -q "Noto Serif CJK" && [ -x /usr/sbin/nginx ] \
		&& [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] && command -v soffice >/dev/null \
		&& [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/WebKitWebDriver ] && command -v Xvfb >/dev/null; then \
		echo "system packages present"; \
	else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils \
			nginx-light libnginx-mod-http-brotli-static libreoffice-writer-nogui libreoffice-calc-nogui \
			firefox-esr webkit2gtk-driver xvfb; \
		command -v npm >/dev/null || $$SUDO apt-get install -y -qq nodejs npm; \
	fi

lint: $(STAMP) $(NODE_STAMP)
	$(PY) -m ruff check .
	npx --no-install eslint .
	npx --no-install tsc -p tsconfig.json

## test: everything, in the order a failure is cheapest to read
test: $(STAMP) system-deps $(NODE_STAMP) lint
	$(PY) -m pytest

clean:
	rm -rf site test-artifacts .pytest_cache .hypothesis

## bench: speed figures of the calculators in headless chromium (prints, asserts nothing)
bench: build system-deps
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/paperwork_speed.py
	$(PY) scripts/engines_speed.py
