# SPDX-License-Identifier: GPL-2.0
"""Judge the KTAP that run_kselftest.sh printed, whatever its exit status.

    adder.py ktap [--vm-status STATUS] [--make-run] CONSOLE_LOG KTAP_OUT EXPECTED
                  pass|enosys|skip

Extracts the KTAP from a console log into KTAP_OUT and compares it with
EXPECTED (arch/<arch>/kselftests): each program of the adder collection,
and the kselftest_harness tests it must run there, "NAME=skip" for one
that must skip. 6.12's runner exits 0 even when a test fails; this is
the verdict on what ran.

  pass    every program a plain "ok"; inside it, exactly the expected
          tests, each a plain "ok" (or "ok # SKIP" where expected), as
          many as its plan promised
  enosys  a CONFIG_ADDER_SYSCALL=n kernel from the same tree: every
          program skipped because the call itself returned -ENOSYS
  skip    a kernel without adder(): every program skipped

kselftest writes a pass as "ok N NAME" and nothing more, and a skip as
"ok N NAME # SKIP reason" (kselftest.h, kselftest/ktap_helpers.sh).
Anything else after a "#" is no pass: XFAIL, XPASS, TODO, diagnostic
data, a skip spelled another way ("# skip", "#SKIP"), which other KTAP
readers would take for a pass or a skip.

In every mode, the collection and each program must keep to what they
said of themselves: one plan line, as many results as it promised, no
"Bail out!", no name twice, no result outside a program, and the
harness's and the runner's own counts ("# Totals: pass:N fail:N ...",
"# PASSED: N / M tests passed.") equal to the results, with no failure
or error among them. A program not in EXPECTED fails the run.

--make-run reads what `make kselftest` printed, not run_kselftest.sh: up
to 6.x a whole KTAP, but from 7.x only the programs' lines, without the
version line and the plan (lib.mk's run_tests calls the runner's
run_many(), and only run_kselftest.sh prints those two). Without a
version line, such a run starts at its first program, and it has no plan
to keep; everything else is judged the same.

The selftests' VM run (adder-tooling/kselftest) gives vm-run's exit
status too: it is judged with the KTAP, and both are printed.
run_kselftest.sh's own status is no verdict on its own account (6.12's
is 0 whatever the tests did; 7.2's is 1 when one failed), but any status
other than 0 fails the run: vm-run's own two verdicts (124, the VM did
not finish; 125, the kernel reported a problem), the runner's failure,
or a run that broke on the way (vm-run's error exit 1, a killed QEMU's
137, an aborted script's).
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

COLLECTION = "adder"
# The version lines KTAP allows; run_kselftest.sh prints "TAP version 13".
VERSION = re.compile(r"^(?:KTAP version 1|TAP version 1[34])\s*$")
# Terminal control sequences (ECMA-48): CSI "ESC [ ... final", OSC
# "ESC ] ... BEL or ESC \\", and two-character ones such as "ESC c". A
# firmware's console writes them (SeaBIOS resets and clears the screen
# when the kernel's setup code sets the video mode), and the next text
# on the serial line, whatever it is, shares their line.
ESCAPE = (r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)"
          r"|[ -/]*[0-~])")
ESCAPES = re.compile(rf"^(?:{ESCAPE})+")
# What follows the last control sequence of a line. SeaBIOS, on i386's
# console, writes "Booting from ROM.." and then resets and clears the
# screen (ESC c, ESC [2J) on the same line: what the kernel prints next,
# "TAP version 13" for one, starts a line there all the same.
AFTER_ESCAPES = re.compile(rf"^.*{ESCAPE}", re.S)
# The lines of one level of KTAP; a program's own KTAP is the runner's
# diagnostic lines, "# " before each of its lines.
PLAN = re.compile(r"^1\.\.(\d+)\s*(?:#(.*))?$")
RESULT = re.compile(r"^(not ok|ok) (\d+)(?: ([^#]*))?(?:#(.*))?$")
# kselftest's skip, the one directive that may stand where a pass is due.
SKIP = re.compile(r"^ SKIP(?: |$)")
# How kselftest.h counts a result, by its directive (its "error" result
# is written "not ok N # error NAME"); "#  text", two spaces, is its
# diagnostic data with no directive.
DIRECTIVE = re.compile(r"^ (\w+)")
KINDS = {"SKIP": "skip", "XFAIL": "xfail", "XPASS": "xpass", "error": "error"}
TOTALS = re.compile(r"^# Totals: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) "
                    r"skip:(\d+) error:(\d+)\s*$")
HARNESS_SUMMARY = re.compile(r"^# (PASSED|FAILED): (\d+) / (\d+) tests passed\.")
PLAN_MISMATCH = re.compile(r"^# Planned tests != run tests")
# Any level's "Bail out!": the program or the runner gave up.
BAIL_OUT = re.compile(r"^(?:#\s*)*Bail out!")
PROGRAM_START = re.compile(rf"^# selftests: {COLLECTION}: (\S+)$")
PROGRAM_NAME = re.compile(rf"^selftests: {COLLECTION}: (\S+)$")
# What an adder selftest says when the call returned -ENOSYS.
ENOSYS_REASON = "ENOSYS"


class Result(NamedTuple):
    """One result line: "ok", "ok # SKIP" or the line's own other words,
    and how kselftest counts it (pass, fail, xfail, xpass, skip, error)."""
    name: str
    outcome: str
    kind: str


def read_result(line: str) -> Optional[Result]:
    m = RESULT.match(line)
    if not m:
        return None
    status, name, directive = m[1], (m[3] or "").strip(), m[4]
    if directive is None:
        outcome = status
    elif SKIP.match(directive):
        outcome = f"{status} # SKIP"
    else:
        outcome = f"{status} #{directive.rstrip()}"
    word = DIRECTIVE.match(directive or "")
    kind = KINDS.get(word[1], "") if word else ""
    return Result(name, outcome, kind or ("pass" if status == "ok" else "fail"))


@dataclass
class Level:
    """One level of the KTAP: the collection's, or one program's."""
    plan: Optional[int] = None
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add_plan(self, count: int, line: str) -> None:
        if self.plan is None:
            self.plan = count
        else:
            self.problems.append(f"a second plan line: {line}")

    def check_totals(self, line: str) -> None:
        """The runner's or the harness's own count of what it reported."""
        m = TOTALS.match(line)
        if not m:
            return
        said = dict(zip(("pass", "fail", "xfail", "xpass", "skip", "error"),
                        map(int, m.groups())))
        found = Counter(r.kind for r in self.results)
        if said["fail"] or said["error"] or any(said[k] != found[k] for k in said):
            counted = " ".join(f"{k}:{found[k]}" for k in said)
            self.problems.append(f"{line.lstrip('# ')} (its results: {counted})")

    def check_summary(self, line: str) -> None:
        """The harness's "PASSED: N / M tests passed." (a skip, an xfail
        and an xpass count as passed there)."""
        m = HARNESS_SUMMARY.match(line)
        if not m:
            return
        passed = sum(r.kind not in ("fail", "error") for r in self.results)
        if m[1] == "FAILED" or (int(m[2]), int(m[3])) != (passed, len(self.results)):
            self.problems.append(f"{line.lstrip('# ')} (its results: {passed} / "
                                 f"{len(self.results)})")


@dataclass
class Program(Level):
    """One program's part of the KTAP, and its result in the collection."""
    name: str = ""
    outcome: str = ""
    skip_reason: Optional[str] = None
    tests: dict[str, str] = field(default_factory=dict)

    @property
    def skipped(self) -> bool:
        return self.outcome == "ok # SKIP"

    def read(self, line: str) -> None:
        """A line of the program's own KTAP (its output, "# " removed)."""
        m = PLAN.match(line)
        if m:
            self.add_plan(int(m[1]), line)
            if m[2] is not None and SKIP.match(m[2]):
                self.skip_reason = m[2][len(" SKIP"):].strip()
            return
        result = read_result(line)
        if result:
            if result.name in self.tests:
                self.problems.append(f"{result.name} reported twice")
            self.tests[result.name] = result.outcome
            self.results.append(result)
            return
        if PLAN_MISMATCH.match(line):
            self.problems.append(line.lstrip("# "))
        self.check_totals(line)
        self.check_summary(line)


@dataclass
class Ktap(Level):
    programs: dict[str, Program] = field(default_factory=dict)
    # A make run of 7.x: no version line, and so no plan (see above).
    headerless: bool = False


def without_escapes(line: str) -> str:
    """The line as a terminal shows it from its start: control sequences
    there left out."""
    return ESCAPES.sub("", line)


def extract(lines: list[str], make_run: bool = False) -> list[str]:
    """The KTAP in a console log, from its version line on (for a make
    run without one, from its first program on), without the kernel's
    own lines, the terminal control sequences a line starts with, and a
    CRLF's CR."""
    shown = [without_escapes(line.rstrip("\r")) for line in lines]
    for i, line in enumerate(shown):
        after = AFTER_ESCAPES.sub("", line)
        if after != line and VERSION.match(after):
            shown[i] = after
    start = next((i for i, line in enumerate(shown) if VERSION.match(line)), None)
    if start is None and make_run:
        start = next((i for i, line in enumerate(shown)
                      if PROGRAM_START.match(line)), None)
    if start is None:
        return []
    return [line for line in shown[start:] if not line.startswith("[")]


def parse(ktap: list[str]) -> Ktap:
    result = Ktap(headerless=not (ktap and VERSION.match(ktap[0])))
    current: Optional[Program] = None
    for line in ktap[0 if result.headerless else 1:]:
        if BAIL_OUT.match(line):
            where = f"{current.name}: " if current else ""
            result.problems.append(f"{where}{line.lstrip('# ')}")
            continue
        m = PROGRAM_START.match(line)
        if m:
            current = Program(name=m[1])
            continue
        if current and line.startswith("# "):
            current.read(line[2:])
            continue
        m = PLAN.match(line)
        if m:
            result.add_plan(int(m[1]), line)
            continue
        top = read_result(line)
        if top:
            named = PROGRAM_NAME.match(top.name)
            name = named[1] if named else top.name
            program = current if current and current.name == name else Program(name=name)
            program.outcome = top.outcome
            if name in result.programs:
                result.problems.append(f"{name}: reported twice")
            result.programs[name] = program
            result.results.append(top)
            current = None
            continue
        if line.startswith("# ") and read_result(line[2:]):
            result.problems.append(f"a result outside any program: {line}")
        result.check_totals(line)
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
    if program.outcome != "ok":
        problems.append(program.outcome)
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
    if not program.skipped:
        problems.append(f"{program.outcome}, expected a SKIP")
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
        if not ktap.headerless:
            problems.append("no plan line: the collection did not start")
    elif ktap.plan != len(ktap.results):
        problems.append(f"the plan promised {ktap.plan} results, the KTAP has "
                        f"{len(ktap.results)} (a test hung, or the VM stopped?)")
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


# vm-run's exit statuses that are its own verdicts (see vm-run).
VM_VERDICTS = {124: "the VM did not finish run_kselftest.sh",
               125: "the kernel reported a problem while the selftests ran"}


def vm_status(status: int) -> Optional[str]:
    """What vm-run's exit status says against the run; None for 0."""
    if status == 0:
        return None
    meaning = VM_VERDICTS.get(status, "run_kselftest.sh reported a failure (7.2's exits "
                              "1 when a test failed), or the VM's run broke on the way")
    return f"vm-run exited {status}: {meaning}"


def summary(program: Program) -> str:
    passed = sum(outcome == "ok" for outcome in program.tests.values())
    reason = f": {program.skip_reason}" if program.skipped and program.skip_reason else ""
    return f"{program.outcome}{reason} ({passed} of plan {program.plan} ok)"
