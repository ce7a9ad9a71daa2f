# SPDX-License-Identifier: GPL-2.0
"""Fail on any report the kernel itself printed to a console log.

    adder.py console LOG...

A test can pass while the kernel under it warns, oopses or trips a
sanitizer: the test's own verdict never sees that. Every VM console and
every kunit.py log goes through here. The VMs boot with loglevel=5, so
that WARN() (KERN_WARNING) reaches the console.
"""
import re

# What the kernel prints when something went wrong inside it.
REPORTS = re.compile(r"WARNING:|BUG:|Oops|KASAN|UBSAN|Kernel panic|cut here")
# Lines shown before and after each report.
CONTEXT = 3


def report(lines: list[str]) -> list[str]:
    """The lines that carry a kernel report, ">"-marked, with CONTEXT
    lines either side ("|"); nothing when the log has none."""
    hits = {i for i, line in enumerate(lines) if REPORTS.search(line)}
    shown = sorted({j for i in hits
                    for j in range(max(0, i - CONTEXT), min(len(lines), i + CONTEXT + 1))})
    return [f"{'>' if j in hits else '|'} {lines[j]}" for j in shown]
