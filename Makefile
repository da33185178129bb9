# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
DEJAVU := /usr/share/fonts/truetype/dejavu
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 4

.PHONY: install run serve-scale test lint format chromium media-tools bench-faces bench-tools bench-load deck demo superuser clean lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: install, migrate, load the deck and serve on http://127.0.0.1:8000 (SQLite, no services;
## the background jobs run in a consumer process beside granian, as they do in production)
run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py loaddeck
	DEBUG=true $(BIN)/python manage.py vapid_keys --keep
	@echo ""
	@echo "  Rejection Therapy is running on http://$(HOST):$(PORT)/"
	@echo "  Sign in: open http://$(HOST):$(PORT)/accounts/signup/ and create your account."
	@echo "  Admin:   DEBUG=true $(BIN)/python manage.py createsuperuser, then http://$(HOST):$(PORT)/admin/"
	@echo "  Password-reset mail is printed here. Stop with Ctrl+C."
	@echo ""
	DEBUG=true HOST=$(HOST) PORT=$(PORT) WORKERS=1 JOB_WORKERS=1 bash scripts/serve.sh

## serve-scale: PostgreSQL + Redis + a job consumer + $(WORKERS) granian workers, DEBUG off (docs/scaling.md)
serve-scale: install
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) bash scripts/serve_scale.sh

## test: install what the tests need (Debian's chromium included) and run the whole suite,
## one worker per core (TEST_WORKERS=0 runs it in one process); a file stays on one worker
TEST_WORKERS ?= auto
test: install chromium media-tools
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# Debian's Chromium for the browser tests, and DejaVu so share cards draw accents and
# non-Latin scripts (cards still render without it, with fewer glyphs).
chromium:
	@[ -x $(CHROMIUM) ] && [ -d $(DEJAVU) ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

# Debian's exiftool: the media tests read every cleaned photo and video with it and find no
# location, serial or camera left (docs/media.md).
EXIFTOOL := /usr/bin/exiftool
media-tools:
	@[ -x $(EXIFTOOL) ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libimage-exiftool-perl; }

# Debian's opencv-doc ships the photos with faces that the detector comparison is labelled on.
OPENCV_DATA := /usr/share/doc/opencv-doc/examples/data
## bench-faces: compare the face detectors on the labelled set (recall, false positives, time)
bench-faces: install
	@[ -d $(OPENCV_DATA) ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq opencv-doc; }
	$(BIN)/python benchmarks/faces.py $(BENCH_ARGS)

# Debian's wrk, which benchmarks/load.py drives against a granian server it starts itself.
bench-tools:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }

## bench-load: the load benchmark on a throwaway SQLite (BENCH_ARGS="--database-url ..." for PostgreSQL)
bench-load: install bench-tools
	$(BIN)/python benchmarks/load.py $(BENCH_ARGS)

# The load-test code that left src/ for benchmarks/ stays type-checked.
BENCH_TYPED := benchmarks/loadgen benchmarks/generate_data.py benchmarks/urls.py benchmarks/views.py

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src $(BENCH_TYPED)
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

deck: install
	DEBUG=true $(BIN)/python manage.py loaddeck

## demo: install, migrate, load the deck and create (or reset) the account "demo" with 60 days of history
demo: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py loaddeck
	DEBUG=true $(BIN)/python manage.py seed_demo $(if $(SEED),--seed $(SEED))
	@echo "  Then \`make run\` and log in at http://$(HOST):$(PORT)/accounts/login/ with the login above."

## lighthouse: Lighthouse 12 (mobile) on the landing page, Today, Log and Progress; prints the
## table (targets: accessibility and best practices 100, performance >= 90). Not in `make test`.
## Serves the app itself on LIGHTHOUSE_PORT; npm's lighthouse goes to .node/ (git-ignored).
LIGHTHOUSE_PORT ?= 8022
lighthouse: install chromium
	@[ -x .node/node_modules/.bin/lighthouse ] || npm install --prefix .node --no-audit --no-fund --silent lighthouse@12.2.3
	PORT=$(LIGHTHOUSE_PORT) $(BIN)/python scripts/lighthouse.py

superuser: install
	DEBUG=true $(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) artifacts .pytest_cache .hypothesis
