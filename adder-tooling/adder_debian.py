# SPDX-License-Identifier: GPL-2.0
"""Debian's kernel source packages as git trees, kept in a cache.

    adder.py debian-tree PACKAGE CACHE
    adder.py sid-tree CACHE              (adder_sid.py)

A linux-source-X.Y package holds the kernel as a tarball. Its tree is
CACHE/linux-X.Y, a git repository whose base commit, "Debian
linux-source-X.Y VERSION", is that tarball with one change: the rule
Debian's packaging puts at the end of .gitignore, which ignores every
top-level entry and so makes git add refuse every file, is dropped
(drop_debian_gitignore()), and the commit's message says so. The tree
is then an ordinary kernel git tree: git add, commit and rebase work.

debian-tree takes the tarball of an installed package from /usr/src
(Debian 12's linux-source-6.12 and linux-source-6.1); sid-tree fetches
the newest linux-source-X.Y of Debian sid. Both print the tree's path,
and nothing else, on stdout; what they do goes to stderr.

A tree that holds the package's version is taken as it is. One that
holds another version is made again, but only if it is all the tool's
own: every commit reachable from a ref, a reflog or HEAD is recorded
under refs/adder/made/ (adder_apply.py's docstring says what is
recorded), git status shows nothing, and nothing the kernel's .gitignore
ignores lies at the tree's top (an in-tree build's .config, a kunit.py
run's .kunit/). Ignored files further down are the kernel's generated
files, which the tool's own runs leave too (Python's __pycache__/,
6.12's Documentation/networking/netlink_spec/). Any other tree is moved
aside, whole, to CACHE/linux-X.Y-OLDVERSION (or -OLDVERSION-N), and a
message says where it went and how to carry a branch over; nothing that
a user made is ever deleted.

Extracting is mostly disk and one core: make check starts it early, in
the background, and a lock beside the tree makes a second caller wait.
"""

import fcntl
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from adder_apply import git, not_made, one_per_line, record_made

AUTHOR = {"GIT_AUTHOR_NAME": "Debian kernel team",
          "GIT_AUTHOR_EMAIL": "debian-kernel@lists.debian.org",
          "GIT_COMMITTER_NAME": "Debian kernel team",
          "GIT_COMMITTER_EMAIL": "debian-kernel@lists.debian.org"}

# The end of .gitignore in Debian's linux-source tarballs (6.1, 6.12, 7.2).
DEBIAN_GITIGNORE = """\
#
# Debian packaging: ignore everything at the top level, since it isn't
# included in our repository
#
/*
!/debian/
"""


def say(message: str) -> None:
    """Tell the user; stdout is the tree's path alone."""
    print(message, file=sys.stderr, flush=True)


def need(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        raise SystemExit(f"{tool} is missing; it comes with the Debian "
                         f"package {package}:\n  apt-get install {package}")


def tree_name(package: str) -> str:
    """linux-source-X.Y's tree: linux-X.Y."""
    return package.replace("linux-source-", "linux-", 1)


def package_version(package: str) -> str:
    res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                         capture_output=True, text=True)
    return res.stdout.strip() or "unknown"


def debian_tree(package: str, dest: Path, tarballs: Path = Path("/usr/src"),
                version: str = "") -> Path:
    """dest as a git tree of an installed package's tarball in tarballs."""
    tarball = tarballs / f"{package}.tar.xz"
    if not tarball.exists():
        raise SystemExit(f"{tarball} is missing; it comes with the Debian "
                         f"package {package}:\n  apt-get install {package}")
    return cached_tree(package, version or package_version(package), dest,
                       lambda work: tarball)


def cached_tree(package: str, version: str, dest: Path,
                fetch: Callable[[Path], Path]) -> Path:
    """dest as the tree of the package's version: as it is if it holds that
    version, else extracted from the tarball that fetch() gives, given a
    scratch directory beside dest, which is removed afterwards."""
    for tool, deb in (("git", "git"), ("tar", "tar"), ("xz", "xz-utils")):
        need(tool, deb)
    subject = f"Debian {package} {version}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{dest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        bases = base_commits(dest, package)
        if subject in bases.values():
            return dest
        if dest.exists() or dest.is_symlink():
            make_room(dest, package, version, bases)
        with tempfile.TemporaryDirectory(dir=dest.parent,
                                         prefix=f"{dest.name}.new-") as work:
            extract(fetch(Path(work)), package, version, Path(work), dest)
    return dest


def base_commits(tree: Path, package: str) -> dict[str, str]:
    """The tree's root commits that name the package: hash -> subject."""
    if not (tree / ".git").is_dir():
        return {}
    roots = git(tree, "log", "--max-parents=0", "--format=%H %s", "--all")
    return {line[:40]: line[41:] for line in roots.splitlines()
            if line[41:].startswith(f"Debian {package} ")}


def make_room(dest: Path, package: str, version: str,
              bases: dict[str, str]) -> None:
    """Take the tree of another version away from dest: deleted when it is
    all the tool's own, else moved aside and left as it was."""
    held = ", ".join(sorted(bases.values())) or "no Debian base commit"
    theirs = users_work(dest)
    if not theirs:
        say(f"{dest} holds {held}, not {version}, and nothing but what "
            f"adder.py made: replacing it")
        # Renamed first: an interrupted removal leaves no half tree at dest.
        stale = Path(tempfile.mkdtemp(dir=dest.parent, prefix="stale-"))
        dest.rename(stale / dest.name)
        shutil.rmtree(stale)
        return
    old = sorted(s.removeprefix(f"Debian {package} ") for s in bases.values())
    aside = free_name(dest, "-".join(old) or "old")
    dest.rename(aside)
    carry = ""
    if bases:
        carry = (f"To carry a branch of yours over, onto the new base:\n"
                 f"  git -C {dest} fetch {aside} BRANCH:BRANCH\n"
                 f"  git -C {dest} rebase --onto master "
                 f"{min(bases)[:12]} BRANCH\n")
    say(f"{dest} held {held}, and work that adder.py did not make:\n"
        + "".join(f"  {line}\n" for line in theirs) +
        f"It is now {aside}, as it was: nothing was deleted. {dest} gets "
        f"{package} {version}.\n{carry}"
        f"Remove {aside} once nothing there is needed.")


def free_name(dest: Path, version: str) -> Path:
    """dest-VERSION, or dest-VERSION-N: a name nothing has yet."""
    name = f"{dest.name}-{re.sub(r'[^A-Za-z0-9.+~-]', '_', version)}"
    aside, n = dest.with_name(name), 1
    while aside.exists() or aside.is_symlink():
        n += 1
        aside = dest.with_name(f"{name}-{n}")
    return aside


def users_work(tree: Path) -> list[str]:
    """What in tree the tool did not make, a line each; [] when nothing."""
    if not (tree / ".git").is_dir():
        empty = tree.is_dir() and not any(tree.iterdir())
        return [] if empty else ["it is not a git tree"]
    # --all and --reflog cover every worktree's HEAD, branches, tags, the
    # stash, and commits a reset or an apply took off a branch.
    commits = not_made(tree, "--all", "--reflog")
    found = []
    if commits:
        found.append("commits:")
        found += one_per_line(tree, commits, 5).splitlines()
    status = git(tree, "status", "--porcelain", "--ignored").splitlines()
    changed = [s for s in status if not s.startswith("!! ")]
    top = [s for s in status if s.startswith("!! ")
           and "/" not in s[3:].rstrip("/")]
    if changed:
        found.append("changes that are not committed: "
                     + ", ".join(s[3:] for s in changed[:5])
                     + (" ..." if len(changed) > 5 else ""))
    if top:
        found.append("at its top, files that .gitignore ignores: "
                     + ", ".join(s[3:] for s in top))
    return found


def drop_debian_gitignore(text: str) -> str:
    """.gitignore without Debian's packaging rule (DEBIAN_GITIGNORE), and
    the blank line before it; unchanged where that rule is not found."""
    for rule, rest in (("\n\n" + DEBIAN_GITIGNORE, "\n"),
                       ("\n" + DEBIAN_GITIGNORE, "\n")):
        if rule in text:
            return text.replace(rule, rest, 1)
    return text


def extract(tarball: Path, package: str, version: str, work: Path,
            dest: Path) -> None:
    """The tarball's top directory, package/, as a git tree at dest."""
    say(f"extracting {tarball.name} into {dest}")
    if subprocess.run(["tar", "-xf", str(tarball), "-C", str(work)]).returncode:
        raise SystemExit(f"tar could not extract {tarball}")
    src = work / package
    if not src.is_dir():
        raise SystemExit(f"{tarball} holds no directory {package}/")
    message = (f"Debian {package} {version}\n\nThe kernel source of "
               f"Debian's package {package}, version\n{version}, as its "
               f"tarball {tarball.name} holds it.\n")
    gitignore = src / ".gitignore"
    text = gitignore.read_text() if gitignore.exists() else ""
    if drop_debian_gitignore(text) != text:
        gitignore.write_text(drop_debian_gitignore(text))
        message += ("\nBut for one change: .gitignore ends without the rule "
                    "Debian's packaging\nadds there (\"/*\" and "
                    "\"!/debian/\", with its comment), which ignores\nevery "
                    "top-level entry and so makes git add refuse every file "
                    "of the\ntree.\n")
    git(src, "init", "-q", "-b", "master")
    # No background repacking of the 80,000 loose objects during builds,
    # and no fsync of each one: a lost tree is extracted again.
    git(src, "config", "gc.auto", "0")
    git(src, "config", "core.fsync", "none")
    # -f: upstream tracks files that its own .gitignore matches (the
    # dotfiles under its ".*" rule, 452 files in 7.2), and the base is the
    # whole tarball.
    git(src, "add", "-A", "-f")
    # Neither the user's hooks nor their signature on Debian's tree.
    git(src, "commit", "-q", "--no-verify", "--no-gpg-sign", "-F", "-",
        env=AUTHOR, stdin=message)
    record_made(src, [git(src, "rev-parse", "HEAD").strip()])
    src.rename(dest)
