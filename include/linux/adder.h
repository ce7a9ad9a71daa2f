/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_ADDER_H
#define _LINUX_ADDER_H

#include <linux/types.h>

s64 adder_sum(int x, int y, bool narrow);

#endif /* _LINUX_ADDER_H */
