#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the test harness (and the demo) need.
# Usage: deps.sh [check|demo]
# Only runs apt-get when something is missing, so a warm machine pays nothing.
set -eu

base_pkgs="build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils
	kmod python3 sparse mandoc busybox-static qemu-system-x86 dkms
	clang libclang-rt-14-dev libc6-dev
	linux-source-6.1 linux-source-6.12"
demo_pkgs="linux-image-amd64 linux-headers-amd64"

want="$base_pkgs linux-headers-amd64"
[ "${1:-check}" = demo ] && want="$base_pkgs $demo_pkgs"

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
