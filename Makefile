# Parc: `make demo` runs it, `make test` tests it. See README.md.
SWIFT ?= swift
DEMO_DIR ?= $(CURDIR)/.demo
DEMO_LISTEN ?= 127.0.0.1:8443

.PHONY: demo demo-stop test build release deps completions clean-demo bench

deps:
	@packaging/install-build-deps.sh

build: deps
	$(SWIFT) build

## Release builds; parc-agent links the Swift runtime statically so it runs where Swift is not installed.
release: deps
	$(SWIFT) build -c release --product parc-agent --static-swift-stdlib
	$(SWIFT) build -c release --product parc-server
	$(SWIFT) build -c release --product parcctl

## Benchmarks (never part of `make test`): the agent's full inventory against dpkg-query -W.
bench: deps
	@packaging/install-build-deps.sh time
	$(SWIFT) build -c release --product parc-agent --static-swift-stdlib
	$(SWIFT) build -c release --product parc-bench
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" agent-inventory --agent "$$($(SWIFT) build -c release --show-bin-path)/parc-agent"

## Builds, starts parc-server on SQLite in $(DEMO_DIR), logs parcctl in, prints what to do next.
demo: build
	@DEMO_DIR="$(DEMO_DIR)" DEMO_LISTEN="$(DEMO_LISTEN)" BIN_DIR="$$($(SWIFT) build --show-bin-path)" packaging/demo.sh

## Stops the demo server.
demo-stop:
	@if [ -f "$(DEMO_DIR)/server.pid" ]; then kill "$$(cat $(DEMO_DIR)/server.pid)" 2>/dev/null && echo "demo server stopped" || true; rm -f "$(DEMO_DIR)/server.pid"; fi

clean-demo: demo-stop
	rm -rf "$(DEMO_DIR)"

## Runs every test. PostgreSQL store tests run when PARC_TEST_POSTGRES_URL is set (.ci/run does).
test: deps
	@packaging/install-build-deps.sh python3 python3-jsonschema udev pciutils ethtool
	$(SWIFT) build --build-tests
	PARC_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(SWIFT) test --skip-build

## Regenerates the shell completion scripts shipped in packaging/completions.
completions: build
	@mkdir -p packaging/completions
	@bin="$$($(SWIFT) build --show-bin-path)"; for tool in parc-server parc-agent parcctl; do \
		for shell in bash zsh fish; do "$$bin/$$tool" --generate-completion-script $$shell > packaging/completions/$$tool.$$shell; done; done
	@echo "wrote packaging/completions"
