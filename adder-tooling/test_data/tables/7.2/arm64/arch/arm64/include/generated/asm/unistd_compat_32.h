#ifndef _UAPI_ASM_UNISTD_COMPAT_32_H
#define _UAPI_ASM_UNISTD_COMPAT_32_H

#define __NR_compat32_pidfd_send_signal 424
#define __NR_compat32_io_uring_setup 425
#define __NR_compat32_io_uring_enter 426
#define __NR_compat32_io_uring_register 427
#define __NR_compat32_open_tree 428
#define __NR_compat32_move_mount 429
#define __NR_compat32_fsopen 430
#define __NR_compat32_fsconfig 431
#define __NR_compat32_fsmount 432
#define __NR_compat32_fspick 433
#define __NR_compat32_pidfd_open 434
#define __NR_compat32_clone3 435
#define __NR_compat32_close_range 436
#define __NR_compat32_openat2 437
#define __NR_compat32_pidfd_getfd 438
#define __NR_compat32_faccessat2 439
#define __NR_compat32_process_madvise 440
#define __NR_compat32_epoll_pwait2 441
#define __NR_compat32_mount_setattr 442
#define __NR_compat32_quotactl_fd 443
#define __NR_compat32_landlock_create_ruleset 444
#define __NR_compat32_landlock_add_rule 445
#define __NR_compat32_landlock_restrict_self 446
#define __NR_compat32_process_mrelease 448
#define __NR_compat32_futex_waitv 449
#define __NR_compat32_set_mempolicy_home_node 450
#define __NR_compat32_cachestat 451
#define __NR_compat32_fchmodat2 452
#define __NR_compat32_map_shadow_stack 453
#define __NR_compat32_futex_wake 454
#define __NR_compat32_futex_wait 455
#define __NR_compat32_futex_requeue 456
#define __NR_compat32_statmount 457
#define __NR_compat32_listmount 458
#define __NR_compat32_lsm_get_self_attr 459
#define __NR_compat32_lsm_set_self_attr 460
#define __NR_compat32_lsm_list_modules 461
#define __NR_compat32_mseal 462
#define __NR_compat32_setxattrat 463
#define __NR_compat32_getxattrat 464
#define __NR_compat32_listxattrat 465
#define __NR_compat32_removexattrat 466
#define __NR_compat32_open_tree_attr 467
#define __NR_compat32_file_getattr 468
#define __NR_compat32_file_setattr 469
#define __NR_compat32_listns 470
#define __NR_compat32_rseq_slice_yield 471
#define __NR_compat32_adder 472

#ifdef __KERNEL__
#define __NR_compat32_syscalls 473
#endif

#endif /* _UAPI_ASM_UNISTD_COMPAT_32_H */
