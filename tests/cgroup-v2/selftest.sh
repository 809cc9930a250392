#!/bin/sh
# Default script of the cgroup v2 VM: a loop device for the io tests, then
# the Cgroups self-test (TAP).
dd if=/dev/zero of=/tmp/disk.img bs=1M count=4 2>/dev/null && losetup /dev/loop0 /tmp/disk.img
/bin/cgroup-selftest
