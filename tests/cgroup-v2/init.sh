#!/bin/busybox sh
# /init of the cgroup v2 test VM (generated initramfs). Mounts the API
# filesystems and cgroup2, loads the requested modules, runs /test.sh and
# reports its exit status on the console for run-vm.sh.
/bin/busybox mkdir -p /proc /sys /dev /tmp /run /bin /sbin /usr/bin /usr/sbin
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mkdir -p /dev/pts /dev/shm /root
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm

if grep -qw swiftlet.tmpfsroot /proc/cmdline && [ "$$" = 1 ] && [ -z "$CGV2_SWITCHED" ]; then
    # pivot_root(2) refuses the initramfs as old root: move everything to
    # a real tmpfs and start over from there.
    mkdir -p /newroot && mount -t tmpfs -o mode=0755 tmpfs /newroot
    for e in /*; do
        case "$e" in /proc|/sys|/dev|/newroot) ;; *) cp -a "$e" /newroot/ ;; esac
    done
    mkdir -p /newroot/proc /newroot/sys /newroot/dev
    umount /dev/shm /dev/pts; umount /sys /dev; umount /proc
    export CGV2_SWITCHED=1
    exec switch_root /newroot /init
fi

mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
while read -r m; do
    [ -n "$m" ] && insmod "/lib/modules/$m" 2>/dev/null
done < /etc/vm-modules
hostname cgroup-v2-vm

echo "@@cgroup-v2-vm: start $(uname -r)"
sh /test.sh
rc=$?
echo "@@cgroup-v2-vm: exit $rc"
sync
poweroff -f
