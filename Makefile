# Parc: `make demo` runs it, `make test` tests it. See README.md.
SWIFT ?= swift
DEMO_DIR ?= $(CURDIR)/.demo
DEMO_LISTEN ?= 127.0.0.1:8443

.PHONY: browser-tools demo demo-stop test lint format fuzz python-tools build release agent-release deps completions clean-demo bench loadtest

deps:
	@packaging/install-build-deps.sh

build: deps
	$(SWIFT) build

# parc-agent links the Swift runtime statically (it runs where Swift is not installed) and is laid
# out for memory: lld with packed relative relocations (~2 MB less at every start than gold's), and
# a profile-guided layout: every function compiled into its own section, packaging/agent-layout.sh
# lists those an inventory runs, and the binary is relinked with them packed together (the
# resident code of an inventory drops from 5.6 to 3.1 MB). Its own build directory, .build-agent,
# because those compiler flags differ from the server's. Falls back to the default linker when the
# toolchain has no ld.lld.
AGENT_SCRATCH := .build-agent
AGENT_TOOLSET := $(AGENT_SCRATCH)/toolset.json
AGENT_ORDER := $(AGENT_SCRATCH)/parc-agent.order
AGENT_BIN := $(AGENT_SCRATCH)/release/parc-agent
agent-release: deps
	@packaging/install-build-deps.sh valgrind
	@mkdir -p $(AGENT_SCRATCH); lld="$$(dirname "$$(command -v $(SWIFT))")/ld.lld"; \
	if [ ! -x "$$lld" ]; then $(SWIFT) build -c release --product parc-agent --static-swift-stdlib --scratch-path $(AGENT_SCRATCH); exit; fi; \
	touch $(AGENT_ORDER); \
	printf '{"schemaVersion":"1.0","swiftCompiler":{"extraCLIOptions":["-Xfrontend","-function-sections"]},%s,%s,"linker":{"path":"%s","extraCLIOptions":["-z","pack-relative-relocs","--symbol-ordering-file=%s","--no-warn-symbol-ordering"]}}\n' \
		'"cCompiler":{"extraCLIOptions":["-ffunction-sections"]}' '"cxxCompiler":{"extraCLIOptions":["-ffunction-sections"]}' \
		"$$lld" "$(CURDIR)/$(AGENT_ORDER)" > $(AGENT_TOOLSET); \
	build() { $(SWIFT) build -c release --product parc-agent --static-swift-stdlib --scratch-path $(AGENT_SCRATCH) --toolset $(AGENT_TOOLSET); }; \
	build; \
	if [ $(AGENT_BIN) -nt $(AGENT_ORDER) ]; then \
		cp $(AGENT_ORDER) $(AGENT_ORDER).previous; packaging/agent-layout.sh $(AGENT_BIN) $(AGENT_ORDER); \
		if ! cmp -s $(AGENT_ORDER) $(AGENT_ORDER).previous; then echo "relinking parc-agent with the new layout"; rm -f "$$(readlink -f $(AGENT_BIN))"; build; fi; \
	fi
	@echo "parc-agent: $(AGENT_BIN)"

## Release builds of the three programs.
release: agent-release
	$(SWIFT) build -c release --product parc-server
	$(SWIFT) build -c release --product parcctl

## Benchmarks (never part of `make test`): the agent's full inventory against dpkg-query -W, and
## reconciling an unchanged vs a ten-change 1,500-package report, ticket lists on 100,000 tickets, a billing run over
## 1,000 clients, hourly check-ins through the store (PARC_BENCH_DATABASE=postgres://... for PostgreSQL).
bench: agent-release
	@packaging/install-build-deps.sh time
	$(SWIFT) build -c release --product parc-bench
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" agent-inventory --agent $(AGENT_BIN)
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" reconcile $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" tickets $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" billing $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" checkins $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" portal
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" alerts $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}
	"$$($(SWIFT) build -c release --show-bin-path)/parc-bench" intake $${PARC_BENCH_DATABASE:+--database "$$PARC_BENCH_DATABASE"}

## Builds, starts parc-server on SQLite in $(DEMO_DIR), logs parcctl in, prints what to do next.
demo: build
	@DEMO_DIR="$(DEMO_DIR)" DEMO_LISTEN="$(DEMO_LISTEN)" BIN_DIR="$$($(SWIFT) build --show-bin-path)" packaging/demo.sh

## Stops the demo server.
demo-stop:
	@if [ -f "$(DEMO_DIR)/server.pid" ]; then kill "$$(cat $(DEMO_DIR)/server.pid)" 2>/dev/null && echo "demo server stopped" || true; rm -f "$(DEMO_DIR)/server.pid"; fi

clean-demo: demo-stop
	rm -rf "$(DEMO_DIR)"

## Load test (never part of `make test`): release parc-server + parc-loadgen in handshake, new and reuse modes.
## PARC_LOADTEST_DATABASE=postgres://... runs it on PostgreSQL; PARC_LOADTEST_AGENTS, PARC_LOADTEST_SECONDS tune it.
loadtest: deps
	$(SWIFT) build -c release --product parc-server
	$(SWIFT) build -c release --product parc-loadgen
	@BIN_DIR="$$($(SWIFT) build -c release --show-bin-path)" packaging/loadtest.sh

## Fails on code that `swift format` would change (configuration: .swift-format); `make format` fixes it.
FORMATTED := Sources Tests Package.swift
lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

## Fuzzes each parser of untrusted bytes with libFuzzer and AddressSanitizer (never part of `make test`,
## which replays the corpus): FUZZ_SECONDS each (default 600), what adds coverage merged into Fuzz/corpus/TARGET.
FUZZ_SCRATCH := .build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= smbios edid dpkg checkin report gzip
fuzz: deps
	$(SWIFT) build -c release --product parc-fuzz --scratch-path $(FUZZ_SCRATCH) -Xswiftc -sanitize=fuzzer,address -Xswiftc -DPARC_FUZZ
	@BIN_DIR="$$($(SWIFT) build -c release --scratch-path $(FUZZ_SCRATCH) --show-bin-path)" FUZZ_SCRATCH=$(FUZZ_SCRATCH) \
		FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" packaging/fuzz.sh

## The API checkers from PyPI that the tests run (openapi-spec-validator, schemathesis), in a venv.
PYTHON_TOOLS := .build/python-tools
PYTHON_PACKAGES := schemathesis==4.32.5 openapi-core==0.23.1 openapi-spec-validator==0.8.5 standardwebhooks==1.3.0
python-tools:
	@packaging/install-build-deps.sh python3 python3-venv
	@[ "$$(cat $(PYTHON_TOOLS)/installed 2>/dev/null)" = "$(PYTHON_PACKAGES)" ] || { echo "Installing $(PYTHON_PACKAGES) (PyPI) in $(PYTHON_TOOLS)"; \
		rm -rf $(PYTHON_TOOLS) && /usr/bin/python3 -m venv $(PYTHON_TOOLS) && \
		$(PYTHON_TOOLS)/bin/pip install -q $(PYTHON_PACKAGES) && echo "$(PYTHON_PACKAGES)" > $(PYTHON_TOOLS)/installed; }

# The portal's browser tests: Debian's Chromium and Selenium, axe-core from PyPI (in a venv that
# sees Debian's Selenium).
BROWSER_TOOLS := .build/browser-tools
BROWSER_PACKAGES := axe-selenium-python==2.1.6
browser-tools:
	@packaging/install-build-deps.sh python3 python3-venv chromium chromium-driver python3-selenium libnss3-tools poppler-utils
	@[ "$$(cat $(BROWSER_TOOLS)/installed 2>/dev/null)" = "$(BROWSER_PACKAGES)" ] || { echo "Installing $(BROWSER_PACKAGES) (PyPI) in $(BROWSER_TOOLS)"; \
		rm -rf $(BROWSER_TOOLS) && /usr/bin/python3 -m venv --system-site-packages $(BROWSER_TOOLS) && \
		$(BROWSER_TOOLS)/bin/pip install -q $(BROWSER_PACKAGES) && echo "$(BROWSER_PACKAGES)" > $(BROWSER_TOOLS)/installed; }

## The Perl modules GLPI Agent (../shared/vendor) runs with, from Debian: the intake tests run the real agent.
GLPI_AGENT_PERL = libfile-which-perl libwww-perl libnet-ip-perl libtext-template-perl libuniversal-require-perl libxml-libxml-perl \
	libyaml-tiny-perl libcpanel-json-xs-perl libdata-uuid-perl libdatetime-perl liblwp-protocol-https-perl libio-socket-ssl-perl \
	libhttp-daemon-perl libproc-daemon-perl libcompress-raw-zlib-perl xz-utils

## The inventory agents clients already run, from Debian: the intake tests run them against the server.
INTAKE_AGENTS = fusioninventory-agent ocsinventory-agent libnet-snmp-perl

## Runs every test. PostgreSQL store tests run when PARC_TEST_POSTGRES_URL is set (.ci/run does).
## Tests that need ../shared (validators, vendored agents) are skipped, with the reason, without it.
test: deps lint python-tools browser-tools
	@packaging/install-build-deps.sh python3 python3-jsonschema udev pciutils ethtool libxml2-utils default-jre-headless libsaxonhe-java weasyprint poppler-utils zsh fish openssl prometheus msmtp python3-aiosmtpd $(GLPI_AGENT_PERL) $(INTAKE_AGENTS)
	$(SWIFT) build --build-tests
	PARC_BIN_DIR="$$($(SWIFT) build --show-bin-path)" PARC_PYTHON_TOOLS="$(CURDIR)/$(PYTHON_TOOLS)/bin" \
		PARC_BROWSER_PYTHON="$(CURDIR)/$(BROWSER_TOOLS)/bin/python3" $(SWIFT) test --skip-build

## Regenerates the shell completion scripts shipped in packaging/completions.
completions: build
	@mkdir -p packaging/completions
	@bin="$$($(SWIFT) build --show-bin-path)"; for tool in parc-server parc-agent parcctl; do \
		for shell in bash zsh fish; do "$$bin/$$tool" --generate-completion-script $$shell > packaging/completions/$$tool.$$shell; done; done
	@echo "wrote packaging/completions"
