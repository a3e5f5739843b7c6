# minerehab — build, run and test. Every target installs what it needs on a
# fresh Debian 12 machine (apt, as root or through sudo) before it runs.
SHELL := /bin/bash
export LANG := C.UTF-8
export LC_ALL := C.UTF-8
# Fyne parses the locale at start-up and logs an error for "C.UTF-8"; a
# LANGUAGE list is read first and keeps stderr clean (our own language choice
# ignores it).
export LANGUAGE := zh_CN:en
export CGO_ENABLED := 1
# x86-64-v2 (SSE4.2: every x86-64 processor since 2009-2011): math.Floor and
# Ceil, asked several times for every outline segment the map draws, become
# one instruction instead of a call that checks the processor first. Not v3:
# its fused multiply-add rounds differently, and the pictures would change.
export GOAMD64 ?= v2

BIN        ?= ./minerehab
SAMPLE     ?= sample.gpkg
FUZZTIME   ?= 5s
GO         ?= go
APT_RUN    := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev libgeos-dev fonts-noto-cjk fonts-wqy-microhei
APT_TEST   := $(APT_RUN) gdal-bin python3-gdal proj-bin geographiclib-tools xvfb xdotool \
              imagemagick poppler-utils sqlite3
APT_BENCH  := $(APT_TEST) time hyperfine python3 bc

.PHONY: all build run test vet fmt-check fuzz race deps-run deps-test deps-bench bench bench-import bench-render bench-plate bench-screen bench-startup sample clean

all: build

# deps-*: install the Debian packages a target needs, only when missing.
deps-run:
	@./scripts/apt-ensure.sh $(APT_RUN)
deps-test:
	@./scripts/apt-ensure.sh $(APT_TEST)
deps-bench:
	@./scripts/apt-ensure.sh $(APT_BENCH)

build: deps-run
	$(GO) build -o $(BIN) .

# make run: build, create the sample project on first run, open the window on it.
run: build
	@[ -f $(SAMPLE) ] || $(BIN) sample $(SAMPLE)
	$(BIN) $(SAMPLE)

sample: build
	rm -f $(SAMPLE) && $(BIN) sample $(SAMPLE)

vet: deps-run
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

race: deps-test
	$(GO) test -race -count=1 ./...
	cd third_party/go-locale && $(GO) test -race -count=1 ./...

# A short run of every fuzz target (the seed corpora also run in `race`).
fuzz: deps-test
	@./scripts/fuzz-all.sh $(FUZZTIME)

test: deps-test vet fmt-check race fuzz

bench: deps-bench
	$(GO) test -run '^$$' -bench . -benchmem ./gis/... ./models/...

# Our import vs ogr2ogr on the shared benchmark data, side by side in one run.
bench-import: deps-bench build
	./scripts/bench-import.sh

# `minerehab render` vs QGIS's map render (medium and large benchmark data).
bench-render: deps-bench build
	./scripts/bench-render.sh

# `minerehab plate` vs QGIS's A3 layout export; atlas of the sample's mines.
bench-plate: deps-bench build
	./scripts/bench-plate.sh

# Start to the first map frame on the sample, in Xvfb.
bench-startup: deps-run deps-test
	./scripts/bench-startup.sh

# Yellow River screening of the large benchmark project.
bench-screen: deps-bench build
	./scripts/bench-screen.sh

clean:
	rm -f $(BIN) $(SAMPLE)
	rm -rf .bench
