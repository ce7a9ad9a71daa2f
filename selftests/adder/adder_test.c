// SPDX-License-Identifier: GPL-2.0
/*
 * adder() from userspace: what only a real call shows. KUnit covers the
 * rule; these cover the table entry, how the entry code reads the
 * argument registers, the rule for callers whose long is 32 bits, that a
 * pending signal changes no answer, what seccomp filters and the syscall
 * trace events see, and what libc makes of the result.
 * Documentation/userspace-api/adder.rst gives the ABI.
 *
 * The Makefile builds this file for the native ABI and for each 32-bit ABI
 * the architecture also runs: i386 and x32 on x86-64, AArch32 on arm64,
 * rv32 on riscv64. It builds on every architecture: where raw_syscall.h
 * knows no system call instruction, the calls go through syscall(2).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/version.h>

#include "../kselftest_harness.h"
#include "raw_syscall.h"

#ifndef __NR_adder
#error "no __NR_adder: build against the patched kernel's headers (KHDR_INCLUDES)"
#endif

/* The caller's long is 32 bits wide: i386, x32, AArch32, rv32. */
#define NARROW (sizeof(long) < sizeof(long long))

/* Argument registers of 64 bits, whose upper halves a caller may dirty. */
#define WIDE_REGISTERS RAW_SYSCALL_WIDE_ARGS

/* The kernel's own error band, as include/linux/err.h has it. */
#define MAX_ERRNO 4095

static long long raw_adder(unsigned long long x, unsigned long long y)
{
	return raw_syscall2(__NR_adder, x, y);
}

/*
 * Both answers, as the ABI gives them: a 64-bit and a 32-bit caller's.
 * The sum, -EOVERFLOW where a 32-bit long cannot hold it, and -ERANGE
 * where it lies in the error band, whose edges and restart codes
 * (-512 ERESTARTSYS, -513 ERESTARTNOINTR, -514 ERESTARTNOHAND,
 * -516 ERESTART_RESTARTBLOCK) are here.
 */
static const struct {
	int x, y;
	long long sum64;
	long long sum32;
} sums[] = {
	{ 0, 0, 0, 0 },
	{ 2, 3, 5, 5 },
	{ -1, 1, 0, 0 },
	{ INT_MAX - 1, 1, 2147483647LL, INT_MAX },
	{ INT_MAX, 1, 2147483648LL, -EOVERFLOW },
	{ INT_MAX, INT_MAX, 4294967294LL, -EOVERFLOW },
	{ INT_MIN + 1, -1, -2147483648LL, INT_MIN },
	{ INT_MIN, -1, -2147483649LL, -EOVERFLOW },
	{ INT_MIN, INT_MIN, -4294967296LL, -EOVERFLOW },
	{ -4097, 0, -4097, -4097 },
	{ -4096, 0, -4096, -4096 },
	{ -2048, -2048, -4096, -4096 },
	{ -4095, 0, -ERANGE, -ERANGE },
	{ -2048, -2047, -ERANGE, -ERANGE },
	{ -1, 0, -ERANGE, -ERANGE },
	{ -1, -1, -ERANGE, -ERANGE },
	{ INT_MAX, INT_MIN, -ERANGE, -ERANGE },
	{ -512, 0, -ERANGE, -ERANGE },
	{ -513, 0, -ERANGE, -ERANGE },
	{ -514, 0, -ERANGE, -ERANGE },
	{ -516, 0, -ERANGE, -ERANGE },
	{ -75, 0, -ERANGE, -ERANGE },
};

static long long answer(unsigned int i)
{
	return NARROW ? sums[i].sum32 : sums[i].sum64;
}

/* How wide the kernel's pointers are, from /proc/kallsyms: 32 or 64. */
static unsigned int kernel_bits;

/*
 * Does the running kernel have adder() at __NR_adder?  Issuing the number
 * to find out is not an option: on a kernel built from another tree it may
 * be a different system call (463 is setxattrat() from 6.13 on). Two facts
 * settle it without a call:
 *  - /proc/kallsyms lists the system call's entry point, sys_adder or an
 *    architecture's wrapper of it (__x64_sys_adder, __arm64_sys_adder...),
 *    which exists only where the syscall table has adder(): configured
 *    out, the COND_SYSCALL() stub that returns -ENOSYS keeps the name.
 *    SYSCALL_DEFINE2()'s internal functions (__do_sys_adder,
 *    __se_sys_adder) do not count: they may be inlined away;
 *  - the kernel has the major.minor version of the headers this test was
 *    built against, and the series takes the next free number of its base,
 *    so the same base version means the same number.
 */
static bool kernel_has_adder(char *why, size_t len)
{
	const char *suffix = "_sys_adder";
	char line[512], address[32], name[256];
	unsigned int major, minor;
	struct utsname uts;
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

		if (sscanf(line, "%31s %*s %255s", address, name) != 2)
			continue;
		kernel_bits = 4 * strlen(address);
		n = strlen(name);
		found = !strcmp(name, "sys_adder") ||
			(n > strlen(suffix) && !strncmp(name, "__", 2) &&
			 !strcmp(name + n - strlen(suffix), suffix) &&
			 strcmp(name, "__do_sys_adder") &&
			 strcmp(name, "__se_sys_adder"));
	}
	fclose(f);
	if (!found)
		snprintf(why, len, "kernel %s has no adder() system call",
			 uts.release);
	return found;
}

/* The kernel's own answers, read from the return register. */
TEST(raw_call)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sums); i++)
		EXPECT_EQ(answer(i), raw_adder((unsigned int)sums[i].x,
					       (unsigned int)sums[i].y))
			TH_LOG("adder(%d, %d)", sums[i].x, sums[i].y);
}

#if WIDE_REGISTERS
/*
 * Only the low 32 bits of each argument register are the argument: the
 * SYSCALL_DEFINE2() wrapper must ignore whatever is above them.
 */
TEST(upper_halves_ignored)
{
	static const unsigned long long junk[] = {
		0xffffffff00000000ULL, 0xdeadbeef00000000ULL,
		0x0000000100000000ULL, 0x8000000000000000ULL,
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(sums); i++) {
		for (j = 0; j < ARRAY_SIZE(junk); j++) {
			int x = sums[i].x, y = sums[i].y;

			EXPECT_EQ(answer(i), raw_adder(junk[j] | (unsigned int)x,
						       junk[j] | (unsigned int)y))
				TH_LOG("adder(%d, %d) with %#llx above", x, y, junk[j]);
		}
	}
}
#endif

/*
 * Through syscall(2): the sum, or -1 with errno set to the error. glibc's
 * syscall() takes [-4095, -1] for -errno, and on 32-bit Arm -4096 as well
 * (its assembly compares with -4096): a sum of -4096 comes back there as
 * -1 with errno 4096, which is no errno. musl's range is [-4095, -1], but
 * musl does not say that it is musl.
 */
TEST(libc_syscall)
{
#ifdef __GLIBC__
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sums); i++) {
		long long want = answer(i);
		long got;

		errno = 0;
		got = syscall(__NR_adder, sums[i].x, sums[i].y);
		if (want < 0 && want >= -MAX_ERRNO) {
			EXPECT_EQ(-1, got);
			EXPECT_EQ(-want, errno)
				TH_LOG("adder(%d, %d)", sums[i].x, sums[i].y);
#ifdef __arm__
		} else if (want == -4096) {
			EXPECT_EQ(-1, got);
			EXPECT_EQ(4096, errno);
#endif
		} else {
			EXPECT_EQ(want, got)
				TH_LOG("adder(%d, %d)", sums[i].x, sums[i].y);
			EXPECT_EQ(0, errno);
		}
	}
#else
	SKIP(return, "not glibc: this C library's syscall() errno range is not known here");
#endif
}

#if defined(__x86_64__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_X86_64	/* x32 too: __X32_SYSCALL_BIT in nr */
#elif defined(__i386__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__riscv) && __riscv_xlen == 64
#define ADDER_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__riscv)
#define ADDER_AUDIT_ARCH AUDIT_ARCH_RISCV32
#endif
/* Elsewhere the test does not know what a filter's arch must be: it skips. */

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LO(n) offsetof(struct seccomp_data, args[n])
#define ARG_HI(n) (offsetof(struct seccomp_data, args[n]) + 4)
#else
#define ARG_LO(n) (offsetof(struct seccomp_data, args[n]) + 4)
#define ARG_HI(n) offsetof(struct seccomp_data, args[n])
#endif

/*
 * A seccomp filter sees adder()'s arch and number, and its arguments as
 * the registers held them, upper halves and all: the wrapper's truncation
 * comes later. The filter answers -EPERM only if all of them are as
 * passed, -EINVAL if an argument is not; a call it does not recognise as
 * adder() goes through and returns the sum.
 */
TEST(seccomp_sees_registers)
{
#ifdef ADDER_AUDIT_ARCH
	const unsigned long long x = (WIDE_REGISTERS ? 0xdeadbeef00000000ULL : 0) | 2;
	const unsigned long long y = (WIDE_REGISTERS ? 0x0000000100000000ULL : 0) | 3;
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ADDER_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_adder, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* Each word as passed, or on to the last instruction. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)x, 0, 7),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_HI(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)(x >> 32), 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)y, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_HI(1)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)(y >> 32), 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL),
	};
	struct sock_fprog prog = {
		.len = ARRAY_SIZE(insns),
		.filter = insns,
	};
	long long ret;

	/* Each test runs in a process of its own: the filter stays there. */
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog));
	ret = raw_adder(x, y);
	EXPECT_EQ(-EPERM, ret)
		TH_LOG("%s", ret == -EINVAL ? "the filter saw other arguments" :
			     ret == 5 ? "the filter did not see adder()'s arch and number" :
			     "unexpected answer");
#else
	SKIP(return, "no AUDIT_ARCH known here for this architecture's filters");
#endif
}

/*
 * When a signal is pending at the end of a system call, the kernel's exit
 * path rewrites a return of -512, -513, -514 or -516 into -EINTR or a
 * restart of the call. adder() never returns those, nor anything else in
 * the error band, so no answer may depend on signals: while a second
 * process keeps sending this one SIGUSR1, each answer must be the one the
 * same call gave with the signal blocked. The handler comes with and
 * without SA_RESTART, which the restart codes treat differently.
 */
#define SIGNAL_TEST_SECONDS 2
/* Fewer signals handled than this, and the test proved nothing. */
#define SIGNAL_TEST_MIN_SIGNALS 20

/* Written by the handler, read by the test: lock-free atomics, both. */
static int signals_handled;

static void count_signal(int sig)
{
	__atomic_fetch_add(&signals_handled, 1, __ATOMIC_RELAXED);
}

static int signals_seen(void)
{
	return __atomic_load_n(&signals_handled, __ATOMIC_RELAXED);
}

FIXTURE(signals) {
	pid_t sender;
};

FIXTURE_VARIANT(signals) {
	int sa_flags;
};

FIXTURE_VARIANT_ADD(signals, sa_restart) {
	.sa_flags = SA_RESTART,
};

FIXTURE_VARIANT_ADD(signals, no_sa_restart) {
	.sa_flags = 0,
};

FIXTURE_SETUP(signals)
{
	struct sigaction sa = {
		.sa_handler = count_signal,
		.sa_flags = variant->sa_flags,
	};
	pid_t caller = getpid();

	self->sender = -1;
	ASSERT_EQ(0, sigemptyset(&sa.sa_mask));
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	self->sender = fork();
	ASSERT_LE(0, self->sender);
	if (self->sender == 0) {
		/* Until the test kills it, or the caller is gone. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		while (!kill(caller, SIGUSR1))
			;
		_exit(0);
	}
}

FIXTURE_TEARDOWN(signals)
{
	if (self->sender > 0) {
		kill(self->sender, SIGKILL);
		waitpid(self->sender, NULL, 0);
	}
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

TEST_F(signals, answers_unchanged)
{
	static const int edges[] = {
		-4097, -4096, -4095, -517, -516, -515, -514, -513, -512,
		-511, -4, -1, 0,
	};
	long long quiet[ARRAY_SIZE(edges)];
	unsigned long calls = 0, wrong = 0;
	struct timespec start;
	sigset_t usr1;
	unsigned int i;

	/* The answers without signals: blocked, SIGUSR1 stays undelivered. */
	ASSERT_EQ(0, sigemptyset(&usr1));
	ASSERT_EQ(0, sigaddset(&usr1, SIGUSR1));
	ASSERT_EQ(0, sigprocmask(SIG_BLOCK, &usr1, NULL));
	for (i = 0; i < ARRAY_SIZE(edges); i++)
		quiet[i] = raw_adder((unsigned int)edges[i], 0);
	__atomic_store_n(&signals_handled, 0, __ATOMIC_RELAXED);
	ASSERT_EQ(0, sigprocmask(SIG_UNBLOCK, &usr1, NULL));

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		for (i = 0; i < ARRAY_SIZE(edges); i++) {
			long long got = raw_adder((unsigned int)edges[i], 0);

			if (got == quiet[i])
				continue;
			if (wrong++ < 5)
				TH_LOG("adder(%d, 0) = %lld under signals, %lld without",
				       edges[i], got, quiet[i]);
		}
		calls += ARRAY_SIZE(edges);
	} while (seconds_since(&start) < SIGNAL_TEST_SECONDS);

	ASSERT_EQ(0, sigprocmask(SIG_BLOCK, &usr1, NULL));
	TH_LOG("%lu calls, %d signals handled, %lu answers changed",
	       calls, signals_seen(), wrong);
	EXPECT_EQ(0UL, wrong)
		TH_LOG("%lu of %lu answers changed, %d signals handled",
		       wrong, calls, signals_seen());
	EXPECT_LE(SIGNAL_TEST_MIN_SIGNALS, signals_seen())
		TH_LOG("only %d signals in %lu calls: too few to tell",
		       signals_seen(), calls);
}

#define TRACEFS "/sys/kernel/tracing"
#define INSTANCE TRACEFS "/instances/adder_test"
#define EVENTS INSTANCE "/events/syscalls"

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
 * The syscall trace events, in a tracing instance of the test's own: the
 * machine's own buffer and events are left alone, and the instance goes
 * away with whatever it had enabled when the test ends. One that a killed
 * run left behind is removed first. tracefs, if the test had to mount it,
 * is unmounted again.
 */
FIXTURE(trace) {
	bool mounted;
	bool made;
};

FIXTURE_SETUP(trace)
{
	if (geteuid())
		SKIP(return, "tracing needs root");
	if (access(TRACEFS "/instances", F_OK)) {
		if (mount("tracefs", TRACEFS, "tracefs", 0, NULL))
			SKIP(return, "no tracefs at " TRACEFS " (CONFIG_FTRACE)");
		self->mounted = true;
	}
	if (access(TRACEFS "/events/syscalls/sys_enter_adder", F_OK)) {
		/* The teardown does not run after a setup that skipped. */
		if (self->mounted)
			umount(TRACEFS);
		SKIP(return, "no adder() trace events (CONFIG_FTRACE_SYSCALLS)");
	}
	rmdir(INSTANCE);
	ASSERT_EQ(0, mkdir(INSTANCE, 0700))
		TH_LOG("cannot make %s: %s", INSTANCE, strerror(errno));
	self->made = true;
	/* An instance starts with the global options: no type names. */
	ASSERT_EQ(0, write_file(INSTANCE "/options/verbose", "0"));
}

FIXTURE_TEARDOWN(trace)
{
	if (self->made)
		EXPECT_EQ(0, rmdir(INSTANCE))
			TH_LOG("cannot remove %s: %s", INSTANCE, strerror(errno));
	if (self->mounted)
		EXPECT_EQ(0, umount(TRACEFS))
			TH_LOG("cannot unmount %s: %s", TRACEFS, strerror(errno));
}

/* The events carry the types SYSCALL_DEFINE2() declares: int and int. */
TEST_F(trace, event_format)
{
	char *text;

	text = read_file(EVENTS "/sys_enter_adder/format");
	ASSERT_TRUE(!!text);
	EXPECT_TRUE(!!strstr(text, "\tfield:int x;\t")) TH_LOG("%s", text);
	EXPECT_TRUE(!!strstr(text, "\tfield:int y;\t")) TH_LOG("%s", text);
	text = read_file(EVENTS "/sys_exit_adder/format");
	ASSERT_TRUE(!!text);
	EXPECT_TRUE(!!strstr(text, "\tfield:long ret;\t")) TH_LOG("%s", text);
}

/*
 * A call leaves its arguments and its result in the trace. They are read
 * by field, not by the text the events print (which has changed across
 * versions: 7.x prints "0x" before a value over 9): each event gets a
 * filter on its fields, and only a record whose fields hold this call's
 * arguments and result passes it. A 64-bit kernel does not trace the
 * system calls of compat tasks (ARCH_TRACE_IGNORE_COMPAT_SYSCALLS): a
 * 32-bit program there has nothing to read.
 */
TEST_F(trace, records)
{
	int records = 0;
	char *text, *line;

	if (NARROW && kernel_bits == 64)
		SKIP(return, "a 64-bit kernel does not trace compat system calls");
	/* A filter naming a field the event lacks is refused here. */
	ASSERT_EQ(0, write_file(EVENTS "/sys_enter_adder/filter",
				"x == 4242 && y == 1000"));
	ASSERT_EQ(0, write_file(EVENTS "/sys_exit_adder/filter", "ret == 5242"));
	ASSERT_EQ(0, write_file(EVENTS "/sys_enter_adder/enable", "1"));
	ASSERT_EQ(0, write_file(EVENTS "/sys_exit_adder/enable", "1"));
	/* Only the middle call matches both filters. */
	EXPECT_EQ(4242 + 1001, raw_adder(4242, 1001));
	EXPECT_EQ(4242 + 1000, raw_adder(4242, 1000));
	EXPECT_EQ(4241 + 1000, raw_adder(4241, 1000));
	ASSERT_EQ(0, write_file(EVENTS "/sys_enter_adder/enable", "0"));
	ASSERT_EQ(0, write_file(EVENTS "/sys_exit_adder/enable", "0"));
	text = read_file(INSTANCE "/trace");
	ASSERT_TRUE(!!text);
	/* Every line but the header's comments is a record. */
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		records += line[0] != '#';
	EXPECT_EQ(2, records)
		TH_LOG("expected the enter and the exit record of adder(4242, 1000)");
}

/* A number far past the end of every architecture's table. */
#define UNALLOCATED_NR 0x7fff

int main(int argc, char **argv)
{
	long long ret;
	char why[256];

	/* Without adder() every test is a skip, and the program exits 4. */
	if (!kernel_has_adder(why, sizeof(why)))
		ksft_exit_skip("%s\n", why);
	/*
	 * The number is adder()'s here. Configured out, it answers as a
	 * number the kernel does not have: -ENOSYS.
	 */
	ret = raw_adder(2, 3);
	if (ret == raw_syscall2(UNALLOCATED_NR, 2, 3))
		ksft_exit_skip("-ENOSYS: adder() is configured out or not in this ABI's table\n");
	return test_harness_run(argc, argv);
}
