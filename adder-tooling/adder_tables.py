# SPDX-License-Identifier: GPL-2.0
"""Judge every syscall table kbuild generated for every architecture.

    adder.py tables KDIR BUILD_DIR...

KDIR is the applied tree; each BUILD_DIR is one architecture's kbuild
output after `make ARCH=<arch> headers_install asm-generic archheaders`
(and `prepare`, where a cross compiler exists). Read there:

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
them, or the file is inconsistent. adder() must be there at its generic
number plus that offset, with the entry point sys_adder in every slot.
The apply tool's own reckoning is not consulted: the offsets come from
the calls already in each table.
"""
import re
from pathlib import Path
from typing import NamedTuple, Optional

# Numbered alike on every architecture from here on (pidfd_send_signal).
UNIFIED_FROM = 424
# A table of the new calls lists at least this many of them.
MIN_REFERENCES = 5
NAME = "adder"


class Number(NamedTuple):
    """A syscall number as a header writes it: BASE + N, or plain N."""
    base: Optional[str]
    value: int

    def __str__(self) -> str:
        return f"{self.base} + {self.value}" if self.base else str(self.value)


class Entry(NamedTuple):
    """One call in one file: its number, and the entry points it names."""
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


DEFINE = re.compile(r"^#define __NR_(\w+)\s+(?:(\d+)|\((\w+) \+ (\d+)\))\s*$")
CALL = re.compile(r"^__SYSCALL\w*\((\d+),\s*(\w+)(?:,\s*(\w+))?\)")
# s390's own generator, up to 6.18: a call's place in the file is its number.
S390 = re.compile(r"^(?:NI_SYSCALL|SYSCALL\((\w+),(\w+)\))$")
# Prefixes the kernel's own unistd lists put before a call's name.
PREFIXES = ("compat32_", "compat_", "ia32_", "x32_")


def call_name(entry: str, known: dict[str, int]) -> Optional[str]:
    """The call an entry point serves, when its name says so."""
    for prefix in ("compat_sys_", "sys_"):
        if entry.startswith(prefix) and entry[len(prefix):] in known:
            return entry[len(prefix):]
    return None


def read_table(path: Path, known: dict[str, int]) -> dict[str, Entry]:
    """Every call of the generic table that the file lists, by name."""
    found: dict[str, Entry] = {}
    s390 = 0
    for line in path.read_text(errors="replace").splitlines():
        m = DEFINE.match(line)
        if m:
            name = m[1]
            for prefix in PREFIXES:
                if name not in known and name.startswith(prefix):
                    name = name[len(prefix):]
            number = Number(None, int(m[2])) if m[2] else \
                Number(m[3], int(m[4]))
            if name in known:
                found[name] = Entry(number, ())
            continue
        m = CALL.match(line)
        if m:
            entries = tuple(e for e in m.groups()[1:] if e)
            name = call_name(entries[0], known)
            if name:
                found[name] = Entry(Number(None, int(m[1])), entries)
            continue
        m = S390.match(line)
        if m:
            name = call_name(m[1], known) if m[1] else None
            if name:
                found[name] = Entry(Number(None, s390), (m[1], m[2]))
            s390 += 1
    return found


def judge(path: Path, known: dict[str, int]) -> Optional[str]:
    """None when the file is no table of the new calls, else a verdict
    line that starts with "ok" or "FAIL"."""
    table = read_table(path, known)
    refs = {name: entry for name, entry in table.items()
            if name != NAME and known[name] >= UNIFIED_FROM}
    if len(refs) < MIN_REFERENCES:
        return None
    offsets = {Number(e.number.base, e.number.value - known[name])
               for name, e in refs.items()}
    if len(offsets) != 1:
        odd = ", ".join(f"{n}={e.number}" for n, e in sorted(refs.items()))
        return f"FAIL: no single offset for the calls from {UNIFIED_FROM} on: {odd}"
    offset = offsets.pop()
    want = Number(offset.base, known[NAME] + offset.value)
    got = table.get(NAME)
    if got is None:
        return f"FAIL: no {NAME} (expected {want}, from {len(refs)} newer calls)"
    if got.number != want:
        return f"FAIL: {NAME} is {got.number}, expected {want}"
    wrong = [e for e in got.entries if e not in ("sys_adder", "compat_sys_adder")]
    if wrong:
        return f"FAIL: {NAME} {got.number} names {', '.join(wrong)}"
    names = f" -> {', '.join(got.entries)}" if got.entries else ""
    return f"ok: {NAME} {got.number}{names} (offset {offset}, as {len(refs)} newer calls)"


def tables(build: Path) -> list[Path]:
    files = sorted((build / "usr/include/asm").glob("unistd*.h"))
    for pattern in ("arch/*/include/generated/asm/*", "arch/*/include/generated/*"):
        files += sorted(p for p in build.glob(pattern) if p.suffix in (".h", ".S"))
    return files


def judge_build(build: Path, known: dict[str, int]) -> list[tuple[Path, str]]:
    """A verdict for every table of the generated files of one build."""
    verdicts = [(path, judge(path, known)) for path in tables(build)]
    return [(path, v) for path, v in verdicts if v is not None]
