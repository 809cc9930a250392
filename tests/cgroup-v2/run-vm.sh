#!/usr/bin/env bash
# Boots Debian's kernel under qemu (TCG) with a generated initramfs and runs
# a test script in it as root on a pure cgroup v2 system. The guest's
# console is copied to stdout and to the log; the exit status is the
# script's.
#
#   run-vm.sh [--script FILE] [--file SRC[:DEST]]... [--module NAME]...
#             [--tmpfs-root] [--memory MB] [--timeout SEC] [--append ARGS] [--log FILE]
#
#   --script     guest script, run as `sh /test.sh` (default: selftest.sh)
#   --file       copy SRC (file or directory) into the guest at DEST
#                (default: /SRC-basename); repeatable
#   --module     kernel module to load with its dependencies (default: loop
#                overlay); repeatable, the first use replaces the default
#   --tmpfs-root move / from the initramfs to a tmpfs first (for pivot_root)
# Needs prepare.sh to have run (the make target does it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
CACHE="${CGV2_CACHE:-$here/.cache}"
script="$here/selftest.sh"
files=() modules=() custom_modules=0
memory=1024 timeout=300 append="" log="" tmpfsroot=""
while [ $# -gt 0 ]; do
    case "$1" in
        --script) script="$2"; shift 2 ;;
        --file) files+=("$2"); shift 2 ;;
        --module) modules+=("$2"); custom_modules=1; shift 2 ;;
        --tmpfs-root) tmpfsroot="swiftlet.tmpfsroot"; shift ;;
        --memory) memory="$2"; shift 2 ;;
        --timeout) timeout="$2"; shift 2 ;;
        --append) append="$2"; shift 2 ;;
        --log) log="$2"; shift 2 ;;
        *) echo "run-vm.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ "$custom_modules" = 1 ] || modules=(loop overlay)
[ -s "$CACHE/vmlinux" ] || { echo "run-vm.sh: no kernel in $CACHE; run prepare.sh" >&2; exit 2; }
kver="$(cat "$CACHE/kernel-version")"
moddir="$CACHE/kernel/lib/modules/$kver"

work="$(mktemp -d "$CACHE/run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/bin" "$root/etc" "$root/lib/modules"
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$here/init.sh" "$root/init"
install -m 0755 "$script" "$root/test.sh"

# Modules in dependency order (modules.dep lists a module's dependencies).
declare -A seen=()
add_module() {
    local path="$1" dep
    [ -n "${seen[$path]:-}" ] && return 0
    seen[$path]=1
    for dep in $(awk -v m="$path:" '$1 == m { $1 = ""; print }' "$moddir/modules.dep"); do add_module "$dep"; done
    mkdir -p "$root/lib/modules/$(dirname "$path")"
    cp "$moddir/$path" "$root/lib/modules/$path"
    echo "$path" >> "$root/etc/vm-modules"
}
: > "$root/etc/vm-modules"
for m in "${modules[@]}"; do
    path="$(awk -F: -v m="$m" '{ n = $1; sub(".*/", "", n); sub("\\.ko.*", "", n); if (n == m) { print $1; exit } }' "$moddir/modules.dep")"
    [ -n "$path" ] || { echo "run-vm.sh: no module $m in $kver (built in?)" >&2; continue; }
    add_module "$path"
done

for spec in "${files[@]}"; do
    src="${spec%%:*}"
    dest="/$(basename "$src")"
    [ "$spec" != "$src" ] && dest="${spec#*:}"
    mkdir -p "$root$(dirname "$dest")"
    cp -a "$src" "$root$dest"
done

(cd "$root" && find . | cpio -o -H newc --quiet) > "$work/initramfs.cpio"

console="$work/console.log"
args="console=ttyS0 rdinit=/init panic=-1 quiet mitigations=off cryptomgr.notests no_timer_check tsc=reliable"
args="$args cgroup_no_v1=all $tmpfsroot $append"
start=$(date +%s.%N)
set +e
timeout --foreground "$timeout" qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m "$memory" \
    -nodefaults -display none -no-reboot -serial stdio \
    -kernel "$CACHE/vmlinux" -initrd "$work/initramfs.cpio" -append "$args" \
    </dev/null 2>&1 | tr -d '\r' | tee "$console"
qrc=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
[ -n "$log" ] && cp "$console" "$log"
rc="$(sed -n 's/^@@cgroup-v2-vm: exit \([0-9]*\).*/\1/p' "$console" | tail -n1)"
awk -v a="$start" -v b="$end" -v q="$qrc" 'BEGIN { printf "cgroup-v2 VM: %.1f s (qemu status %s)\n", b - a, q }'
if [ -z "$rc" ]; then
    [ "$qrc" = 124 ] && echo "run-vm.sh: timed out after ${timeout}s" >&2 || echo "run-vm.sh: no exit status from the guest" >&2
    exit 1
fi
exit "$rc"
