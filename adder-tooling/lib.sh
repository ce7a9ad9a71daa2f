# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Shared by the project's scripts: where things live, stage lines, logs,
# Debian packages, the kernel builds and the VMs. Sourced, not run, and
# sourcing it does nothing but define: a script calls init_run to set up
# its environment and directories, and load_arch for an architecture.
#
# The user's settings, read here: KDIR (the kernel tree), ADDER_CACHE (the
# cache directory) and JOBS (make's jobs). Everything else a script gets
# as arguments.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=$REPO/adder-tooling
# Kernel trees, kbuild output and ccache: reused from run to run, and kept
# outside the clone so a fresh clone still finds them.
CACHE=${ADDER_CACHE:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache/adder}
# Logs, KTAP and other results of this run, inside the clone (gitignored).
OUT=$REPO/out
LOGS=$OUT/logs
# The kernel tree the feature is applied to: the user's KDIR, or by default
# the newest Linux Debian ships, sid's linux-source-X.Y, extracted into
# the cache as linux-X.Y; $CACHE/linux names the one fetched last (see
# default_tree). The trees in the cache are the project's: work of your
# own belongs in a tree of your own, given as KDIR.
KDIR_GIVEN=${KDIR:-}
KDIR=${KDIR:-$(readlink -f "$CACHE/linux" || echo "$CACHE/linux")}
# One job more than cores keeps both busy while a job waits on the disk,
# the linker or one of kbuild's serial steps.
JOBS=${JOBS:-$(($(nproc) + 1))}

# init_run: what a script that builds or runs anything sets up first.
init_run() {
	# Debian's own python3 first: the kernel's scripts (kunit.py,
	# checkpatch's spdxcheck.py) import modules that come as Debian
	# packages.
	export PATH=/usr/bin:/bin:$PATH
	export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
	export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
	# Fixed build stamps: the same source gives the same objects, so
	# ccache hits.
	export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2024-11-17}
	export KBUILD_BUILD_USER=adder KBUILD_BUILD_HOST=adder
	mkdir -p "$CACHE/build" "$LOGS"
}

# builds: kbuild output and other build directories for $KDIR, one set per
# kernel tree (kbuild's O= belongs to one source tree): the cache's trees
# by their names (linux-7.2), any other by its name and a hash of its path.
builds() {
	local id
	id=$(basename "$KDIR")
	case $KDIR in
	"$CACHE"/*) ;;
	*) id=$id-$(printf '%s' "$KDIR" | sha256sum | cut -c1-8) ;;
	esac
	echo "$CACHE/build/$id"
}

# tree_tag: what sets apart the logs and results of a run on another tree
# of the cache than the default one, a backport's (-linux-6.12): nothing
# for the default tree or a tree of the user's.
tree_tag() {
	case $KDIR in
	"$(readlink -f "$CACHE/linux" || true)") ;;
	"$CACHE"/*) echo "-$(basename "$KDIR")" ;;
	esac
}

stage() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# logged NAME CMD...: run CMD with its output in $LOGS/NAME.log; on failure
# show the end of the log. Returns CMD's status.
logged() {
	local log=$LOGS/$1.log status=0
	shift
	mkdir -p "$LOGS"
	note "log: $log"
	"$@" >"$log" 2>&1 || status=$?
	if [ "$status" -ne 0 ]; then
		printf '    failed (exit %s); last lines of %s:\n' "$status" "$log"
		tail -n 25 "$log" | sed 's/^/    | /'
	fi
	return "$status"
}

# need_packages PKG...: install the Debian packages that are missing, or,
# when not root, print the exact command that would.
need_packages() {
	local missing=() pkg
	for pkg in "$@"; do
		[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = \
			"install ok installed" ] || missing+=("$pkg")
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		die "missing Debian packages; as root run:
  apt-get update && apt-get install -y ${missing[*]}"
	fi
	stage "installing Debian packages: ${missing[*]}"
	logged apt-get env DEBIAN_FRONTEND=noninteractive sh -c \
		'apt-get update && apt-get install -y --no-install-recommends "$@"' \
		apt-get "${missing[@]}"
}

# Packages every kernel build here needs.
# shellcheck disable=SC2034 # used by the scripts that source this file
KERNEL_BUILD_PACKAGES=(build-essential bc bison flex libelf-dev libssl-dev
	cpio xz-utils ccache python3 git rsync kmod python3-ply python3-git)

# kmake BUILD_DIR ARGS...: make in the kernel tree, out of tree, for the
# architecture load_arch loaded. ccache only where a build directory is
# built again from other sources: the series' walk through its commits,
# in the x86_64 VM kernel's directory of the series' own tree (see
# series-build). Everywhere else kbuild's own output directory, kept in
# the cache, is what makes a second run fast, and on a first run ccache
# only costs: measured here, it made a cold arm64 VM kernel take 378 s
# instead of 203 s. (The two must not alternate on one directory: kbuild
# rebuilds every object whose command line changed.)
kmake() {
	local build=$1 cc=${CROSS_COMPILE}gcc hostcc=gcc
	shift
	if [ "${ARCH_NAME:-}" = x86_64 ] && [ -z "$(tree_tag)" ]; then
		cc="ccache $cc" hostcc="ccache gcc"
	fi
	make -C "$KDIR" O="$build" -j"$JOBS" "CC=$cc" "HOSTCC=$hostcc" \
		${CROSS_COMPILE:+CROSS_COMPILE=$CROSS_COMPILE} "$@"
}

# load_arch ARCH: the architecture of arch/ARCH/, which the VM scripts
# build and boot: its fragment (vm.config) and how QEMU boots it
# (qemu.env: its variables are set here, and those below).
load_arch() {
	ARCH_NAME=$1
	ARCH_DIR=$REPO/arch/$ARCH_NAME
	[ -f "$ARCH_DIR/qemu.env" ] ||
		die "no $ARCH_DIR/qemu.env: unsupported architecture '$ARCH_NAME'"
	# A cross-built architecture's qemu.env names its compiler and packages.
	CROSS_COMPILE='' CROSS_PACKAGES='' DEB_ARCH='' SELFTEST_PACKAGES=''
	SELFTEST_MAKE_VARS=''
	BUSYBOX_FROM=host
	# shellcheck source=../arch/x86_64/qemu.env
	. "$ARCH_DIR/qemu.env"
	# shellcheck disable=SC2206 # lists of package names
	VM_PACKAGES=("${KERNEL_BUILD_PACKAGES[@]}" $QEMU_PACKAGE $CROSS_PACKAGES)
	# The compiler of the VM's userspace programs (linked static).
	# shellcheck disable=SC2034 # used by the scripts that source this file
	TARGET_CC=${CROSS_COMPILE}gcc
	case $BUSYBOX_FROM in
	host) VM_PACKAGES+=(busybox-static) ;;
	source) VM_PACKAGES+=(dpkg-dev) ;;
	esac
}

# vm_busybox: the path of a static busybox for the VM's architecture,
# from where its qemu.env's BUSYBOX_FROM says: "host" (Debian's
# busybox-static of this machine), "multiarch" (the same package of the
# VM's architecture) or "source" (cross-built from Debian's busybox source
# package, for an architecture Debian does not release). The two last are
# kept in the cache.
vm_busybox() {
	local dir=$CACHE/busybox-$DEB_ARCH
	case $BUSYBOX_FROM in
	host)
		command -v busybox ||
			die "busybox is missing (Debian package busybox-static)"
		return ;;
	multiarch) [ -x "$dir/bin/busybox" ] || busybox_multiarch "$dir" >&2 ;;
	source) [ -x "$dir/bin/busybox" ] || busybox_from_source "$dir" >&2 ;;
	*) die "$ARCH_DIR/qemu.env: BUSYBOX_FROM=$BUSYBOX_FROM is none of host, multiarch, source" ;;
	esac
	# Called as $(vm_busybox), where set -e stops nothing: check the end.
	[ -x "$dir/bin/busybox" ] || die "no busybox for $DEB_ARCH in $dir"
	echo "$dir/bin/busybox"
}

# busybox_multiarch DIR: unpack Debian's busybox-static:$DEB_ARCH into DIR.
busybox_multiarch() {
	local dir=$1 added='' deb
	if ! grep -qx "$DEB_ARCH" <<<"$(dpkg --print-foreign-architectures)"; then
		[ "$(id -u)" -eq 0 ] || die "Debian's busybox-static:$DEB_ARCH is needed; as root run:
  dpkg --add-architecture $DEB_ARCH && apt-get update"
		stage "adding Debian architecture $DEB_ARCH, for its busybox-static"
		dpkg --add-architecture "$DEB_ARCH" || die "dpkg --add-architecture $DEB_ARCH failed"
		added=yes
		if ! logged apt-get-update apt-get update; then
			dpkg --remove-architecture "$DEB_ARCH"
			die "apt-get update failed"
		fi
	fi
	{ rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"; } || die "cannot write $dir.tmp"
	if ! (cd "$dir.tmp" && logged busybox-download apt-get download \
		"busybox-static:$DEB_ARCH"); then
		# Leave dpkg as it was: an architecture with no packages here
		# would only slow every apt-get update down.
		[ -z "$added" ] || dpkg --remove-architecture "$DEB_ARCH"
		die "Debian $(cat /etc/debian_version) has no busybox-static for $DEB_ARCH; set BUSYBOX_FROM=source in $ARCH_DIR/qemu.env"
	fi
	deb=$(ls "$dir.tmp"/busybox-static_*.deb)
	dpkg-deb -x "$deb" "$dir.tmp/root" || die "could not unpack $deb"
	{ rm -rf "$dir" && mv "$dir.tmp/root" "$dir" && rm -rf "$dir.tmp"; } ||
		die "cannot move busybox into $dir"
}

# busybox_from_source DIR: cross-build Debian's busybox source package of
# this release with Debian's own configuration of busybox-static, as its
# debian/rules does, and put the binary into DIR/bin.
busybox_from_source() {
	local dir=$1 work=$CACHE/busybox-src suite mirror apt dsc
	# shellcheck source=/dev/null # the running system's
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$suite" ] || die "no VERSION_CODENAME in /etc/os-release: which Debian release is this?"
	mirror=$(debian_mirror "$suite")
	stage "cross-building busybox $DEB_ARCH from Debian's busybox source ($suite, $mirror)"
	{ rm -rf "$work" && mkdir -p "$work/apt/lists/partial" "$work/apt/cache"; } ||
		die "cannot write $work"
	# A sources list of its own, from the mirror the machine's apt uses:
	# the machine's apt configuration is left as it is, and needs no
	# deb-src line.
	echo "deb-src $mirror $suite main" >"$work/apt/sources.list" ||
		die "cannot write $work/apt/sources.list"
	apt=(apt-get -o "Dir::Etc::SourceList=$work/apt/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$work/apt/lists"
		-o "Dir::Cache=$work/apt/cache")
	logged busybox-sources "${apt[@]}" update ||
		die "could not read Debian's source index for $suite"
	(cd "$work" && logged busybox-source "${apt[@]}" source --download-only busybox) ||
		die "could not download Debian's busybox source package"
	dsc=$(ls "$work"/busybox_*.dsc)
	logged busybox-unpack dpkg-source -x "$dsc" "$work/src" ||
		die "could not unpack $dsc (dpkg-source is in dpkg-dev)"
	{ mkdir -p "$work/b" && cat "$work/src/debian/config/os/linux" \
		"$work/src/debian/config/pkg/static" >"$work/b/.config"; } ||
		die "no busybox-static config in $work/src/debian/config"
	local bbmake=(make -C "$work/b" -f "$work/src/Makefile"
		KBUILD_SRC="$work/src" CROSS_COMPILE="$CROSS_COMPILE")
	logged busybox-config sh -c 'yes "" | "$@" silentoldconfig' sh \
		"${bbmake[@]}" || die "busybox's silentoldconfig failed"
	grep -qx CONFIG_STATIC=y "$work/b/.config" ||
		die "Debian's busybox-static config does not link it static any more"
	logged busybox-build "${bbmake[@]}" -j"$JOBS" busybox ||
		die "cross-building busybox for $DEB_ARCH failed"
	{ rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/bin" &&
		cp "$work/b/busybox" "$dir.tmp/bin/" &&
		rm -rf "$dir" && mv "$dir.tmp" "$dir" && rm -rf "$work"; } ||
		die "cannot move busybox into $dir"
	note "built $(basename "$dsc" .dsc) for $DEB_ARCH"
}

# debian_mirror SUITE: the archive the machine's own apt sources take
# SUITE's main component from.
debian_mirror() {
	local targets mirror
	# Read whole, then searched: awk leaving early would stop apt-get with
	# SIGPIPE, a failure under pipefail.
	# shellcheck disable=SC2016 # apt-get's own $(FIELD) syntax
	targets=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)') ||
		die "apt-get indextargets failed"
	mirror=$(awk -v suite="$1" '$2 == suite && $3 == "main" { print $1; exit }' \
		<<<"$targets")
	[ -n "$mirror" ] ||
		die "the machine's apt sources have no '$1 main'; add it, then apt-get update"
	echo "$mirror"
}

# cross_compiler ARCH: for kbuild's or kunit.py's ARCH, four words from
# adder-tooling/cross-compilers: the CROSS_COMPILE prefix ("-" for this
# machine's gcc), the compiler's Debian package, the package of the QEMU
# kunit.py boots it with, the C library's. Nothing where Debian has no
# compiler for ARCH.
cross_compiler() {
	awk -v arch="$1" '$1 == arch { print $2, $3, $4, $5 }' "$TOOLS/cross-compilers"
}

# commit_id: the commit $KDIR's tree is, or nothing when it has
# uncommitted edits: only a clean tree's builds can be recorded by commit.
commit_id() {
	[ -n "$(git -C "$KDIR" status --porcelain)" ] || git -C "$KDIR" rev-parse HEAD
}

# kvm_usable: KVM can run a guest here: /dev/kvm opens, and the CPU has
# vmx or svm (a /dev/kvm without them starts a guest that hangs).
kvm_usable() { [ -w /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; }

# vm_accel: QEMU's accelerator here. KVM only for a guest of the host's own
# architecture, and where it is usable; TCG otherwise.
vm_accel() {
	if [ -z "$CROSS_COMPILE" ] && kvm_usable; then
		echo kvm
	else
		echo tcg
	fi
}

# vm_build_dir: kbuild output of the VM kernel. Its variants (adder,
# no-adder) share it: switching CONFIG_ADDER_SYSCALL rebuilds only what
# depends on it, where a directory of its own would compile every file
# again.
vm_build_dir() { echo "$(builds)/vm-${ARCH_NAME:?load_arch first}"; }
# vm_variant_dir VARIANT: where vm-kernel keeps that variant's kernel:
# image, vmlinux, kernel.release.
vm_variant_dir() { echo "$(vm_build_dir)/variant-$1"; }

# kunit_qemu_config: the options kunit.py's QEMU config for this
# architecture adds to every kunitconfig (its serial console).
kunit_qemu_config() {
	grep -Eo '^CONFIG_[A-Z0-9_]+=[ymn]' \
		"$KDIR/tools/testing/kunit/qemu_configs/$KUNIT_ARCH.py"
}

# kunit_kernel_path: the image kunit.py's QEMU config for this
# architecture boots, in a build directory (arm64: Image.gz, not Image).
kunit_kernel_path() {
	sed -n "s/^[[:space:]]*kernel_path='\([^']*\)'.*/\1/p" \
		"$KDIR/tools/testing/kunit/qemu_configs/$KUNIT_ARCH.py"
}

# config_check CONFIG FRAGMENT...: every value the fragments ask for (the
# last one wins, as in merge_config.sh) is in the final .config: Kconfig
# drops what it cannot satisfy without a word.
config_check() {
	local config=$1 line name bad=0
	local -A want=()
	shift
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) want[${line%%=*}]="# ${line%%=*} is not set" ;;
		CONFIG_*=*) want[${line%%=*}]=$line ;;
		"# CONFIG_"*" is not set") name=${line#\# }
			want[${name%% *}]=$line ;;
		esac
	done < <(cat "$@")
	for name in "${!want[@]}"; do
		grep -qxF "${want[$name]}" "$config" && continue
		note "asked for '${want[$name]}', got '$(grep -E "(^|# )${name}[= ]" \
			"$config" || echo "no $name at all")'"
		bad=1
	done
	return "$bad"
}

# default_tree: fetch the newest linux-source Debian sid ships, through an
# apt configuration of the cache's own (adder.py sid-tree; nothing is
# installed), extract it as a git tree into the cache if it is not there,
# point $CACHE/linux at it, and export it as KDIR, so that the scripts
# this one runs take the same tree without fetching again.
default_tree() {
	local tree
	need_packages "${KERNEL_BUILD_PACKAGES[@]}"
	stage "the newest Linux in Debian sid (linux-source-X.Y)"
	tree=$("$TOOLS/adder.py" sid-tree "$CACHE") ||
		die "could not get Debian sid's linux-source"
	[ -d "$tree/.git" ] || die "adder.py sid-tree gave no tree: '$tree'"
	ln -sfn "$(basename "$tree")" "$CACHE/linux"
	export KDIR=$tree
	KDIR_GIVEN=$tree
}

# apply_feature [--check]: put adder() onto $KDIR (a new branch there);
# with --check, change nothing and fail unless it is there already.
# shellcheck disable=SC2119,SC2120 # --check is optional
apply_feature() {
	[ -n "$KDIR_GIVEN" ] || default_tree
	stage "applying adder() to $KDIR"
	"$TOOLS/adder.py" apply --kdir "$KDIR" "$@"
}

# checkpatch [-f] FILE...: the kernel's scripts/checkpatch.pl --strict on
# each FILE, a patch (or with -f a file of $KDIR), which must come out
# with 0 errors, 0 warnings and 0 checks; what it says otherwise is shown.
checkpatch() {
	local opts=() file out status=0
	[ "${1:-}" != -f ] || { opts=(-f); shift; }
	[ "$#" -gt 0 ] || { note "checkpatch: nothing to check"; return 1; }
	for file; do
		out=$(cd "$KDIR" && ./scripts/checkpatch.pl --strict "${opts[@]}" \
			"$file" 2>&1) || status=1
		if grep -qx 'total: 0 errors, 0 warnings, 0 checks, [0-9]* lines checked' \
			<<<"$out"; then
			note "clean: $(basename "$file")"
		else
			note "NOT clean: $file"
			printf '%s\n' "$out" | sed 's/^/    | /'
			status=1
		fi
	done
	return "$status"
}

# get_maintainer OPTION... FILE...: the kernel's scripts/get_maintainer.pl
# in $KDIR, from MAINTAINERS alone (the git history would name the base
# commit's author as a reviewer), one address a line, each once.
get_maintainer() {
	(cd "$KDIR" && ./scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback "$@") | awk '!seen[$0]++'
}

# The series checks visit older commits in $KDIR itself: a second checkout
# of the kernel would mean a second cold build of everything. Leaving, the
# tree goes back to where it was, and the files the series touches get
# their old mtimes back, so other build directories see nothing changed.
# visit_begin: remember where $KDIR is; visit_end (run on exit) returns.
visit_begin() {
	[ -z "$(git -C "$KDIR" status --porcelain)" ] ||
		die "$KDIR has uncommitted changes; not checking out other commits there"
	visit_home=$(git -C "$KDIR" symbolic-ref -q --short HEAD ||
		git -C "$KDIR" rev-parse HEAD)
	visit_mtimes=$(mktemp -d)
	local path
	while IFS= read -r path; do
		[ -e "$KDIR/$path" ] || continue
		mkdir -p "$visit_mtimes/$(dirname "$path")"
		touch -r "$KDIR/$path" "$visit_mtimes/$path"
	done < <(git -C "$KDIR" diff --name-only refs/adder/base HEAD)
	trap visit_end EXIT
}
visit_end() {
	git -C "$KDIR" checkout -q "$visit_home" || return
	(cd "$visit_mtimes" && find . -type f -printf '%P\n') |
		while IFS= read -r path; do
			touch -r "$visit_mtimes/$path" "$KDIR/$path"
		done
	rm -rf "$visit_mtimes"
}
# visit COMMIT: check COMMIT out in $KDIR (between visit_begin and _end).
visit() { git -C "$KDIR" checkout -q --detach "$1"; }
