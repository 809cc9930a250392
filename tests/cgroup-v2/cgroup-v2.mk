# Cgroup v2 tests in a qemu VM (pure v2 kernel; this host is v1 hybrid).
# Included by the top Makefile.
#
#   make test-cgroup-v2                         the Cgroups self-test (TAP), then
#                                               test-cgroup-v2-containers
#   make test-cgroup-v2-containers              real containers with the static
#                                               release swiftlet (containers.sh)
#   make test-cgroup-v2 CGV2_SCRIPT=x.sh CGV2_FILES="a:/bin/a dir:/bundle"
#                                               any guest script with extra files
#   CGV2_ARGS="--tmpfs-root --module veth"      more run-vm.sh options
#
# tests/cgroup-v2/run-vm.sh is usable directly; see its header.
SWIFT ?= swift
CGV2_DIR := $(CURDIR)/tests/cgroup-v2
CGV2_SCRIPT ?= $(CGV2_DIR)/selftest.sh
CGV2_FILES ?=
CGV2_ARGS ?=
# e.g. --scratch-path .build-x to keep the self-test build out of .build
CGV2_BUILD_FLAGS ?=

.PHONY: test-cgroup-v2 test-cgroup-v2-containers cgroup-v2-prepare cgroup-v2-selftest cgroup-v2-swiftlet

cgroup-v2-prepare:
	@$(CGV2_DIR)/prepare.sh

cgroup-v2-selftest:
	$(SWIFT) build $(CGV2_BUILD_FLAGS) --product cgroup-selftest

test-cgroup-v2: cgroup-v2-prepare cgroup-v2-selftest
	$(CGV2_DIR)/run-vm.sh --script $(CGV2_SCRIPT) \
		--file "$$($(SWIFT) build $(CGV2_BUILD_FLAGS) --show-bin-path)/cgroup-selftest:/bin/cgroup-selftest" \
		$(foreach f,$(CGV2_FILES),--file $(f)) $(CGV2_ARGS)
ifeq ($(CGV2_SCRIPT),$(CGV2_DIR)/selftest.sh)
	$(MAKE) --no-print-directory test-cgroup-v2-containers
endif

cgroup-v2-swiftlet:
	$(SWIFT) build $(CGV2_BUILD_FLAGS) -c release --product swiftlet

# The guest writes its own config.json files; it gets the binary and a
# busybox rootfs. pivot_root needs the tmpfs root.
test-cgroup-v2-containers: cgroup-v2-prepare cgroup-v2-swiftlet
	@bundle="$$(mktemp -d)"; trap 'rm -rf "$$bundle"' EXIT; \
	$(CURDIR)/scripts/make-bundle.sh "$$bundle/b" true >/dev/null && \
	$(CGV2_DIR)/run-vm.sh --tmpfs-root --script $(CGV2_DIR)/containers.sh \
		--file "$$($(SWIFT) build $(CGV2_BUILD_FLAGS) -c release --show-bin-path)/swiftlet:/bin/swiftlet" \
		--file "$$bundle/b/rootfs:/bundle/rootfs" $(CGV2_ARGS)
