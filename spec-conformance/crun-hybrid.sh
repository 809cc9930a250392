#!/bin/sh
# RUNTIME_WRAPPER for crun on a cgroup v1 "hybrid" host: crun 1.8 refuses to
# run when an (empty) cgroup v2 hierarchy is mounted at /sys/fs/cgroup/unified.
# Each runtime command runs in a private mount namespace without it; the
# containers it creates outlive the command as usual. Propagation is left
# unchanged so shared host mounts stay shared; /sys/fs/cgroup is made private
# first so the umount cannot propagate back to the host.
exec unshare --mount --propagation unchanged sh -c \
  'mount --make-private /sys/fs/cgroup 2>/dev/null; umount /sys/fs/cgroup/unified 2>/dev/null; exec "$@"' sh "$@"
