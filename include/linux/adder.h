/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_ADDER_H
#define _LINUX_ADDER_H

#include <linux/types.h>

s64 adder_sum64(int x, int y);
int adder_sum32(int x, int y);

#endif /* _LINUX_ADDER_H */
