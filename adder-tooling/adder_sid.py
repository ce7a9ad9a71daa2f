# SPDX-License-Identifier: GPL-2.0
"""The newest kernel source of Debian sid, fetched by a private apt.

    adder.py sid-tree [--mirror URL] CACHE

Debian's unstable suite, sid, ships Debian's newest kernel source as an
architecture-independent package, linux-source-X.Y (linux-source-7.2,
version 7.2.13-1, when this was written). sid-tree takes the newest
linux-source-X.Y that sid offers, whatever X.Y and version it has that
day, prints which one on stderr, and keeps its kernel as the git tree
CACHE/linux-X.Y (adder_debian.py), whose path is all it prints on
stdout. When sid moves on to another X.Y, the tree of the older one
stays in the cache as it is; a new version of the same X.Y replaces it
as adder_debian.py says.

apt works from a configuration of its own, CACHE/apt-sid/apt.conf
(apt_config()), read after the system's: a sources list whose one line
is "deb [arch=NATIVE] URL sid main", URL being the archive the machine's
own apt sources take their release's main component from (or --mirror);
lists, cache, state and an empty dpkg status of its own, so that apt sees
sid alone and locks only its own directories; and no update hooks. The
system's apt configuration and state are read, never written, and
nothing is installed: apt-get download puts the .deb into a scratch
directory in the cache, and only the tarball is taken out of it
(dpkg-deb --fsys-tarfile), then both are removed.
"""

import fcntl
import platform
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import NamedTuple, Optional

from adder_debian import cached_tree, need, say, tree_name

SUITE = "sid"


class Source(NamedTuple):
    package: str
    version: str
    size: int


def release_mirror(indextargets: str, release: str) -> Optional[str]:
    """The archive apt takes release's main component from, out of
    apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)'."""
    for line in indextargets.splitlines():
        fields = line.split()
        if fields[1:] == [release, "main"]:
            return fields[0]
    return None


def apt_config(root: Path) -> str:
    """The private configuration of the apt in root, as apt.conf text."""
    return f"""\
Dir::Etc::SourceList "{root}/sources.list";
Dir::Etc::SourceParts "/dev/null";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "/dev/null";
Dir::State "{root}/state";
Dir::State::Lists "{root}/lists";
Dir::State::status "{root}/status";
Dir::Cache "{root}/cache";
Acquire::Languages "none";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
"""


def sources_list(mirror: str, arch: str) -> str:
    # The native architecture alone: the .deb is "all", and the indexes of
    # foreign architectures would only make each update longer.
    return f"deb [arch={arch}] {mirror} {SUITE} main\n"


def newest_source(packages: str) -> Optional[Source]:
    """The newest linux-source-X.Y in Packages-style stanzas."""
    best: Optional[tuple[tuple[int, int], Source]] = None
    for stanza in packages.split("\n\n"):
        fields = dict(re.findall(r"(?m)^([\w-]+): (.*)$", stanza))
        name = re.fullmatch(r"linux-source-(\d+)\.(\d+)",
                            fields.get("Package", ""))
        if name and "Version" in fields:
            key = (int(name[1]), int(name[2]))
            if best is None or key > best[0]:
                best = key, Source(name[0], fields["Version"],
                                   int(fields.get("Size", "0")))
    return best[1] if best else None


def own_mirror() -> str:
    release = platform.freedesktop_os_release().get("VERSION_CODENAME", "")
    targets = subprocess.run(
        ["apt-get", "indextargets", "--format",
         "$(REPO_URI) $(RELEASE) $(COMPONENT)"],
        capture_output=True, text=True).stdout
    mirror = release_mirror(targets, release)
    if not mirror:
        raise SystemExit(f"sid-tree: the machine's apt sources have no "
                         f"'{release} main' to take the Debian mirror from; "
                         f"name one with --mirror")
    return mirror


class PrivateApt:
    """apt-get and apt-cache with the configuration in CACHE/apt-sid."""

    def __init__(self, cache: Path, mirror: str) -> None:
        self.cache, self.mirror = cache, mirror
        self.root = cache / "apt-sid"
        for sub in ("lists/partial", "cache/archives/partial", "state"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        (self.root / "status").touch()
        (self.root / "apt.conf").write_text(apt_config(self.root))
        arch = subprocess.run(["dpkg", "--print-architecture"],
                              capture_output=True, text=True).stdout.strip()
        (self.root / "sources.list").write_text(sources_list(mirror, arch))

    def run(self, *args: str, cwd: Optional[Path] = None) -> str:
        res = subprocess.run([args[0], "-c", str(self.root / "apt.conf"),
                              *args[1:]], cwd=cwd, capture_output=True,
                             text=True)
        if res.returncode:
            said = (res.stdout + res.stderr).strip().splitlines()[-6:]
            raise SystemExit(
                f"sid-tree: {' '.join(args)} failed, with Debian {SUITE} from "
                f"{self.mirror} ({self.root / 'sources.list'}):\n  "
                + "\n  ".join(said) + offline_hint(self.cache))
        return res.stdout

    def newest(self) -> Source:
        # --error-on=any: without it, a mirror that cannot be reached is
        # only a warning, and the lists of an older update are used.
        self.run("apt-get", "update", "--error-on=any")
        found = [line.split()[0] for line in self.run(
            "apt-cache", "search", "--names-only",
            r"^linux-source-[0-9]+\.[0-9]+$").splitlines() if line.strip()]
        source = newest_source(self.run("apt-cache", "show",
                                        "--no-all-versions", *found)) \
            if found else None
        if source is None:
            raise SystemExit(f"sid-tree: Debian {SUITE} from {self.mirror} "
                             f"offers no linux-source-X.Y package")
        return source

    def download(self, source: Source, work: Path) -> Path:
        """The tarball of source's .deb, downloaded into work."""
        say(f"downloading {source.package} {source.version} "
            f"({source.size // 1000000} MB)")
        self.run("apt-get", "download", f"{source.package}={source.version}",
                 cwd=work)
        return unpack_tarball(work, source.package)


def sid_tree(cache: Path, mirror: str = "") -> Path:
    """The tree of sid's newest linux-source-X.Y in cache, made if need be."""
    for tool, package in (("apt-get", "apt"), ("apt-cache", "apt"),
                          ("dpkg-deb", "dpkg")):
        need(tool, package)
    (cache / "apt-sid").mkdir(parents=True, exist_ok=True)
    # One caller at a time: apt itself would fail, not wait, on its lock.
    with open(cache / "apt-sid" / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        apt = PrivateApt(cache, mirror or own_mirror())
        source = apt.newest()
        dest = cache / tree_name(source.package)
        say(f"Debian {SUITE} ({apt.mirror}) offers {source.package} "
            f"{source.version}, its newest kernel source: {dest}")
        return cached_tree(source.package, source.version, dest,
                           lambda work: apt.download(source, work))


def unpack_tarball(work: Path, package: str) -> Path:
    """Take usr/src/PACKAGE.tar.xz out of the .deb in work; remove the .deb."""
    deb, = work.glob(f"{package}_*.deb")
    tarball = work / f"{package}.tar.xz"
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)],
                          stdout=subprocess.PIPE) as unpack:
        assert unpack.stdout is not None
        # Read to the end, past the tarball: a pipe closed early would make
        # dpkg-deb fail on a write.
        with tarfile.open(fileobj=unpack.stdout, mode="r|") as members:
            for member in members:
                content = members.extractfile(member)
                if content and member.name.removeprefix("./") == \
                        f"usr/src/{tarball.name}":
                    with content, open(tarball, "wb") as out:
                        shutil.copyfileobj(content, out)
    deb.unlink()
    if unpack.returncode or not tarball.exists():
        raise SystemExit(f"sid-tree: {deb.name} holds no "
                         f"usr/src/{tarball.name}")
    return tarball


def offline_hint(cache: Path) -> str:
    trees = sorted(str(p) for p in cache.glob("linux-*")
                   if (p / ".git").is_dir())
    if not trees:
        return ""
    return ("\nThe trees already in the cache can be used as they are, "
            "without the network\n(make check KDIR=TREE, adder.py apply "
            "--kdir TREE):" + "".join(f"\n  {t}" for t in trees))
