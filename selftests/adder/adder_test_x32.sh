#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tests built -mx32: adder() through the x32 entry point.
exec "$(dirname "$0")/run_32bit.sh" adder_test_x32
