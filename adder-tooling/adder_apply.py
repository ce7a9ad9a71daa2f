# SPDX-License-Identifier: GPL-2.0
"""Put adder() onto a kernel git tree as a series of commits.

    adder.py apply [--kdir DIR | --debian PACKAGE] [--cache DIR]
                   [--branch NAME] [--base REV] [--check]

The kernel is the git tree DIR, or else a Debian kernel source package's,
kept as a git tree in the cache directory (adder_debian.py): with
--debian, an installed one such as linux-source-6.12; by default the
newest linux-source-X.Y that Debian sid offers (adder_sid.py). The branch
(adder) goes on HEAD, or on the base it was built on before, which
refs/adder/base records; --check only says whether the branch is already
checked out as this series makes it, and changes nothing.

The commits are built in memory from the base commit and only then written:
every edit is checked against the tree before anything changes, so a tree
that does not fit is refused untouched, with the file and the text that did
not fit named. Applying twice changes nothing.

What the tool made: every commit apply puts on the branch, and the base
commit of each Debian tree, is recorded as refs/adder/made/<hash> in the
tree when it is made. A commit without that record is someone else's:
the user's, or one an older adder.py made before it kept records. apply
moves the branch only when every commit on it since its base is
recorded; otherwise it stops, names those commits and changes nothing,
so that no commit of the user's ends up on no branch.

The edits to existing files are the one list in build_series().
"""

import fnmatch
import os
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable, NamedTuple, Optional

BASE_REF = "refs/adder/base"
# One ref a commit the tool made, named by the commit's hash.
MADE_REFS = "refs/adder/made/"
GENERIC_UNISTD = "include/uapi/asm-generic/unistd.h"
# Up to 6.10 arm64 listed its compat system calls here; later it includes
# a header generated from arch/arm64/tools/syscall_32.tbl.
ARM64_COMPAT = "arch/arm64/include/asm/unistd32.h"


class Misfit(Exception):
    """The tree is not what an edit expects: names the file and why."""

    def __init__(self, path: str, expected: str) -> None:
        super().__init__(f"{path}: {expected}")


class GitError(Exception):
    pass


def git(kdir: Path, *args: str, env: Optional[dict[str, str]] = None,
        stdin: Optional[str] = None) -> str:
    res = subprocess.run(["git", "-C", str(kdir), *args], input=stdin,
                         capture_output=True, text=True,
                         env=dict(os.environ, **(env or {})))
    if res.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed:\n{res.stderr}")
    return res.stdout


class Tree:
    """The files of the base commit, with the edits held in memory."""

    def __init__(self, kdir: Path, base: str) -> None:
        self.kdir, self.base = kdir, base
        self.modes: dict[str, str] = {}
        for entry in git(kdir, "ls-tree", "-r", "-z", base).split("\0"):
            if entry:
                meta, path = entry.split("\t", 1)
                self.modes[path] = meta.split()[0]
        self.paths = set(self.modes)
        self.links = {p for p, m in self.modes.items() if m == "120000"}
        self.changed: dict[str, str] = {}

    def exists(self, path: str) -> bool:
        return path in self.changed or path in self.paths

    def covers(self, pattern: str) -> bool:
        """True when a MAINTAINERS F: pattern (a file or dir/) has a file."""
        if not pattern.endswith("/"):
            return self.exists(pattern)
        return any(p.startswith(pattern) for p in [*self.changed, *self.paths])

    def read(self, path: str) -> str:
        if path in self.changed:
            return self.changed[path]
        if path not in self.paths:
            raise Misfit(path, "file not found in the tree")
        return git(self.kdir, "show", f"{self.base}:{path}")

    def write(self, path: str, text: str, mode: Optional[str] = None) -> None:
        self.changed[path] = text
        if mode:
            self.modes[path] = mode

    def glob(self, pattern: str) -> list[str]:
        """Regular files matching pattern; a symlink shares its target's edit."""
        return sorted(p for p in self.paths - self.links
                      if fnmatch.fnmatch(p, pattern))


# --- edits of any file ------------------------------------------------------

def insert_before(tree: Tree, path: str, anchor: str, text: str) -> None:
    """Insert text before the one place where anchor occurs."""
    old = tree.read(path)
    count = old.count(anchor)
    if count != 1:
        where = "not found" if count == 0 else f"found {count} times"
        raise Misfit(path, f"expected exactly one {anchor.strip()!r} ({where})")
    tree.write(path, old.replace(anchor, text + anchor))


def insert_after_line(tree: Tree, path: str, anchor: str, text: str) -> None:
    """Insert text after the one line that equals anchor."""
    lines = tree.read(path).splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.rstrip("\n") == anchor]
    if len(hits) != 1:
        raise Misfit(path, f"expected exactly one line {anchor!r} "
                           f"(found {len(hits)})")
    lines.insert(hits[0] + 1, text)
    tree.write(path, "".join(lines))


def insert_sorted(tree: Tree, path: str, prefix: str, name: str) -> None:
    """Add 'prefix + name' among the lines starting with prefix, in order."""
    lines = tree.read(path).splitlines(keepends=True)
    entries = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    if not entries:
        raise Misfit(path, f"expected lines starting with {prefix!r}")
    after = [i for i in entries if lines[i][len(prefix):].strip() > name]
    lines.insert(after[0] if after else entries[-1] + 1, f"{prefix}{name}\n")
    tree.write(path, "".join(lines))


def append_to_toctree(tree: Tree, path: str, heading: str, entry: str) -> None:
    """Add entry as the last one of the toctree under heading.

    The index lists its documents in the order they came, not sorted: a new
    one goes last. An index without that heading (6.6 and earlier) has a
    single toctree, which takes it instead.
    """
    lines = tree.read(path).splitlines(keepends=True)
    start = lines.index(f"{heading}\n") if f"{heading}\n" in lines else 0
    if ".. toctree::\n" not in lines[start:]:
        raise Misfit(path, f"expected a '.. toctree::' after '{heading}'")
    at = lines.index(".. toctree::\n", start) + 1
    while at < len(lines) and (lines[at].startswith("   :") or
                               not lines[at].strip()):
        at += 1
    if at == len(lines) or not lines[at].startswith("   "):
        raise Misfit(path, "expected the toctree's entries, indented")
    while at < len(lines) and lines[at].startswith("   ") and lines[at].strip():
        at += 1
    lines.insert(at, f"   {entry}\n")
    tree.write(path, "".join(lines))


# --- system call numbers ------------------------------------------------------

class Numbering(NamedTuple):
    """A unistd.h-style list: its newest call, that number, its count line."""
    newest: str
    number: int
    count_line: re.Match[str]


def header_numbering(tree: Tree, path: str, count_path: str,
                     count_macro: str) -> Numbering:
    text = tree.read(path)
    pairs = re.findall(r"^#define __NR_(\w+)\s+(\d+)\n__SYSCALL\(__NR_\1,",
                       text, re.M)
    if not pairs:
        raise Misfit(path, "expected '#define __NR_name N' followed by "
                           "'__SYSCALL(__NR_name, ...)' lines")
    name, nr = max(pairs, key=lambda p: int(p[1]))
    count = re.search(rf"^#define {count_macro}\s+(\d+)$",
                      tree.read(count_path), re.M)
    if not count:
        raise Misfit(count_path, f"expected a line '#define {count_macro} N'")
    if int(count.group(1)) != int(nr) + 1:
        raise Misfit(count_path, f"expected {count_macro} to be "
                                 f"{int(nr) + 1}, one past __NR_{name}")
    return Numbering(name, int(nr), count)


def wire_header(tree: Tree, path: str, count_path: str, count_macro: str,
                newest: str) -> None:
    """Add adder after newest in a unistd.h-style list; raise its count."""
    numbering = header_numbering(tree, path, count_path, count_macro)
    if numbering.newest != newest:
        raise Misfit(path, f"expected __NR_{newest} to be the last entry, "
                           f"found __NR_{numbering.newest}")
    text = tree.read(path)
    end = text.index("\n", text.index(f"__SYSCALL(__NR_{newest}, ")) + 1
    nr = numbering.number + 1
    entry = f"\n#define __NR_adder {nr}\n__SYSCALL(__NR_adder, sys_adder)\n"
    tree.write(path, text[:end] + entry + text[end:])
    line = numbering.count_line.group(0)
    raised = line[:line.rindex(numbering.count_line.group(1))] + str(nr + 1)
    tree.write(count_path, tree.read(count_path).replace(line, raised, 1))


def wire_table(tree: Tree, path: str, newest: str) -> None:
    """Add adder to a syscall.tbl after newest, in the table's own style.

    The number is the table's entry for newest plus one, which carries over
    any offset the table uses (alpha's 110, for instance) without assuming it.
    """
    lines = tree.read(path).splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if is_row(line)
            and line.split()[2] == newest]
    if not hits:
        raise Misfit(path, f"expected an entry for {newest}, the newest "
                           f"system call in {GENERIC_UNISTD}")
    model = lines[hits[-1]]
    nr = int(model.split()[0]) + 1
    if any(line.split()[0] == str(nr) for line in lines if is_row(line)):
        raise Misfit(path, f"expected number {nr} to be free")
    # A compat column, where the model row has one, takes sys_adder as well:
    # with only int arguments the native entry point serves compat callers.
    columns = len(model.split())
    if columns not in (4, 5):
        raise Misfit(path, f"expected 4 or 5 columns in {model.strip()!r}")
    fields = [str(nr), new_call_abi(lines), "adder"] + \
        ["sys_adder"] * (columns - 3)
    lines.insert(hits[-1] + 1, table_row(model, fields))
    tree.write(path, "".join(lines))


def is_row(line: str) -> bool:
    fields = line.split()
    return len(fields) >= 3 and fields[0].isdigit()


def new_call_abi(lines: list[str]) -> str:
    """The ABI column a new system call gets in a table: its usual one.

    A table that serves several ABIs mostly says "common", the column that
    covers them all, and a new call is common unless it has a reason not to
    be; a table of one ABI (x86's i386, mips' o32, n32 and n64) names that
    one. The newest row is no model: the powerpc table of 7.2 (and of
    mainline) ends with a "nospu" row.
    """
    abis = Counter(line.split()[1] for line in lines if is_row(line))
    return abis.most_common(1)[0][0]


def table_row(model: str, fields: list[str]) -> str:
    """Lay out fields the way the model row lays out its own.

    Where the model separates two columns with tabs, the new field starts at
    the same column as the model's; where it uses spaces, the same spaces.
    """
    def width(s: str) -> int:
        return len(s.expandtabs(8))

    parts = re.findall(r"(\s*)(\S+)", model.rstrip("\n"))
    row = fields[0]
    column = len(parts[0][1])
    for (sep, word), field in zip(parts[1:], fields[1:]):
        start = width(" " * column + sep)
        column = start + len(word)
        if "\t" in sep:
            row += "\t"
            while width(row) < start:
                row += "\t"
        else:
            row += sep
        row += field
    return row + "\n"


# --- the series ---------------------------------------------------------------

KCONFIG_ADDER = """\
config ADDER_SYSCALL
	bool "Enable adder() system call" if EXPERT
	default y
	help
	  Enable the adder() system call, which returns the exact sum of
	  its two int arguments. A sum that would read as an error code
	  fails with ERANGE, and a 32-bit caller whose sum does not fit
	  in an int gets EOVERFLOW instead of a truncated result.

	  If unsure say Y here.

"""


class Series:
    """The feature's sources (this project's tree) and how they go in."""

    def __init__(self, repo: Path, tree: Tree, signoff: str) -> None:
        self.repo, self.tree, self.signoff = repo, tree, signoff

    def add_file(self, dest: str, src: str) -> None:
        if self.tree.exists(dest):
            raise Misfit(dest, "already exists; this tree seems to have adder()")
        source = self.repo / src
        if source.is_symlink():
            self.tree.write(dest, os.readlink(source), "120000")
            return
        text = source.read_text()
        for old, new in self.version_fits(dest):
            if text.count(old) != 1:
                raise Misfit(src, f"expected one {old!r} to fit to this tree")
            text = text.replace(old, new)
        self.tree.write(dest, text,
                        "100755" if os.access(source, os.X_OK) else "100644")

    def version_fits(self, dest: str) -> list[tuple[str, str]]:
        """Replacements that fit an added file to the tree's version."""
        if dest == "kernel/adder_kunit.c" and re.search(
                r"define MODULE_IMPORT_NS\(ns\)\s+MODULE_INFO\(import_ns, ns\)",
                self.tree.read("include/linux/module.h")):
            # 6.13 and later take the namespace as a string literal.
            return [("MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);",
                     'MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");')]
        return []

    def core(self, newest: str) -> None:
        tree = self.tree
        if not tree.exists("include/kunit/visibility.h"):
            raise Misfit("include/kunit/visibility.h", "expected for "
                         "EXPORT_SYMBOL_IF_KUNIT() (6.2 and later, 6.1.y)")
        self.add_file("kernel/adder.h", "kernel/adder.h")
        self.add_file("kernel/adder.c", "kernel/adder.c")
        insert_before(tree, "init/Kconfig", "config RSEQ\n", KCONFIG_ADDER)
        insert_after_line(tree, "kernel/Makefile",
                          "obj-$(CONFIG_KCMP) += kcmp.o",
                          "obj-$(CONFIG_ADDER_SYSCALL) += adder.o\n")
        insert_before(tree, "kernel/sys_ni.c",
                      "/*\n * Architecture specific weak syscall entries.\n */\n",
                      "/* adder */\nCOND_SYSCALL(adder);\n\n")
        insert_before(tree, "include/linux/syscalls.h",
                      "\n/*\n * Architecture-specific system calls\n */\n",
                      "asmlinkage long sys_adder(int x, int y);\n")

    def tables(self, newest: str) -> None:
        """Every table that gives the call a number, in one patch, as
        mainline's own wiring patches do: the generic list, the table most
        architectures generate theirs from (6.11 and later), and each
        architecture's own."""
        tree = self.tree
        wire_header(tree, GENERIC_UNISTD, GENERIC_UNISTD, "__NR_syscalls",
                    newest)
        if tree.exists("scripts/syscall.tbl"):  # 6.11 and later
            wire_table(tree, "scripts/syscall.tbl", newest)
        tables = tree.glob("arch/*.tbl")
        if not tables:
            raise Misfit("arch/", "expected syscall tables named *.tbl")
        for path in tables:
            wire_table(tree, path, newest)
        if self.tree.exists(ARM64_COMPAT) and \
                "__SYSCALL(" in self.tree.read(ARM64_COMPAT):
            wire_header(self.tree, ARM64_COMPAT,
                        "arch/arm64/include/asm/unistd.h",
                        "__NR_compat_syscalls", newest)

    def kunit(self) -> None:
        self.add_file("kernel/adder_kunit.c", "lib-kunit/adder_kunit.c")
        self.add_file("kernel/.kunitconfig", "lib-kunit/.kunitconfig")
        insert_before(self.tree, "lib/Kconfig.debug",
                      "config RESOURCE_KUNIT_TEST\n",
                      (self.repo / "lib-kunit/Kconfig.debug").read_text())
        insert_after_line(self.tree, "kernel/Makefile",
                          "obj-$(CONFIG_RESOURCE_KUNIT_TEST) += resource_kunit.o",
                          "obj-$(CONFIG_ADDER_KUNIT_TEST) += adder_kunit.o\n")

    def selftests(self) -> None:
        for name in sorted(os.listdir(self.repo / "selftests/adder")):
            self.add_file(f"tools/testing/selftests/adder/{name}",
                          f"selftests/adder/{name}")
        insert_sorted(self.tree, "tools/testing/selftests/Makefile",
                      "TARGETS += ", "adder")

    def docs(self) -> None:
        self.add_file("Documentation/userspace-api/adder.rst",
                      "Documentation/userspace-api/adder.rst")
        append_to_toctree(self.tree, "Documentation/userspace-api/index.rst",
                          "System calls", "adder")

    def maintainers(self) -> None:
        """Merge MAINTAINERS-snippet in sorted position, maintained by the
        signer, with the F: lines of the files that exist so far: each patch
        that adds files extends the entry, as checkpatch asks."""
        title, *rest = (self.repo / "MAINTAINERS-snippet").read_text().splitlines()
        files = [f for f in rest if f.startswith("F:\t")]
        fields = [f for f in rest if f not in files
                  or self.tree.covers(f[3:].strip())]
        if len(fields) == len(rest) - len(files):
            return  # no file of the entry exists yet
        entry = [line + "\n" for line in [title, f"M:\t{self.signoff}", *fields]]
        lines = self.tree.read("MAINTAINERS").splitlines(keepends=True)
        if f"{title}\n" in lines:
            at = lines.index(f"{title}\n")
            lines[at:lines.index("\n", at)] = entry
        else:
            # An entry starts with its title after a blank line, then "X:\t".
            titles = [i for i in range(1, len(lines) - 1)
                      if lines[i - 1] == "\n" and re.match(r"[A-Z]:\t", lines[i + 1])]
            later = [i for i in titles if lines[i].strip() > title]
            if not later:
                raise Misfit("MAINTAINERS", "expected entries sorted by title, "
                                            f"one of them after {title!r}")
            lines[later[0]:later[0]] = entry + ["\n"]
        self.tree.write("MAINTAINERS", "".join(lines))


Commit = tuple[str, dict[str, str]]


def build_series(repo: Path, tree: Tree, signoff: str) -> tuple[int, list[Commit]]:
    """adder()'s number, and each commit: its message and the files it sets."""
    newest, last, _ = header_numbering(tree, GENERIC_UNISTD, GENERIC_UNISTD,
                                       "__NR_syscalls")
    series = Series(repo, tree, signoff)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("1-core", lambda: series.core(newest)),
        ("2-tables", lambda: series.tables(newest)),
        ("3-kunit", series.kunit),
        ("4-selftests", series.selftests),
        ("5-docs", series.docs),
    ]
    commits = []
    for name, step in steps:
        before = dict(tree.changed)
        step()
        series.maintainers()
        files = {p: t for p, t in tree.changed.items() if before.get(p) != t}
        message = (repo / "adder-tooling/series" / f"{name}.txt").read_text()
        commits.append((message.format(nr=last + 1), files))
    return last + 1, commits


# --- git ------------------------------------------------------------------------

def identity(kdir: Path) -> str:
    """Name <email> for the Signed-off-by lines, as git would commit."""
    def config(key: str) -> str:
        return subprocess.run(["git", "-C", str(kdir), "config", key],
                              capture_output=True, text=True).stdout.strip()
    name = os.environ.get("GIT_COMMITTER_NAME", config("user.name"))
    email = os.environ.get("GIT_COMMITTER_EMAIL", config("user.email"))
    if not name or not email:
        raise SystemExit(
            "apply: git has no identity for the Signed-off-by line. Set one:\n"
            "  git config --global user.name 'Your Name'\n"
            "  git config --global user.email you@example.org")
    return f"{name} <{email}>"


def write_commits(kdir: Path, base: str, commits: list[Commit],
                  modes: dict[str, str], signoff: str) -> list[str]:
    """Write the commits, each on the one before and the first on base, and
    return their hashes; no ref points to them yet."""
    parent, written = base, []
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        git(kdir, "read-tree", base, env=env)
        for message, files in commits:
            for path, text in files.items():
                blob = git(kdir, "hash-object", "-w", "--stdin", stdin=text).strip()
                git(kdir, "update-index", "--add", "--cacheinfo",
                    f"{modes[path]},{blob},{path}", env=env)
            tree_id = git(kdir, "write-tree", env=env).strip()
            # git's own trailer rules: a message that ends in trailers
            # (a Cc:, say) takes the sign-off in the same block.
            body = git(kdir, "interpret-trailers", "--trailer",
                       f"Signed-off-by: {signoff}", stdin=message.rstrip() + "\n")
            parent = git(kdir, "commit-tree", tree_id, "-p", parent,
                         stdin=body).strip()
            written.append(parent)
    return written


def record_made(kdir: Path, commits: list[str]) -> None:
    """Record commits as the tool's own (see the module's docstring)."""
    git(kdir, "update-ref", "--stdin",
        stdin="".join(f"update {MADE_REFS}{c} {c}\n" for c in commits))


def not_made(kdir: Path, *revs: str) -> list[str]:
    """The commits git rev-list lists for revs that the tool did not make,
    newest first. The record is looked up commit by commit, not through
    ancestry: a base of the user's under the tool's commits is still the
    user's."""
    made = set(git(kdir, "for-each-ref", "--format=%(objectname)",
                   MADE_REFS).split())
    return [c for c in git(kdir, "rev-list", *revs).split() if c not in made]


def one_per_line(kdir: Path, commits: list[str], most: int = 10) -> str:
    """Commits as 'hash subject' lines, indented; the first few of many."""
    shown = git(kdir, "show", "-s", "--format=  %h %s", *commits[:most])
    more = len(commits) - most
    return shown + (f"  ... and {more} more\n" if more > 0 else "")


def rev(kdir: Path, name: str) -> Optional[str]:
    res = subprocess.run(["git", "-C", str(kdir), "rev-parse", "--verify",
                          "-q", name], capture_output=True, text=True)
    return res.stdout.strip() or None


def same_series(kdir: Path, base: str, tip: str, new_tip: str) -> bool:
    """True when two commit chains on base have the same trees, authors and
    messages. The author counts: checkpatch wants each patch signed off by
    its author, and a branch made by someone else has another one."""
    def chain(t: str) -> list[str]:
        revs = git(kdir, "rev-list", "--reverse", f"{base}..{t}").split()
        return [git(kdir, "log", "-1", "--format=%T%n%an <%ae>%n%B", r) for r in revs]
    return chain(tip) == chain(new_tip)


def apply(repo: Path, kdir: Path, branch: str = "adder",
          base_rev: Optional[str] = None, check: bool = False) -> str:
    """Put the series onto kdir as branch; return what was done, in a line.

    With check, change nothing: only say that the branch is already there,
    checked out, as this series makes it, or refuse (SystemExit).
    """
    if rev(kdir, "HEAD") is None:
        raise SystemExit(f"apply: {kdir} is not a git tree with a commit")
    dirty = git(kdir, "status", "--porcelain").splitlines()
    if dirty:
        shown = "\n  ".join(dirty[:10])
        raise SystemExit(f"apply: {kdir} has uncommitted changes; commit or "
                         f"stash them first. Nothing was changed.\n  {shown}")
    old_tip = rev(kdir, f"refs/heads/{branch}")
    if old_tip and not base_rev and rev(kdir, BASE_REF) is None:
        raise SystemExit(f"apply: {kdir}: branch {branch} exists, and apply "
                         f"did not make it (there is no {BASE_REF}). Nothing "
                         f"was changed.\n{keep_branch(kdir, branch, None)}")
    # Applying again keeps the base the branch was built on; --base moves it.
    base = rev(kdir, base_rev or (BASE_REF if old_tip else "HEAD"))
    if base is None:
        raise SystemExit(f"apply: no base: {base_rev or BASE_REF} not found; "
                         f"name one with --base")
    signoff = identity(kdir)
    tree = Tree(kdir, base)
    try:
        nr, commits = build_series(repo, tree, signoff)
    except Misfit as err:
        raise SystemExit(f"apply: this tree does not fit, nothing was "
                         f"changed:\n  {err}") from None
    written = write_commits(kdir, base, commits, tree.modes, signoff)
    new_tip = written[-1]
    up_to_date = old_tip is not None and same_series(kdir, base, old_tip,
                                                     new_tip)
    if check and not (up_to_date and rev(kdir, "HEAD") == old_tip):
        raise SystemExit(f"apply: {kdir}: branch {branch} is not checked out "
                         f"as the series makes it; applying would change it")
    if up_to_date:
        if rev(kdir, "HEAD") != old_tip:
            git(kdir, "checkout", "-q", branch)
        return (f"{kdir}: branch {branch} is up to date (adder is syscall "
                f"{nr}); nothing changed")
    theirs = not_made(kdir, old_tip, "--not", base) if old_tip else []
    if theirs:
        raise SystemExit(
            f"apply: {kdir}: branch {branch} holds commits that adder.py did "
            f"not make, and applying would take them off it. Nothing was "
            f"changed.\n{one_per_line(kdir, theirs)}"
            f"{keep_branch(kdir, branch, base)}")
    record_made(kdir, written)
    git(kdir, "update-ref", BASE_REF, base)
    git(kdir, "checkout", "-q", "-B", branch, new_tip)
    return (f"{kdir}: branch {branch} now has {len(commits)} commits on "
            f"{base[:12]}; adder is syscall {nr}")


def keep_branch(kdir: Path, branch: str, base: Optional[str]) -> str:
    """What to do with a branch of the user's where apply would go: the
    series goes on HEAD when the branch is new, so HEAD must leave it."""
    on = base[:12] if base else "BASE"
    return (f"To keep the branch and apply beside it, rename it, go back to "
            f"{'its base' if base else 'the commit to build on'}, and apply "
            f"again:\n"
            f"  git -C {kdir} branch -m {branch} my-{branch}\n"
            f"  git -C {kdir} checkout -q --detach {on}\n"
            f"or apply onto another branch: adder.py apply --branch NAME "
            f"--base {on}\n"
            f"(adder.py records the commits it makes under {MADE_REFS}; an "
            f"older adder.py did not.)")
