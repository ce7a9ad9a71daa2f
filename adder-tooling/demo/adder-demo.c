// SPDX-License-Identifier: GPL-2.0
/*
 * Call adder() on a few pairs from userspace and check every answer.
 *
 * __NR_adder comes from the patched kernel's installed headers, so the
 * number is the one the kernel was built with. A sum in [-4095, -1] is
 * refused with ERANGE, as it would read as an error code; a 32-bit caller
 * gets EOVERFLOW for a sum its long cannot hold (see
 * Documentation/userspace-api/adder.rst).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static const int pairs[][2] = {
	{ 2, 3 },
	{ INT_MAX, INT_MAX },
	{ INT_MIN, INT_MIN },
	{ -7, 7 },
	{ 100000, -1 },
	{ -5, 2 },
};

int main(void)
{
	struct utsname uts;
	int wrong = 0;
	size_t i;

	if (uname(&uts) == 0)
		printf("adder() on Linux %s (%s)\n", uts.release, uts.machine);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		int x = pairs[i][0], y = pairs[i][1];
		long long sum = (long long)x + y;
		int want_errno = sum >= -4095 && sum <= -1 ? ERANGE :
				 sum < LONG_MIN || sum > LONG_MAX ? EOVERFLOW : 0;
		long got;

		errno = 0;
		got = syscall(__NR_adder, x, y);
		if (got == -1 && errno) {
			printf("adder(%d, %d) failed: %s%s\n", x, y, strerror(errno),
			       errno != want_errno ? ", WRONG" :
			       errno == ERANGE ? ", as it must: the sum would read as an error" :
			       ", as it must for a 32-bit caller");
			wrong += errno != want_errno;
		} else if (want_errno || got != sum) {
			printf("adder(%d, %d) = %ld, WRONG: expected %s\n", x, y, got,
			       want_errno ? strerror(want_errno) : "the sum");
			wrong++;
		} else {
			printf("adder(%d, %d) = %ld\n", x, y, got);
		}
	}
	printf("%d of %zu answers wrong\n", wrong, i);
	return wrong ? 1 : 0;
}
