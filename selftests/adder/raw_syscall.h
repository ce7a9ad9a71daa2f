/* SPDX-License-Identifier: GPL-2.0 */
/*
 * raw_syscall2() - a two-argument system call by the instruction itself
 *
 * libc's syscall(2) reads some results as errors and takes its arguments
 * as longs; this passes whole registers and returns what the kernel left
 * in the return register, so that garbage in the upper halves of 64-bit
 * registers reaches the kernel and nothing is reinterpreted on the way
 * back.
 */
#ifndef ADDER_RAW_SYSCALL_H
#define ADDER_RAW_SYSCALL_H

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
#error "raw_syscall2() needs this architecture's system call instruction"
#endif
}

#endif /* ADDER_RAW_SYSCALL_H */
