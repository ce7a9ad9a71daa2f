// SPDX-License-Identifier: GPL-2.0
/*
 * adder() - return the exact sum of two integers
 *
 * A deliberately small system call: the arithmetic lives in adder_sum(), a
 * plain function that KUnit can test directly, and the system call itself
 * only decides how wide the caller's return register is.
 */

#include <linux/adder.h>
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/syscalls.h>
#include <kunit/visibility.h>

/**
 * adder_sum() - add two integers without overflow
 * @x: first addend
 * @y: second addend
 * @narrow: the caller receives the result in a 32-bit register
 *
 * The sum of two ints always fits in 64 bits, so it is computed there and
 * is exact. A caller whose return register is only 32 bits wide (a 32-bit
 * kernel, or a compat task on a 64-bit one) cannot receive a sum outside
 * the int range: it gets an error rather than a silently truncated value.
 *
 * Return: @x + @y, or -EOVERFLOW if @narrow is set and the sum does not
 * fit in an int.
 */
s64 adder_sum(int x, int y, bool narrow)
{
	s64 sum = (s64)x + y;

	if (narrow && (sum < INT_MIN || sum > INT_MAX))
		return -EOVERFLOW;
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(adder_sum);

SYSCALL_DEFINE2(adder, int, x, int, y)
{
	/* in_compat_syscall() covers both i386 and x32 callers. */
	bool narrow = BITS_PER_LONG == 32 || in_compat_syscall();

	return adder_sum(x, y, narrow);
}
