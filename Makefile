# mu — make targets. `make test` and `make demo` each work first on a fresh Debian/Ubuntu machine.
SWIFT ?= swift
DEBIAN_PACKAGES := libgit2-dev libsqlite3-dev libssl-dev pkg-config python3-pip unzip postgresql libcurl4-openssl-dev
DEMO_DIR ?= /tmp/mu-demo
# Release builds link the Swift runtime and Foundation statically: mu is one file that needs only the
# system's libgit2, libsqlite3 and libcrypto (and libc), and starts in a few milliseconds.
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all setup build release test demo bench clean

all: build

# Installs the system libraries (and what the tree-sitter build needs) only when something is missing (apt-get update first,
# since a new machine may have no package lists); root or sudo, else prints the one command to run.
setup:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then \
		pkg-config --exists libgit2 libcrypto sqlite3 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0; \
	fi; \
	if ! command -v apt-get >/dev/null; then \
		echo "mu needs:$$missing (libgit2, libsqlite3, libssl headers, pkg-config, pip, unzip; postgresql for the tests); install them with your package manager" >&2; exit 1; \
	fi; \
	echo "installing:$$missing" >&2; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else \
		echo "run as root: apt-get update && apt-get install -y$$missing" >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null
	@# tree-sitter runtime + grammars from pinned PyPI archives; a no-op once the pinned versions are installed.
	@if bash scripts/setup-tree-sitter.sh --check; then :; \
	elif [ "$$(id -u)" = 0 ]; then bash scripts/setup-tree-sitter.sh; \
	elif command -v sudo >/dev/null; then sudo bash scripts/setup-tree-sitter.sh; \
	else echo "run as root: bash scripts/setup-tree-sitter.sh" >&2; exit 1; fi

build: setup
	$(SWIFT) build --product mu
	$(SWIFT) build --product mu-mcp

release: setup
	@echo "building mu in release mode (a clean release build takes 15-20 minutes on 2 cores: swift-syntax and SwiftNIO are most of it)" >&2
	$(SWIFT) build $(RELEASE_FLAGS) --product mu
	$(SWIFT) build $(RELEASE_FLAGS) --product mu-mcp   # `mu mcp` execs it; install it beside mu

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash scripts/cli-tests.sh .build/debug/mu

# Builds mu (release) and runs it on a sample repository made from fixtures/src: functions, summarize, query, search.
demo: release
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR) && cp -R fixtures/src/. $(DEMO_DIR)/
	@cd $(DEMO_DIR) && git init -q && git add -A && git -c user.name=mu -c user.email=mu@example.com commit -qm "sample" 
	@MU=$$($(SWIFT) build $(RELEASE_FLAGS) --product mu --show-bin-path)/mu; cd $(DEMO_DIR) && \
	echo "\$$ mu functions ." && $$MU functions . && echo && \
	echo "\$$ mu summarize ." && $$MU summarize . && echo && \
	echo "\$$ mu query Session.request" && $$MU query Session.request && echo && \
	echo "\$$ mu search \"raw string\"" && $$MU search "raw string" --limit 3

bench: release
	bash bench/extract.sh

clean:
	rm -rf .build
