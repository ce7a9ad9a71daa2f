#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tests built -m32: adder() through the i386 entry point.
exec "$(dirname "$0")/run_32bit.sh" adder_test_32
