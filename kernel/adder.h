/* SPDX-License-Identifier: GPL-2.0 */
/*
 * adder() internals that only its KUnit suite, kernel/adder_kunit.c, sees:
 * without CONFIG_KUNIT they are static to kernel/adder.c.
 */
#ifndef _KERNEL_ADDER_H
#define _KERNEL_ADDER_H

#include <linux/types.h>

#if IS_ENABLED(CONFIG_KUNIT)
s64 adder_sum(int x, int y, unsigned int long_bits);
#endif

#endif /* _KERNEL_ADDER_H */
