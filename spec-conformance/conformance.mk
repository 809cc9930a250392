# spec-conformance: the OCI runtime-spec conformance suite (issue 3).
# Included by the top-level Makefile, which sets SWIFTLET to the built static swiftlet.
#
#   make conformance                          run the suite against $(SWIFTLET)
#   make conformance RUNTIME=/usr/sbin/runc   ... against any runc-compatible runtime
#   make conformance RUNTIME=/usr/bin/crun RUNTIME_WRAPPER=spec-conformance/crun-hybrid.sh
#   make conformance CONFORMANCE_FILTER=Hooks,Seccomp   only some groups
#   make conformance-docs                     run swiftlet, runc and crun; rewrite docs/conformance.md
#
# Output is TAP, one line per spec statement, closing with "N passed, N failed, N skipped".
# Needs root, busybox-static (/bin/busybox) and, for conformance-docs, runc and crun.

CONF_SCRATCH    ?= .build-conf
CONF_BIN        := $(CONF_SCRATCH)/release
CONF_RUNNER     := $(CONF_BIN)/spec-conformance
RUNTIME         ?= $(SWIFTLET)
RUNTIME_WRAPPER ?=
CONF_RUNC       ?= /usr/sbin/runc
CONF_CRUN       ?= /usr/bin/crun
CONF_CRUN_WRAPPER := $(CURDIR)/spec-conformance/crun-hybrid.sh

.PHONY: conformance conformance-build conformance-docs

conformance-build:
	swift build --scratch-path $(CONF_SCRATCH) -c release --product conformance-checker
	swift build --scratch-path $(CONF_SCRATCH) -c release --product spec-conformance

# Deliberate swiftlet deviations (each explained in docs/conformance.md) are
# TAP TODO items when the suite runs against swiftlet itself.
CONF_EXPECTED ?= $(if $(filter $(SWIFTLET),$(RUNTIME)),$(CURDIR)/spec-conformance/expected-failures/swiftlet.txt,)

conformance: conformance-build
	RUNTIME="$(RUNTIME)" RUNTIME_WRAPPER="$(RUNTIME_WRAPPER)" CONFORMANCE_EXPECTED_FAILURES="$(CONF_EXPECTED)" $(CONF_RUNNER)

# Each run may fail assertions (that is what the table records), so their exit codes are ignored.
conformance-docs: conformance-build
	-RUNTIME="$(SWIFTLET)" $(CONF_RUNNER) > $(CONF_SCRATCH)/swiftlet.tap 2>&1
	-RUNTIME="$(CONF_RUNC)" $(CONF_RUNNER) > $(CONF_SCRATCH)/runc.tap 2>&1
	-RUNTIME="$(CONF_CRUN)" RUNTIME_WRAPPER="$(CONF_CRUN_WRAPPER)" $(CONF_RUNNER) > $(CONF_SCRATCH)/crun.tap 2>&1
	CONFORMANCE_NOTES=spec-conformance/notes.md $(CONF_RUNNER) --render-docs \
		swiftlet=$(CONF_SCRATCH)/swiftlet.tap runc=$(CONF_SCRATCH)/runc.tap crun=$(CONF_SCRATCH)/crun.tap \
		> docs/conformance.md
