# swiftlet — build, demo, tests and benchmarks.
#   make run    install what is needed, build, run a demo busybox container
#   make test   every test: unit, integration (real containers), conformance, cgroup v2 VM
SHELL := /bin/bash
SWIFT ?= swift
PREFIX ?= /usr/local
OUT := $(CURDIR)/out
BIN_DIR := $(CURDIR)/.build/release
SWIFTLET := $(BIN_DIR)/swiftlet
RUNTIME ?= $(SWIFTLET)
export SWIFTLET

# Debian packages: native libraries linked statically, the busybox used for
# test rootfs, and the runtimes/tools we compare with.
APT_PACKAGES := libyajl-dev libseccomp-dev libcap-dev busybox-static runc crun jq hyperfine iproute2 time

.PHONY: all deps build run test unit-test integration-test bench install docs clean

all: build

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product swiftlet
	@ls -la $(SWIFTLET)

run: build
	@scripts/make-bundle.sh $(OUT)/demo sh -c 'echo "hello from a swiftlet container"; echo "hostname: $$(hostname)"; echo "pid: $$$$"; id; ls /'
	cd $(OUT)/demo && $(SWIFTLET) --root $(OUT)/state run demo-$$$$

unit-test: deps
	$(SWIFT) test --skip IntegrationTests 2>&1 | tail -n 40

integration-test: build
	SWIFTLET=$(SWIFTLET) $(SWIFT) test --filter IntegrationTests 2>&1 | tail -n 60

test: deps build
	SWIFTLET=$(SWIFTLET) $(SWIFT) test
	$(MAKE) conformance
	$(MAKE) test-cgroup-v2

-include spec-conformance/conformance.mk
-include tests/cgroup-v2/cgroup-v2.mk

bench: build
	benchmarks/run.sh $(SWIFTLET)

install: build
	install -D -m 0755 $(SWIFTLET) $(DESTDIR)$(PREFIX)/bin/swiftlet

clean:
	rm -rf .build $(OUT)
