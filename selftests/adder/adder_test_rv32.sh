#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tests built for rv32: adder() through riscv64's compat entry point.
exec "$(dirname "$0")/run_32bit.sh" adder_test_rv32
