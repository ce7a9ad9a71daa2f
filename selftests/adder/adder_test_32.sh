#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run a 32-bit build of the adder tests: adder_test_32.sh runs adder_test_32
# (the i386 entry point), adder_test_x32.sh, a link to this file, runs
# adder_test_x32. A kernel without CONFIG_IA32_EMULATION or
# CONFIG_X86_X32_ABI cannot execute such a binary: that is a skip.
cd "$(dirname "$0")" || exit 1
test=./$(basename "$0" .sh)
"$test"
rc=$?
if [ "$rc" -eq 126 ]; then
	echo "# SKIP: this kernel cannot execute $test"
	exit 4
fi
exit "$rc"
