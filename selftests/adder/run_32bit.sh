#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run one 32-bit build of the adder tests, named by $1. The build is
# missing where no compiler for that ABI was found, and a kernel built
# without CONFIG_IA32_EMULATION or CONFIG_X86_X32_ABI (x86), or without
# CONFIG_COMPAT (arm64, riscv), cannot execute it at all; both are skips,
# not failures.
cd "$(dirname "$0")" || exit 1
test=./$1
if [ ! -e "$test" ]; then
	echo "# SKIP: $1 was not built: no compiler for its ABI was found"
	exit 4
fi
out=$("$test" 2>&1)
rc=$?
printf '%s\n' "$out"
# When the kernel cannot execute the binary, execve() fails with ENOEXEC
# and the shell either gives up (dash, bash: 126) or reads the binary as
# a script (busybox ash: 2). Either way the program printed no plan.
if [ "$rc" -eq 126 ] || [ "$rc" -eq 2 ]; then
	if ! printf '%s\n' "$out" | grep -q -e '^TAP version' -e '^1\.\.'; then
		echo "# SKIP: this kernel cannot execute $test"
		exit 4
	fi
fi
exit "$rc"
