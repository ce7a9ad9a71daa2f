// SPDX-License-Identifier: GPL-2.0
/*
 * What one adder() call costs, against the cheapest system call there is
 * (getppid(), which does almost nothing but enter and leave the kernel) and
 * against the addition itself done inline.
 *
 * The three are timed interleaved: every round runs a batch of each, in an
 * order that rotates from round to round, so that a slow spell of the host
 * (this runs in a VM) hits all three alike. One CSV line per batch goes to
 * stdout:
 *
 *   round,kind,calls,ns
 *
 * The system calls are issued with the raw instruction, not through libc's
 * syscall(), so that both carry the same entry and exit cost and nothing
 * else.
 *
 * Usage: adder-bench [ROUNDS [CALLS_PER_BATCH]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#if defined(__x86_64__)
static inline long raw_syscall2(long nr, long a, long b)
{
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "0" (nr), "D" (a), "S" (b)
		      : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__aarch64__)
static inline long raw_syscall2(long nr, long a, long b)
{
	register long x8 asm("x8") = nr;
	register long x0 asm("x0") = a;
	register long x1 asm("x1") = b;

	asm volatile ("svc #0" : "+r" (x0) : "r" (x8), "r" (x1) : "memory");
	return x0;
}
#elif defined(__riscv) && __riscv_xlen == 64
static inline long raw_syscall2(long nr, long a, long b)
{
	register long a7 asm("a7") = nr;
	register long a0 asm("a0") = a;
	register long a1 asm("a1") = b;

	asm volatile ("ecall" : "+r" (a0) : "r" (a7), "r" (a1) : "memory");
	return a0;
}
#else
#error "no raw system call instruction known for this architecture"
#endif

enum kind { ADDER, GETPPID, INLINE_ADD, KINDS };
static const char *const kind_name[KINDS] = { "adder", "getppid", "inline_add" };

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Time one batch; the results feed a sum so that nothing is optimised out. */
static long long batch(enum kind kind, long calls, long *sink)
{
	long long start = now_ns();
	long i, acc = 0;

	for (i = 0; i < calls; i++) {
		switch (kind) {
		case ADDER:
			acc += raw_syscall2(__NR_adder, (int)i, 1);
			break;
		case GETPPID:
			acc += raw_syscall2(__NR_getppid, 0, 0);
			break;
		default: {
			long x = (int)i;

			/* Keep the compiler from folding the loop away. */
			asm volatile ("" : "+r" (x));
			acc += x + 1;
			break;
		}
		}
	}
	*sink += acc;
	return now_ns() - start;
}

int main(int argc, char *argv[])
{
	int rounds = argc > 1 ? atoi(argv[1]) : 31;
	long calls = argc > 2 ? atol(argv[2]) : 200000;
	long sink = 0;
	int round, k;

	if (rounds < 1 || calls < 1) {
		fprintf(stderr, "usage: %s [ROUNDS [CALLS_PER_BATCH]]\n", argv[0]);
		return 2;
	}
	/* A wrong answer would make every figure meaningless. */
	if (raw_syscall2(__NR_adder, 2147483647, 2147483647) != 4294967294L) {
		fprintf(stderr, "adder() gives a wrong sum: not measuring\n");
		return 1;
	}
	/* One untimed batch of each, to fault in code and warm caches. */
	for (k = 0; k < KINDS; k++)
		batch(k, calls / 10 + 1, &sink);

	printf("round,kind,calls,ns\n");
	for (round = 0; round < rounds; round++) {
		for (k = 0; k < KINDS; k++) {
			enum kind kind = (round + k) % KINDS;

			printf("%d,%s,%ld,%lld\n", round, kind_name[kind], calls,
			       batch(kind, calls, &sink));
		}
	}
	/* Printed so that the sums are used. */
	fprintf(stderr, "checksum %ld\n", sink);
	return 0;
}
