# SPDX-License-Identifier: GPL-2.0
# The project's front door; README.md explains each target.
# KDIR=/path/to/linux applies to your own kernel git tree instead of
# Debian's linux-source-6.12.

TOOLS := adder-tooling

.PHONY: help demo check apply kunit
help:
	@echo "make demo    build a kernel with adder() and call it in QEMU"
	@echo "make check   run every test; ends with 'N passed, N failed'"
	@echo "make apply   only put adder() onto the kernel tree"
	@echo "make kunit   only run the adder KUnit suite (UML)"

demo:
	@$(TOOLS)/demo/run

check:
	@$(TOOLS)/check

apply:
	@bash -c '. $(TOOLS)/lib.sh && apply_feature'

kunit:
	@$(TOOLS)/kunit uml
