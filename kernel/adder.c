// SPDX-License-Identifier: GPL-2.0
/*
 * adder() - the exact sum of two ints, or an error that is an error
 *
 * The rule is in adder_sum(), which KUnit tests directly; the system call
 * only says how wide its caller's long is.
 * Documentation/userspace-api/adder.rst describes the ABI.
 */

#include <linux/compat.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/ptrace.h>
#include <linux/syscalls.h>
#include <kunit/visibility.h>

#include "adder.h"

/**
 * adder_sum() - what adder() answers a caller
 * @x: first addend
 * @y: second addend
 * @long_bits: the width of the caller's long, 32 or 64
 *
 * The sum of two ints always fits in 64 bits, so it is computed there,
 * exactly. A caller whose long is 32 bits cannot hold every such sum: it
 * gets an error rather than a truncated one.
 *
 * No sum is returned in [-MAX_ERRNO, -1]. Every reader of a system call's
 * return value (libc's syscall(), audit, ptrace) takes that range for
 * -errno; the kernel's own exit path turns the restart codes in it into
 * -EINTR or a restart when a signal is pending; and the architectures that
 * report errors out of band (powerpc, mips, sparc, alpha) turn all of it
 * into an errno and an error flag. There the sum fails with -ERANGE, so
 * that every value a caller can get means one thing only.
 *
 * Return: @x + @y; -EOVERFLOW if @long_bits is 32 and the sum does not fit
 * in an int; -ERANGE if the sum is in [-MAX_ERRNO, -1].
 */
VISIBLE_IF_KUNIT s64 adder_sum(int x, int y, unsigned int long_bits)
{
	s64 sum = (s64)x + y;

	if (long_bits == 32 && (sum < INT_MIN || sum > INT_MAX))
		return -EOVERFLOW;
	if (sum >= -MAX_ERRNO && sum < 0)
		return -ERANGE;
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(adder_sum);

SYSCALL_DEFINE2(adder, int, x, int, y)
{
	s64 ret;

	/*
	 * A compat task, i386 and x32 alike, has a 32-bit long. The entry
	 * point decides: int $0x80 from a 64-bit process is compat too.
	 */
	ret = adder_sum(x, y, in_compat_syscall() ? 32 : BITS_PER_LONG);
	/*
	 * A negative sum is a success. Where errors are reported out of
	 * band, some exit paths flag every negative return as one (alpha,
	 * nios2) unless told otherwise.
	 */
	if (ret < -MAX_ERRNO)
		force_successful_syscall_return();
	return ret;
}
