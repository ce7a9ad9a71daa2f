# SPDX-License-Identifier: GPL-2.0
"""Judge the KTAP that run_kselftest.sh printed, whatever its exit status.

    adder.py ktap CONSOLE_LOG KTAP_OUT EXPECTED pass|enosys|skip

Extracts the KTAP from a console log into KTAP_OUT and compares it with
EXPECTED (arch/<arch>/kselftests): each program of the adder collection,
and the kselftest_harness tests it must run there, "NAME=skip" for one
that must skip. 6.12's runner exits 0 even when a test fails; this is
the exit status.

  pass    every program "ok", not skipped; inside it, exactly the
          expected tests, each "ok" (or "ok # SKIP" where expected), as
          many as its plan promised
  enosys  a CONFIG_ADDER_SYSCALL=n kernel from the same tree: every
          program skipped because the call itself returned -ENOSYS
  skip    a kernel without adder(): every program skipped

In every mode the collection's plan must match its results, each program
reports once, and a program not in EXPECTED fails the run.
"""
import re
from dataclasses import dataclass, field
from typing import Optional

COLLECTION = "adder"
TOP_PLAN = re.compile(r"^1\.\.(\d+)$")
TOP_RESULT = re.compile(rf"^(not ok|ok) \d+ selftests: {COLLECTION}: (\S+)(.*)$")
TOP_START = re.compile(rf"^# selftests: {COLLECTION}: (\S+)$")
PLAN = re.compile(r"^# 1\.\.(\d+)(?: # SKIP ?(.*))?$")
RESULT = re.compile(r"^# (not ok|ok) \d+ (\S+)(.*)$")
PLAN_MISMATCH = re.compile(r"Planned tests != run tests")
# The version lines KTAP allows; run_kselftest.sh prints "TAP version 13".
VERSION = re.compile(r"^(?:KTAP version 1|TAP version 1[34])\s*$")
# Terminal control sequences (ECMA-48): CSI "ESC [ ... final", OSC
# "ESC ] ... BEL or ESC \\", and two-character ones such as "ESC c". A
# firmware's console writes them (SeaBIOS resets and clears the screen
# when the kernel's setup code sets the video mode), and the next text
# on the serial line, whatever it is, shares their line.
ESCAPES = re.compile(r"^(?:\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|[ -/]*[0-~]))+")
# What an adder selftest says when the call returned -ENOSYS.
ENOSYS_REASON = "ENOSYS"


@dataclass
class Program:
    """One program's part of the KTAP."""
    name: str
    status: str = ""
    directive: str = ""
    plan: Optional[int] = None
    skip_reason: Optional[str] = None
    tests: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> bool:
        return "# SKIP" in self.directive


@dataclass
class Ktap:
    plan: Optional[int] = None
    programs: dict[str, Program] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def without_escapes(line: str) -> str:
    """The line as a terminal shows it from its start: control sequences
    there left out."""
    return ESCAPES.sub("", line)


def extract(lines: list[str]) -> list[str]:
    """The KTAP in a console log, from its version line on, without the
    kernel's own lines, and without the terminal control sequences a line
    starts with."""
    shown = [without_escapes(line) for line in lines]
    start = next((i for i, line in enumerate(shown) if VERSION.match(line)), None)
    if start is None:
        return []
    return [line for line in shown[start:] if not line.startswith("[")]


def parse(ktap: list[str]) -> Ktap:
    result = Ktap()
    current: Optional[Program] = None
    for line in ktap:
        m = TOP_PLAN.match(line)
        if m and result.plan is None:
            result.plan = int(m[1])
            continue
        m = TOP_START.match(line)
        if m:
            current = Program(m[1])
            continue
        m = TOP_RESULT.match(line)
        if m:
            program = current if current and current.name == m[2] \
                else Program(m[2])
            program.status, program.directive = m[1], m[3].strip()
            if program.name in result.programs:
                result.problems.append(f"{program.name}: reported twice")
            result.programs[program.name] = program
            current = None
            continue
        if current is None:
            continue
        m = PLAN.match(line)
        if m and current.plan is None:
            current.plan = int(m[1])
            current.skip_reason = m[2]
            continue
        m = RESULT.match(line)
        if m:
            if m[2] in current.tests:
                current.problems.append(f"{m[2]} reported twice")
            current.tests[m[2]] = m[1] + (" # SKIP" if "# SKIP" in m[3] else "")
            continue
        if PLAN_MISMATCH.search(line):
            current.problems.append(line.lstrip("# "))
    return result


Expected = dict[str, dict[str, str]]


def read_expected(path: str) -> Expected:
    """program -> {test: the result it must have, "ok" or "ok # SKIP"}."""
    expected: Expected = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            program, _, tests = line.partition(":")
            expected[program.strip()] = {
                name: "ok # SKIP" if want == "skip" else "ok"
                for name, _, want in (t.partition("=") for t in tests.split())}
    return expected


def judge_pass(program: Program, tests: dict[str, str]) -> list[str]:
    problems = list(program.problems)
    if program.status != "ok" or program.skipped:
        problems.append(f"{program.status} {program.directive}".strip())
    if program.plan != len(tests):
        problems.append(f"its plan is {program.plan}, {len(tests)} tests expected")
    for test, want in tests.items():
        got = program.tests.get(test)
        if got != want:
            problems.append(f"{test}: {got or 'did not run'}, expected {want}")
    for test in program.tests:
        if test not in tests:
            problems.append(f"{test}: not an expected test")
    return problems


def judge_skip(program: Program, reason: Optional[str]) -> list[str]:
    problems = list(program.problems)
    if program.status != "ok" or not program.skipped:
        problems.append(f"{program.status} {program.directive}, expected a SKIP".strip())
    elif program.tests:
        problems.append(f"skipped after running {len(program.tests)} tests")
    elif reason and reason not in (program.skip_reason or ""):
        problems.append(f"skipped without seeing {reason}: "
                        f"{program.skip_reason or 'no reason given'}")
    return problems


def verdict(ktap: Ktap, expected: Expected, mode: str) -> list[str]:
    """Every problem found, as lines; none means the run is as expected."""
    problems = list(ktap.problems)
    if ktap.plan is None:
        problems.append("no plan line: the collection did not start")
    elif ktap.plan != len(ktap.programs):
        problems.append(f"the plan promised {ktap.plan} results, the KTAP has "
                        f"{len(ktap.programs)} (a test hung, or the VM stopped?)")
    for name, tests in expected.items():
        program = ktap.programs.get(name)
        if program is None:
            problems.append(f"{name}: no result (did not run?)")
            continue
        if mode == "pass":
            found = judge_pass(program, tests)
        else:
            found = judge_skip(program, ENOSYS_REASON if mode == "enosys" else None)
        problems += [f"{name}: {p}" for p in found]
    problems += [f"{name}: not an expected program" for name in ktap.programs
                 if name not in expected]
    return problems


def summary(program: Program) -> str:
    passed = sum(status.startswith("ok") for status in program.tests.values())
    reason = f": {program.skip_reason}" if program.skipped and program.skip_reason else ""
    return (f"{program.status}{' # SKIP' if program.skipped else ''}{reason} "
            f"({passed} of plan {program.plan} ok)")
