#!/usr/bin/env bash
# Makes sure the cgroup v2 test VM can run: installs qemu and busybox-static
# when missing, fetches Debian's kernel package once and caches an
# uncompressed vmlinux plus its modules under $CACHE (default .cache/).
# Prints nothing but progress; idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
CACHE="${CGV2_CACHE:-$here/.cache}"
mkdir -p "$CACHE"

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
command -v xz >/dev/null || need+=(xz-utils)
command -v depmod >/dev/null || need+=(kmod)
if [ ${#need[@]} -gt 0 ]; then
    echo "cgroup-v2: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The kernel: Debian's linux-image-amd64 (unpacked, not installed).
if [ ! -s "$CACHE/vmlinux" ] || [ ! -d "$CACHE/kernel/lib/modules" ]; then
    pkg="$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')"
    if [ -z "$pkg" ]; then
        apt-get update -qq
        pkg="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')"
    fi
    echo "cgroup-v2: fetching $pkg"
    rm -rf "$CACHE/kernel" "$CACHE"/*.deb
    (cd "$CACHE" && apt-get -o APT::Sandbox::User=root download -qq "$pkg" >/dev/null)
    dpkg -x "$CACHE"/"$pkg"_*.deb "$CACHE/kernel"
    rm -f "$CACHE"/*.deb
    kver="$(ls "$CACHE/kernel/lib/modules" | head -n1)"
    # The package ships no modules.dep (postinst makes it).
    depmod -b "$CACHE/kernel" "$kver"
    # Booting the compressed bzImage costs seconds of decompression under
    # TCG: find the payload inside it and keep the plain ELF.
    bz="$CACHE/kernel/boot/vmlinuz-$kver"
    rm -f "$CACHE/vmlinux"
    for magic in '\xfd\x37\x7a\x58\x5a\x00:xz -dc' '\x28\xb5\x2f\xfd:zstd -dc' '\x1f\x8b\x08:gzip -dc'; do
        pattern="${magic%%:*}"; tool="${magic#*:}"
        command -v "${tool%% *}" >/dev/null || continue
        for off in $(LC_ALL=C grep -obUaP "$pattern" "$bz" | cut -d: -f1); do
            tail -c +$((off + 1)) "$bz" | $tool > "$CACHE/vmlinux.tmp" 2>/dev/null || true
            if [ "$(head -c 4 "$CACHE/vmlinux.tmp" | od -An -tx1 | tr -d ' ')" = "7f454c46" ]; then
                mv "$CACHE/vmlinux.tmp" "$CACHE/vmlinux"
                break 2
            fi
        done
    done
    rm -f "$CACHE/vmlinux.tmp"
    if [ ! -s "$CACHE/vmlinux" ]; then
        echo "cgroup-v2: could not extract vmlinux; booting the bzImage" >&2
        cp "$bz" "$CACHE/vmlinux"
    fi
    echo "$kver" > "$CACHE/kernel-version"
fi
