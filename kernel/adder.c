// SPDX-License-Identifier: GPL-2.0
/*
 * adder() - the exact sum of two ints
 *
 * The arithmetic is in adder_sum64() and adder_sum32(), plain functions
 * that KUnit tests directly; the system call only picks the one that fits
 * its caller's long. Documentation/userspace-api/adder.rst describes the
 * ABI.
 */

#include <linux/adder.h>
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/syscalls.h>
#include <kunit/visibility.h>

/**
 * adder_sum64() - add two ints for a caller whose long is 64 bits
 * @x: first addend
 * @y: second addend
 *
 * The sum of any two ints fits in an s64, so it is computed there and
 * cannot overflow.
 *
 * Return: @x + @y.
 */
s64 adder_sum64(int x, int y)
{
	return (s64)x + y;
}
EXPORT_SYMBOL_IF_KUNIT(adder_sum64);

/**
 * adder_sum32() - add two ints for a caller whose long is 32 bits
 * @x: first addend
 * @y: second addend
 *
 * Such a long holds an int and nothing wider: a sum outside the range
 * of int is refused rather than truncated.
 *
 * Return: @x + @y, or -EOVERFLOW if the sum does not fit in an int.
 */
int adder_sum32(int x, int y)
{
	int sum;

	if (check_add_overflow(x, y, &sum))
		return -EOVERFLOW;
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(adder_sum32);

SYSCALL_DEFINE2(adder, int, x, int, y)
{
	/* A compat task, i386 and x32 alike, has a 32-bit long. */
	if (BITS_PER_LONG == 32 || in_compat_syscall())
		return adder_sum32(x, y);
	return adder_sum64(x, y);
}
