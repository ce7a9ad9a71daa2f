/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef __ASM_S390_SYSCALLS_NR
#define __ASM_S390_SYSCALLS_NR

#define NR_syscalls 464

#endif /* __ASM_S390_SYSCALLS_NR */
