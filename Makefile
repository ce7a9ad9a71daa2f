# SPDX-License-Identifier: GPL-2.0
# The project's front door; docs/tooling.md lists each target.
# KDIR=/path/to/linux applies to your own kernel git tree instead of the
# newest Linux Debian ships (sid's linux-source-X.Y, fetched into the
# cache). ARCH=arm64, riscv64, i386 or arm (see arch/) runs the demo, or
# KUnit, on that architecture instead, cross-built, in QEMU.

TOOLS := adder-tooling
# ARCH=, given on this command line, names a directory of arch/. It is
# not kbuild's ARCH: an ARCH from the environment is ignored, and neither
# reaches the kernel builds below (the scripts give kbuild its own).
ARCH_GIVEN := $(if $(filter command line,$(origin ARCH)),$(ARCH))
unexport ARCH
MAKEOVERRIDES := $(filter-out ARCH=%,$(MAKEOVERRIDES))

.PHONY: help demo check matrix test-tooling apply kunit series send bench size loop-time
help:
	@echo "make demo    build a kernel with adder() and call it in QEMU (ARCH=arm64: on arm64)"
	@echo "make check   run every test; ends with 'N passed, N failed'"
	@echo "make test-tooling  the tooling's own tests: seconds, no root, no kernel build"
	@echo "make matrix  KUnit, demo and kselftests on every arch/; KUnit via kunit.py on 12 architectures"
	@echo "make apply   only put adder() onto the kernel tree"
	@echo "make kunit   only run the adder KUnit suite (UML; ARCH=arm64: in QEMU)"
	@echo "make series  format the patch series into out/series"
	@echo "make send    git send-email the series: a dry run unless SEND=1"
	@echo "make bench   time adder() against getppid() in the VM: out/bench/"
	@echo "make size    bytes adder() adds to the kernel (bloat-o-meter)"
	@echo "make loop-time  edit kernel/adder.c -> KUnit and kselftest results"

demo:
	@$(TOOLS)/demo/run --arch $(or $(ARCH_GIVEN),x86_64)

check:
	@$(TOOLS)/check

matrix:
	@$(TOOLS)/check matrix

test-tooling:
	@$(TOOLS)/test-tooling

apply:
	@bash -c 'set -euo pipefail; . $(TOOLS)/lib.sh; init_run; apply_feature'

kunit:
	@$(TOOLS)/kunit $(or $(ARCH_GIVEN),uml)

series:
	@$(TOOLS)/format-series

# SEND=1 (only 1) sends with your sendemail.* git config; SMTP=host:port sends
# through that server; otherwise a dry run.
send:
	@$(TOOLS)/send-series $(if $(SMTP),--smtp $(SMTP),$(if $(filter 1,$(SEND)),--send))

bench:
	@$(TOOLS)/bench/run

size:
	@$(TOOLS)/size

loop-time:
	@$(TOOLS)/loop-time
