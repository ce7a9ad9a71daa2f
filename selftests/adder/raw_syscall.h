/* SPDX-License-Identifier: GPL-2.0 */
/*
 * raw_syscall2() - a two-argument system call, as the kernel answered it
 *
 * Where this file knows the architecture's system call instruction, it
 * issues it: whole registers go in, so garbage in the upper halves of
 * 64-bit registers reaches the kernel, and the return register comes back
 * as it is, with nothing reinterpreted on the way.
 *
 * Elsewhere it falls back to libc's syscall(2) and turns its -1 and errno
 * back into the -errno the kernel returned. That loses nothing for
 * adder(), which never returns a success in [-4095, -1], and it holds on
 * architectures that report errors out of band (powerpc, mips, sparc,
 * alpha), where only libc reads the error flag.
 *
 * RAW_SYSCALL_WIDE_ARGS is 1 where the arguments travel in 64-bit
 * registers whole, upper halves included.
 */
#ifndef ADDER_RAW_SYSCALL_H
#define ADDER_RAW_SYSCALL_H

#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>

#if defined(__x86_64__) || defined(__aarch64__) || \
	(defined(__riscv) && __riscv_xlen == 64)
#define RAW_SYSCALL_INSTRUCTION 1
#define RAW_SYSCALL_WIDE_ARGS 1
#elif defined(__i386__) || defined(__arm__) || defined(__riscv)
#define RAW_SYSCALL_INSTRUCTION 1
#define RAW_SYSCALL_WIDE_ARGS 0
#else
#define RAW_SYSCALL_INSTRUCTION 0
/* syscall(2) passes longs: whole registers where a long is 64 bits. */
#define RAW_SYSCALL_WIDE_ARGS (__SIZEOF_LONG__ == 8)
#endif

static inline long long raw_syscall2(unsigned long nr, unsigned long long x,
				     unsigned long long y)
{
#if defined(__x86_64__)		/* x86-64 and x32: 64-bit registers */
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
		      : "a" (nr), "b" ((unsigned int)x), "c" ((unsigned int)y)
		      : "memory");
	return ret;
#elif defined(__aarch64__)
	register unsigned long long x0 asm("x0") = x;
	register unsigned long long x1 asm("x1") = y;
	register unsigned long long x8 asm("x8") = nr;

	asm volatile ("svc #0" : "+r" (x0) : "r" (x1), "r" (x8) : "memory");
	return (long long)x0;
#elif defined(__arm__)
	register unsigned long r0 asm("r0") = (unsigned long)x;
	register unsigned long r1 asm("r1") = (unsigned long)y;
	register unsigned long r7 asm("r7") = nr;

	asm volatile ("svc #0" : "+r" (r0) : "r" (r1), "r" (r7) : "memory");
	return (long)r0;
#elif defined(__riscv)		/* 64-bit registers on rv64, 32 on rv32 */
	register unsigned long a0 asm("a0") = (unsigned long)x;
	register unsigned long a1 asm("a1") = (unsigned long)y;
	register unsigned long a7 asm("a7") = nr;

	asm volatile ("ecall" : "+r" (a0) : "r" (a1), "r" (a7) : "memory");
	return (long)a0;
#else
	long ret;
	int saved = errno;

	errno = 0;
	ret = syscall(nr, (long)x, (long)y);
	if (ret == -1 && errno)
		ret = -errno;
	errno = saved;
	return ret;
#endif
}

#endif /* ADDER_RAW_SYSCALL_H */
