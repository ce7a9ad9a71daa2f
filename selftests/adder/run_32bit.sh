#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run one 32-bit build of the adder tests, named by $1. A kernel built
# without CONFIG_IA32_EMULATION or CONFIG_X86_X32_ABI (x86), or without
# CONFIG_COMPAT (arm64), cannot execute such a binary at all; that is a
# skip, not a failure.
cd "$(dirname "$0")" || exit 1
test=./$1
"$test"
rc=$?
if [ "$rc" -eq 126 ]; then
	echo "# SKIP: this kernel cannot execute $test"
	exit 4
fi
exit "$rc"
