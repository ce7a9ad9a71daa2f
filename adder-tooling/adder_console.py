# SPDX-License-Identifier: GPL-2.0
"""Fail on any report the kernel itself printed to a console log.

    adder.py console LOG...

A test can pass while the kernel under it warns, oopses, stalls or trips
a sanitizer: the test's own verdict never sees that. Every VM console and
every kunit.py log goes through here. The VMs boot with loglevel=5, so
that WARN() (KERN_WARNING) reaches the console, and printk.time=1.

Which lines are the kernel's: in a log where any line carries printk's
time stamp ("[    1.234567]", after a "<4>" level or a terminal control
sequence, or in the middle of a line when a program's output and the
kernel's share it), the kernel's lines are those, read from the stamp
on; the programs' output (the selftests', the runner's, the firmware's)
has none and is not read. kunit.py's test.log has no stamps on UML: every
line there is read. In both, a KTAP line (a "# " diagnostic, a result,
a plan, a version line) is a test's, or KUnit's on a test's behalf, and
is not read: no report of the kernel starts so. A test that prints
"# BUG: ..." passes; a KUnit case that trips UBSAN still fails here by
UBSAN's own report, which follows its "# " line.
"""
import re

# The kernel's reports, as 7.2 words them (and 6.12, where it differs),
# found anywhere in a kernel line: a subsystem's prefix ("watchdog: ",
# "rcu: ", "kfence: ") may come first.
REPORTS = re.compile("|".join((
    r"WARNING:", r"BUG:", r"\bOops\b", r"Kernel panic", r"cut here",
    r"---\[ end trace", r"Modules linked in:", r"Call [Tt]race:",
    # kernel/panic.c, lib/bug.c, the architectures' traps.c and fault.c
    r"[Kk]ernel BUG", r"Internal error:", r"Unable to handle kernel",
    r"general protection fault", r"NMI received for unknown reason",
    # the sanitizers: mm/kasan, lib/ubsan.c, mm/kfence, kernel/kcsan, mm/kmsan
    r"\bKASAN\b", r"\bUBSAN\b", r"\bKFENCE\b", r"\bKCSAN\b", r"\bKMSAN\b",
    # mm/slub.c: "BUG kmalloc-64 (Not tainted): Right Redzone overwritten"
    r"\bBUG \S+ \(.*\): ",
    # lib/refcount.c, lib/list_debug.c
    r"refcount_t: ", r"\blist_\w+ corruption",
    # kernel/rcu: "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",
    # "... self-detected stall on CPU", "... detected expedited stalls"
    r"INFO: \S+ (?:self-)?detected (?:expedited )?stalls?",
    # kernel/hung_task.c: "INFO: task adder_test:61 blocked for more than
    # 120 seconds.", "... is blocked on a mutex ..."
    r"INFO: task .*blocked",
    # kernel/watchdog.c: "CPU1: Watchdog detected hard LOCKUP on cpu 0";
    # a soft lockup is a "BUG:"
    r"hard LOCKUP",
    # lockdep's reports without a WARNING: line
    r"INFO: trying to register non-static key",
    # mm/kmemleak.c
    r"suspected memory leak",
    # the banner KASAN, KFENCE, KCSAN and SLUB open their reports with
    r"^={20,}\s*$",
)))
# printk's time stamp, and the caller id CONFIG_PRINTK_CALLER adds.
STAMP = re.compile(r"\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])?\s?")
# A line of KTAP, a test's (or KUnit's), at any indentation.
KTAP = re.compile(r"^\s*(?:#(?:\s|$)|(?:not )?ok \d|K?TAP version|1\.\.\d)")
# Lines shown before and after each report.
CONTEXT = 3


def kernel_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, text) of the lines the kernel printed, each from its time
    stamp on where the log has them, KTAP left out."""
    stamped = [STAMP.search(line) for line in lines]
    if any(stamped):
        texts = [(i, line[m.end():]) for i, (line, m) in enumerate(zip(lines, stamped))
                 if m]
    else:
        texts = list(enumerate(lines))
    return [(i, text) for i, text in texts if not KTAP.match(text)]


def report(lines: list[str]) -> list[str]:
    """The lines that carry a kernel report, ">"-marked, with CONTEXT
    lines either side ("|"); nothing when the log has none."""
    hits = {i for i, text in kernel_lines(lines) if REPORTS.search(text)}
    shown = sorted({j for i in hits
                    for j in range(max(0, i - CONTEXT), min(len(lines), i + CONTEXT + 1))})
    return [f"{'>' if j in hits else '|'} {lines[j]}" for j in shown]
