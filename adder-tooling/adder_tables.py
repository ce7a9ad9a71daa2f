# SPDX-License-Identifier: GPL-2.0
"""Judge every syscall table kbuild generated for every architecture.

    adder.py tables KDIR BUILD_DIR...

KDIR is the applied tree; each BUILD_DIR is one architecture's kbuild
output after `make ARCH=<arch> headers_install asm-generic archheaders`
(and `prepare`, where a cross compiler exists), named after the
architecture (a directory of KDIR/arch/). Read there:

  usr/include/asm/unistd*.h          what userspace gets: __NR_adder
  arch/*/include/generated/{,asm/}*  what the kernel dispatches on:
                                     __SYSCALL(nr, entry), the kernel's
                                     own __NR_ lists, and up to 6.18
                                     s390's positional SYSCALL(e64,e32)
                                     (since 6.19 s390 has no compat: its
                                     table has one entry a call, and it
                                     gets no unistd_32.h)

A file is a table of the new calls when it lists the calls that every
architecture numbers alike (the generic table's 424 and up). Their
numbers there, less the generic ones, give the file's own offset (alpha's
110, mips' __NR_Linux, x32's __X32_SYSCALL_BIT): one offset for all of
them, or the file is inconsistent. adder() must be there once, at its
generic number plus that offset, with the entry point sys_adder in every
slot: adder() has no compat entry point, its native one serves compat
callers too. The apply tool's own reckoning is not consulted: the
offsets come from the calls already in each table. What a comment or an
"#if 0" holds is not read.

Which tables a build must have comes from the tree's own kbuild files,
so that it follows each kernel version (see expected_tables): a table
kbuild makes that is missing, or that the judge cannot read as a table,
fails the architecture.
"""
import re
from pathlib import Path
from typing import NamedTuple, Optional

# Numbered alike on every architecture from here on (pidfd_send_signal).
UNIFIED_FROM = 424
# A table of the new calls lists at least this many of them.
MIN_REFERENCES = 5
NAME = "adder"
ENTRY = f"sys_{NAME}"


class Number(NamedTuple):
    """A syscall number as a header writes it: BASE + N, or plain N."""
    base: Optional[str]
    value: int

    def __str__(self) -> str:
        return f"{self.base} + {self.value}" if self.base else str(self.value)


class Row(NamedTuple):
    """One call in one file: its name, its number, the entry points it names."""
    name: str
    number: Number
    entries: tuple[str, ...]


def generic_numbers(kdir: Path) -> dict[str, int]:
    """name -> number of every call in include/uapi/asm-generic/unistd.h.

    __NR_syscalls is a count, not a call: a kernel-side list (one that
    headers_install has not stripped of its __KERNEL__ part) has its own.
    """
    text = (kdir / "include/uapi/asm-generic/unistd.h").read_text()
    return {m[1]: int(m[2]) for m in
            re.finditer(r"^#define __NR_(\w+)\s+(\d+)$", text, re.M)
            if m[1] != "syscalls"}


COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
CONDITIONAL = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$")
FALSE = re.compile(r"^\s*\(?\s*0\s*\)?\s*$")


def live_lines(text: str) -> list[str]:
    """The lines a compiler reads: no comment, nothing under "#if 0" (up to
    its #else, #elif or #endif). Other conditions are not evaluated: both
    of their branches are read."""
    text = COMMENT.sub(lambda m: "\n" * m[0].count("\n"), text)
    dead: list[bool] = []
    lines = []
    for line in text.splitlines():
        m = CONDITIONAL.match(line)
        if not m:
            if not any(dead):
                lines.append(line)
        elif m[1].startswith("if"):
            dead.append(m[1] == "if" and bool(FALSE.match(m[2])))
        elif dead and m[1] == "endif":
            dead.pop()
        elif dead:
            dead[-1] = False
    return lines


DEFINE = re.compile(r"^#define __NR_(\w+)\s+(?:(\d+)|\((\w+) \+ (\d+)\))\s*$")
CALL = re.compile(r"^__SYSCALL\w*\((\d+),\s*(\w+)(?:,\s*(\w+))?\)")
# s390's own generator, up to 6.18: a call's place in the file is its number.
S390 = re.compile(r"^(?:NI_SYSCALL|SYSCALL\((\w+),(\w+)\))$")
# Prefixes the kernel's own unistd lists put before a call's name.
PREFIXES = ("compat32_", "compat_", "ia32_", "x32_")
# Whatever an entry point of adder() is called (__x64_sys_adder, say).
ADDER_ENTRY = re.compile(rf"^(?:\w*_)?{ENTRY}$")


def call_name(entries: tuple[str, ...], known: dict[str, int]) -> Optional[str]:
    """The call a row serves, when its entry points say so."""
    if any(ADDER_ENTRY.match(e) for e in entries):
        return NAME
    for prefix in ("compat_sys_", "sys_"):
        if entries[0].startswith(prefix) and entries[0][len(prefix):] in known:
            return entries[0][len(prefix):]
    return None


def read_table(text: str, known: dict[str, int]) -> list[Row]:
    """Every row of a file that names a call of the generic table."""
    rows = []
    s390 = 0
    for line in live_lines(text):
        m = DEFINE.match(line)
        if m:
            name = m[1]
            for prefix in PREFIXES:
                if name not in known and name.startswith(prefix):
                    name = name[len(prefix):]
            number = Number(None, int(m[2])) if m[2] else \
                Number(m[3], int(m[4]))
            if name in known:
                rows.append(Row(name, number, ()))
            continue
        m = CALL.match(line)
        if m:
            entries = tuple(e for e in m.groups()[1:] if e)
            name = call_name(entries, known)
            if name:
                rows.append(Row(name, Number(None, int(m[1])), entries))
            continue
        m = S390.match(line)
        if m:
            name = call_name((m[1], m[2]), known) if m[1] else None
            if name:
                rows.append(Row(name, Number(None, s390), (m[1], m[2])))
            s390 += 1
    return rows


def judge(path: Path, known: dict[str, int]) -> tuple[int, Optional[str]]:
    """How many of the calls from UNIFIED_FROM on the file lists, and,
    where that is enough for a table (MIN_REFERENCES), a verdict line
    that starts with "ok" or "FAIL"."""
    rows = read_table(path.read_text(errors="replace"), known)
    refs: dict[str, Row] = {}
    for row in rows:
        if row.name != NAME and known[row.name] >= UNIFIED_FROM:
            refs.setdefault(row.name, row)
    if len(refs) < MIN_REFERENCES:
        return len(refs), None
    offsets = {Number(r.number.base, r.number.value - known[name])
               for name, r in refs.items()}
    if len(offsets) != 1:
        odd = ", ".join(f"{n}={r.number}" for n, r in sorted(refs.items()))
        return len(refs), f"FAIL: no single offset for the calls from {UNIFIED_FROM} on: {odd}"
    offset = offsets.pop()
    want = Number(offset.base, known[NAME] + offset.value)
    mine = [row for row in rows if row.name == NAME]
    if not mine:
        return len(refs), f"FAIL: no {NAME} (expected {want}, from {len(refs)} newer calls)"
    if len(mine) > 1:
        return len(refs), (f"FAIL: {NAME} is there {len(mine)} times: "
                           f"{', '.join(str(row.number) for row in mine)}")
    got = mine[0]
    if got.number != want:
        return len(refs), f"FAIL: {NAME} is {got.number}, expected {want}"
    wrong = [e for e in got.entries if e != ENTRY]
    if wrong:
        return len(refs), f"FAIL: {NAME} {got.number} names {', '.join(wrong)}"
    names = f" -> {', '.join(got.entries)}" if got.entries else ""
    return len(refs), (f"ok: {NAME} {got.number}{names} (offset {offset}, "
                       f"as {len(refs)} newer calls)")


def tables(build: Path) -> list[Path]:
    files = sorted((build / "usr/include/asm").glob("unistd*.h"))
    for pattern in ("arch/*/include/generated/asm/*", "arch/*/include/generated/*"):
        files += sorted(p for p in build.glob(pattern) if p.suffix in (".h", ".S"))
    return files


# The kbuild lists that name generated syscall headers and tables, in the
# Makefiles that read an architecture's .tbl files ("uapisyshdr-y",
# "kapisyshdr-y", "syshdr-$(CONFIG_X86_64)", "gen-y", ...), and the
# "syscall-y" of its Kbuild files (the generic tables, 6.11 and later).
LIST = re.compile(r"^([\w-]+?)-(y|\$\((CONFIG_\w+)\))\s*[:+]?=\s*(.*)$")
TABLE_FILE = re.compile(r"^(?:unistd|syscall|calls)[-\w]*\.[hS]$")
# unistd-nr.h, unistd_nr_n32.h: the number of calls, no call.
COUNT_ONLY = re.compile(r"(?:^|[-_])nr(?:[-_.]|$)")
# A target generated from some of a .tbl's ABIs only: "$(out)/x.h: abis := x32".
TARGET_ABIS = re.compile(r"^\S*?([^/\s]+): abis := (\S+)$")


class Expected(NamedTuple):
    """A table kbuild generates: its name, for userspace or the kernel,
    and the kbuild file that says so."""
    name: str
    uapi: bool
    source: str


def logical_lines(text: str) -> list[str]:
    return text.replace("\\\n", " ").splitlines()


def unified_abis(kdir: Path, arch: str, known: dict[str, int]) -> set[str]:
    """The ABIs the calls from UNIFIED_FROM on have in the arch's .tbl files."""
    abis = set()
    for tbl in (kdir / "arch" / arch).rglob("*.tbl"):
        for line in tbl.read_text().splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 3 and known.get(fields[2], 0) >= UNIFIED_FROM:
                abis.add(fields[1])
    return abis


def expected_tables(kdir: Path, arch: str, build: Path,
                    known: dict[str, int]) -> list[Expected]:
    """The tables kbuild generates for this build, by the arch's own
    kbuild files: their lists, less what the build did not ask for.

    Generated-y lines are not read: they only keep kbuild from making a
    wrapper, and may name a file no longer generated (7.2's s390 still
    lists unistd_32.h). A list under "-$(CONFIG_X)" counts where the
    build's .config has X=y; the kernel-side tables of a Makefile with a
    "kapi:" rule (arm, and s390 before 6.19) come from `make prepare`,
    so only a configured build has them; a target made from ABIs that
    none of the calls from UNIFIED_FROM on has (x86's x32-only list) is
    no table of them."""
    top = kdir / "arch" / arch
    config = build / ".config"
    configured = set(config.read_text().split()) if config.exists() else None
    abis = unified_abis(kdir, arch, known)
    expected: dict[tuple[bool, str], Expected] = {}
    makefiles = [p for p in sorted(top.rglob("Makefile*")) if ".tbl" in p.read_text()]
    kbuilds = [p for p in (top / "include/asm/Kbuild", top / "include/uapi/asm/Kbuild")
               if p.exists()]
    for path in [*makefiles, *kbuilds]:
        lines = logical_lines(path.read_text())
        source = path.relative_to(kdir)
        by_prepare = path in makefiles and any(re.match(r"^kapi:", line) for line in lines)
        partial = {m[1] for m in map(TARGET_ABIS.match, lines)
                   if m and not abis & set(m[2].split(","))}
        for line in lines:
            m = LIST.match(line)
            if not m or (path in kbuilds and m[1] != "syscall"):
                continue
            if m[3] and f"{m[3]}=y" not in (configured or set()):
                continue
            uapi = m[1].startswith("uapi") or "uapi" in source.parts
            if not uapi and by_prepare and configured is None:
                continue
            for word in m[4].split():
                name = word.rsplit("/", 1)[-1]
                if TABLE_FILE.match(name) and not COUNT_ONLY.search(name) \
                        and name not in partial:
                    expected.setdefault((uapi, name), Expected(name, uapi, str(source)))
    return list(expected.values())


def judge_build(kdir: Path, build: Path, known: dict[str, int]) -> list[tuple[str, str]]:
    """A verdict for every table of one architecture's build, and for
    every table its kbuild files promise that is missing or that cannot
    be read as one: (file, verdict line)."""
    if not (kdir / "arch" / build.name).is_dir():
        return [(build.name, f"FAIL: no arch/{build.name} in {kdir}: a build "
                 "directory is named after its architecture")]
    expected = expected_tables(kdir, build.name, build, known)
    found = {(path.parts[0] == "usr", path.name): path
             for path in (p.relative_to(build) for p in tables(build))}
    promised = {(e.uapi, e.name): e for e in expected}
    verdicts = []
    for (uapi, name), path in sorted(found.items(), key=lambda item: str(item[1])):
        count, said = judge(build / path, known)
        if said is None and (uapi, name) in promised:
            said = (f"FAIL: {count} of the calls from {UNIFIED_FROM} on: not a table "
                    f"the judge can read ({promised[(uapi, name)].source} makes it one)")
        if said is not None:
            verdicts.append((str(path), said))
    verdicts += [(e.name, f"FAIL: not generated ({e.source} makes it)")
                 for key, e in promised.items() if key not in found]
    return verdicts
