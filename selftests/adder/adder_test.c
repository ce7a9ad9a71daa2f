// SPDX-License-Identifier: GPL-2.0
/*
 * adder() from userspace: the system call itself, not only its arithmetic.
 *
 * KUnit covers adder_sum(); these tests cover what only a real call can
 * show: the table entries, how the entry code decodes the argument
 * registers, the 32-bit ABIs, seccomp and tracing, and what libc makes of
 * the result. On x86 the same file is built three times: 64-bit, -m32
 * (the i386 entry) and -mx32; on arm64 twice: 64-bit and AArch32 (the
 * compat entry); on riscv64 twice too where an rv32 compiler exists.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/version.h>

#include "../kselftest_harness.h"

#ifndef __NR_adder
#error "no __NR_adder: build against the patched kernel's headers (KHDR_INCLUDES)"
#endif

/* The caller's long is 32 bits wide: i386, x32, any 32-bit ABI. */
#define NARROW (sizeof(long) < sizeof(long long))

/*
 * Issue system call nr with the syscall instruction itself, so that libc
 * cannot reinterpret the result, and with full register values, so that
 * garbage in the upper halves reaches the kernel.
 */
static long long raw_syscall2(unsigned long nr, unsigned long long x,
			      unsigned long long y)
{
#if defined(__x86_64__)		/* both x86-64 and x32 */
	unsigned long long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" ((unsigned long long)nr), "D" (x), "S" (y)
		      : "rcx", "r11", "memory");
	return (long long)ret;
#elif defined(__i386__)
	long ret;

	asm volatile ("int $0x80"
		      : "=a" (ret)
		      : "a" (nr), "b" ((unsigned int)x),
			"c" ((unsigned int)y)
		      : "memory");
	return ret;
#elif defined(__arm__)
	register unsigned long r0 asm("r0") = (unsigned long)x;
	register unsigned long r1 asm("r1") = (unsigned long)y;
	register unsigned long r7 asm("r7") = nr;

	asm volatile ("svc #0" : "+r" (r0) : "r" (r1), "r" (r7) : "memory");
	return (long)r0;
#elif defined(__aarch64__)
	register unsigned long long x0 asm("x0") = x;
	register unsigned long long x1 asm("x1") = y;
	register unsigned long long x8 asm("x8") = nr;

	asm volatile ("svc #0" : "+r" (x0) : "r" (x1), "r" (x8) : "memory");
	return (long long)x0;
#elif defined(__riscv)		/* registers of 64 bits on rv64, 32 on rv32 */
	register unsigned long a0 asm("a0") = (unsigned long)x;
	register unsigned long a1 asm("a1") = (unsigned long)y;
	register unsigned long a7 asm("a7") = nr;

	asm volatile ("ecall" : "+r" (a0) : "r" (a1), "r" (a7) : "memory");
	return (long)a0;
#else
#error "raw_syscall2() needs this architecture's system call instruction"
#endif
}

static long long raw_adder(unsigned long long x, unsigned long long y)
{
	return raw_syscall2(__NR_adder, x, y);
}

/* A number far past the end of every architecture's table. */
#define UNALLOCATED_NR 0x7fff

/* What the kernel returns for an exact sum: a narrow caller gets only
 * what fits in its 32-bit return register.
 */
static long long returned(long long sum)
{
	if (NARROW && (sum < INT_MIN || sum > INT_MAX))
		return -EOVERFLOW;
	return sum;
}

static long long expected(int x, int y)
{
	return returned((long long)x + y);
}

static const struct {
	int x, y;
	long long sum;
} cases[] = {
	{ 0, 0, 0 },
	{ 1, 0, 1 },
	{ 0, -1, -1 },
	{ 1, -1, 0 },
	{ -1, -1, -2 },
	{ 2, 3, 5 },
	{ INT_MAX, 0, 2147483647LL },
	{ INT_MAX, 1, 2147483648LL },
	{ INT_MAX, INT_MAX, 4294967294LL },
	{ INT_MIN, 0, -2147483648LL },
	{ INT_MIN, -1, -2147483649LL },
	{ INT_MIN, INT_MIN, -4294967296LL },
	{ INT_MAX, INT_MIN, -1 },
	{ -4095, 0, -4095 },
	{ -2048, -2047, -4095 },
	{ -4096, 1, -4095 },
	{ -4096, 0, -4096 },
	{ -75, 0, -75 },
};

/*
 * Does the running kernel have adder() at __NR_adder?  Issuing the number
 * to find out is not an option: on a kernel built from another tree it may
 * be a different system call (463 is setxattrat() from 6.13 on). Two facts
 * settle it without a call:
 *  - /proc/kallsyms lists the system call's entry point, sys_adder or an
 *    architecture's wrapper of it (__x64_sys_adder, __arm64_sys_adder...),
 *    which exists only where the syscall table has adder(): configured
 *    out, the COND_SYSCALL() stub that returns -ENOSYS keeps the name;
 *  - the kernel has the major.minor version of the headers this test was
 *    built against, and the series takes the next free number of its base,
 *    so the same base version means the same number.
 */
static bool kernel_has_adder(char *why, size_t len)
{
	unsigned int major, minor;
	struct utsname uts;
	char line[512], name[256];
	bool found = false;
	FILE *f;

	if (uname(&uts) || sscanf(uts.release, "%u.%u", &major, &minor) != 2) {
		snprintf(why, len, "cannot read the kernel version");
		return false;
	}
	if (major != LINUX_VERSION_MAJOR || minor != LINUX_VERSION_PATCHLEVEL) {
		snprintf(why, len, "kernel %s is not the %u.%u this test was built for",
			 uts.release, LINUX_VERSION_MAJOR,
			 LINUX_VERSION_PATCHLEVEL);
		return false;
	}
	f = fopen("/proc/kallsyms", "r");
	if (!f) {
		snprintf(why, len,
			 "no /proc/kallsyms (CONFIG_KALLSYMS) to look for adder()");
		return false;
	}
	while (!found && fgets(line, sizeof(line), f)) {
		size_t n;

		if (sscanf(line, "%*s %*s %255s", name) != 1)
			continue;
		n = strlen(name);
		found = !strcmp(name, "sys_adder") ||
			(n > strlen("_sys_adder") &&
			 !strcmp(name + n - strlen("_sys_adder"), "_sys_adder"));
	}
	fclose(f);
	if (!found)
		snprintf(why, len, "kernel %s has no adder() system call",
			 uts.release);
	return found;
}

/* The boundary table through the raw instruction: the kernel's own answer. */
TEST(raw_boundaries)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int x = cases[i].x, y = cases[i].y;

		EXPECT_EQ(returned(cases[i].sum),
			  raw_adder((unsigned int)x, (unsigned int)y))
			TH_LOG("adder(%d, %d)", x, y);
	}
}

/*
 * The lowest return that libc's syscall(2) takes for -errno: -4095 with
 * glibc on x86, arm64 and riscv64, but -4096 with glibc on 32-bit Arm.
 */
#if defined(__arm__)
#define LIBC_ERRNO_LOWEST (-4096)
#else
#define LIBC_ERRNO_LOWEST (-4095)
#endif

/*
 * The same table through libc's syscall(2), which takes any return in
 * [LIBC_ERRNO_LOWEST, -1] for -errno: such a sum comes back as -1 with
 * errno set to its negation, although the kernel returned the sum.
 */
TEST(libc_syscall)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int x = cases[i].x, y = cases[i].y;
		long long want = expected(x, y);
		long got;

		errno = 0;
		got = syscall(__NR_adder, x, y);
		if (want < 0 && want >= LIBC_ERRNO_LOWEST) {
			EXPECT_EQ(-1, got) TH_LOG("adder(%d, %d)", x, y);
			EXPECT_EQ(-want, errno) TH_LOG("adder(%d, %d)", x, y);
		} else {
			EXPECT_EQ(want, got) TH_LOG("adder(%d, %d)", x, y);
			EXPECT_EQ(0, errno) TH_LOG("adder(%d, %d)", x, y);
		}
	}
}

/* A 32-bit caller gets EOVERFLOW, never a truncated sum. */
TEST(overflow_rule)
{
	errno = 0;
	if (NARROW) {
		EXPECT_EQ(-EOVERFLOW, raw_adder(INT_MAX, 1));
		EXPECT_EQ(-EOVERFLOW, raw_adder((unsigned int)INT_MIN, -1U));
		EXPECT_EQ(-1, syscall(__NR_adder, INT_MAX, INT_MAX));
		EXPECT_EQ(EOVERFLOW, errno);
	} else {
		EXPECT_EQ(2147483648LL, raw_adder(INT_MAX, 1));
		EXPECT_EQ(4294967294LL, syscall(__NR_adder, INT_MAX, INT_MAX));
		EXPECT_EQ(0, errno);
	}
	EXPECT_EQ(INT_MAX, raw_adder(INT_MAX - 1, 1));
	EXPECT_EQ(INT_MIN, raw_adder((unsigned int)INT_MIN + 1, -1U));
}

/* Argument registers are 64 bits wide: x86-64 and x32, arm64, riscv64. */
#if defined(__x86_64__) || defined(__aarch64__) || \
	(defined(__riscv) && __riscv_xlen == 64)
/*
 * Only the low 32 bits of each argument register are the argument; the
 * SYSCALL_DEFINE2() wrapper must ignore whatever is above them. (i386
 * registers have no upper half to fill.)
 */
TEST(upper_bits_ignored)
{
	static const unsigned long long junk[] = {
		0, 0xffffffff00000000ULL, 0xdeadbeef00000000ULL,
		0x0000000100000000ULL, 0x8000000000000000ULL,
	};
	unsigned int i, j, k;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		for (j = 0; j < ARRAY_SIZE(junk); j++) {
			for (k = 0; k < ARRAY_SIZE(junk); k++) {
				int x = cases[i].x, y = cases[i].y;

				EXPECT_EQ(expected(x, y),
					  raw_adder(junk[j] | (unsigned int)x,
						    junk[k] | (unsigned int)y))
					TH_LOG("adder(%d, %d) with %#llx/%#llx above",
					       x, y, junk[j], junk[k]);
			}
		}
	}
}
#endif

#define THREADS 8
#define CALLS_PER_THREAD 20000

static void *hammer(void *arg)
{
	unsigned int seed = (unsigned int)(unsigned long)arg * 2654435761U;
	long bad = 0;
	int i;

	for (i = 0; i < CALLS_PER_THREAD; i++) {
		int x = (int)(seed = seed * 1103515245U + 12345U);
		int y = (int)(seed = seed * 1103515245U + 12345U);

		if (raw_adder((unsigned int)x, (unsigned int)y) != expected(x, y))
			bad++;
	}
	return (void *)bad;
}

/* Many threads calling at once: every answer exact. */
TEST(threads)
{
	pthread_t tids[THREADS];
	long i, bad = 0;

	for (i = 0; i < THREADS; i++)
		ASSERT_EQ(0, pthread_create(&tids[i], NULL, hammer, (void *)(i + 1)));
	for (i = 0; i < THREADS; i++) {
		void *ret;

		ASSERT_EQ(0, pthread_join(tids[i], &ret));
		bad += (long)ret;
	}
	EXPECT_EQ(0, bad) TH_LOG("%ld of %d answers wrong", bad,
				 THREADS * CALLS_PER_THREAD);
}

#if defined(__x86_64__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_X86_64	/* x32 too, with its nr bit */
#elif defined(__i386__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__arm__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__aarch64__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define ADDER_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__riscv)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_RISCV32
/* A 64-bit kernel's syscall_get_arch() says RISCV64 for rv32 tasks too. */
#define ADDER_AUDIT_ARCH_COMPAT AUDIT_ARCH_RISCV64
#endif
#ifndef ADDER_AUDIT_ARCH_COMPAT
#define ADDER_AUDIT_ARCH_COMPAT ADDER_AUDIT_ARCH
#endif

/* A seccomp filter that fails adder() with EPERM is obeyed, and only where
 * it is installed.
 */
TEST(seccomp_errno)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ADDER_AUDIT_ARCH, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ADDER_AUDIT_ARCH_COMPAT, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_adder, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = ARRAY_SIZE(insns),
		.filter = insns,
	};
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
			_exit(10);
		if (raw_adder(2, 3) != -EPERM)
			_exit(11);
		errno = 0;
		if (syscall(__NR_adder, 2, 3) != -1 || errno != EPERM)
			_exit(12);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("child exit %d: 10 = no filter, 11/12 = not blocked",
		       WEXITSTATUS(status));
	EXPECT_EQ(5, raw_adder(2, 3));
}

#if defined(__aarch64__) || defined(__riscv)
#ifndef ADDER_GENERIC_NR
#error "no ADDER_GENERIC_NR: the Makefile reads it from asm-generic/unistd.h"
#endif
/*
 * arm64 and riscv number their system calls by the generic table,
 * scripts/syscall.tbl; include/uapi/asm-generic/unistd.h, also exported to
 * userspace, must give the same numbers. A table that skipped or reused a
 * number would still agree with itself, since the kernel and this test
 * are both built from it: only the other file shows the mistake. (x86
 * numbers its system calls in tables of its own.)
 */
TEST(generic_number)
{
	EXPECT_EQ(ADDER_GENERIC_NR, __NR_adder)
		TH_LOG("scripts/syscall.tbl gives adder() %d, asm-generic/unistd.h %d",
		       __NR_adder, ADDER_GENERIC_NR);
}
#endif

#define TRACEFS "/sys/kernel/tracing"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static char *read_file(const char *path)
{
	static char buf[65536];
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return buf;
}

/*
 * With CONFIG_FTRACE_SYSCALLS the sys_enter_adder and sys_exit_adder
 * events exist and describe x, y and the result. x86 does not trace
 * compat system calls, so only a 64-bit caller also reads a live record.
 */
TEST(trace_events)
{
	char *text;

	if (access(TRACEFS "/events", F_OK))
		mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	if (access(TRACEFS "/events/syscalls", F_OK))
		SKIP(return, "no syscall events (CONFIG_FTRACE_SYSCALLS, tracefs)");

	text = read_file(TRACEFS "/events/syscalls/sys_enter_adder/format");
	ASSERT_TRUE(!!text) TH_LOG("no sys_enter_adder event");
	EXPECT_TRUE(!!strstr(text, " x;"));
	EXPECT_TRUE(!!strstr(text, " y;"));
	text = read_file(TRACEFS "/events/syscalls/sys_exit_adder/format");
	ASSERT_TRUE(!!text) TH_LOG("no sys_exit_adder event");
	EXPECT_TRUE(!!strstr(text, " ret;"));

	if (NARROW || sizeof(void *) < 8)
		return;
	ASSERT_EQ(0, write_file(TRACEFS "/trace", ""));
	ASSERT_EQ(0, write_file(TRACEFS "/events/syscalls/sys_enter_adder/enable", "1"));
	ASSERT_EQ(0, write_file(TRACEFS "/events/syscalls/sys_exit_adder/enable", "1"));
	EXPECT_EQ(4242 + 1000, raw_adder(4242, 1000));
	write_file(TRACEFS "/events/syscalls/sys_enter_adder/enable", "0");
	write_file(TRACEFS "/events/syscalls/sys_exit_adder/enable", "0");
	text = read_file(TRACEFS "/trace");
	ASSERT_TRUE(!!text);
	EXPECT_TRUE(!!strstr(text, "sys_adder(x: 1092, y: 3e8)"))
		TH_LOG("no enter record with x and y:\n%s", text);
	EXPECT_TRUE(!!strstr(text, "sys_adder -> 0x147a"))
		TH_LOG("no exit record with the result:\n%s", text);
}

int main(int argc, char **argv)
{
	long long answer;
	char why[256];

	/* Without adder() every test is a skip, and the program exits 4. */
	if (!kernel_has_adder(why, sizeof(why)))
		ksft_exit_skip("%s\n", why);
	/*
	 * The number is adder()'s here. Configured out, it answers as a
	 * number the kernel does not have: -ENOSYS.
	 */
	answer = raw_adder(2, 3);
	if (answer == raw_syscall2(UNALLOCATED_NR, 2, 3))
		ksft_exit_skip("adder() is configured out: it returns %lld (-ENOSYS)\n", answer);
	return test_harness_run(argc, argv);
}
