#ifndef _ASM_UNISTD_32_H
#define _ASM_UNISTD_32_H

#define __NR_pidfd_send_signal 534
#define __NR_io_uring_setup 535
#define __NR_io_uring_enter 536
#define __NR_io_uring_register 537
#define __NR_open_tree 538
#define __NR_move_mount 539
#define __NR_fsopen 540
#define __NR_fsconfig 541
#define __NR_fsmount 542
#define __NR_fspick 543
#define __NR_pidfd_open 544
#define __NR_clone3 545
#define __NR_close_range 546
#define __NR_openat2 547
#define __NR_pidfd_getfd 548
#define __NR_faccessat2 549
#define __NR_process_madvise 550
#define __NR_epoll_pwait2 551
#define __NR_mount_setattr 552
#define __NR_quotactl_fd 553
#define __NR_landlock_create_ruleset 554
#define __NR_landlock_add_rule 555
#define __NR_landlock_restrict_self 556
#define __NR_process_mrelease 558
#define __NR_futex_waitv 559
#define __NR_set_mempolicy_home_node 560
#define __NR_cachestat 561
#define __NR_fchmodat2 562
#define __NR_map_shadow_stack 563
#define __NR_futex_wake 564
#define __NR_futex_wait 565
#define __NR_futex_requeue 566
#define __NR_statmount 567
#define __NR_listmount 568
#define __NR_lsm_get_self_attr 569
#define __NR_lsm_set_self_attr 570
#define __NR_lsm_list_modules 571
#define __NR_mseal 572
#define __NR_adder 573


#endif /* _ASM_UNISTD_32_H */
