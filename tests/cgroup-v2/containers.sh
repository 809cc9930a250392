#!/bin/sh
# Guest script of the cgroup v2 VM (make test-cgroup-v2-containers): runs
# real containers with the static swiftlet on a pure cgroup v2 kernel and
# checks, in /sys/fs/cgroup/<id>/, what create, update, pause/resume, ps,
# events, kill --all and delete do; and that the device eBPF program denies
# device nodes the policy does not allow (a linux.devices node among them)
# while allowing /dev/null and what resources.devices allows. Needs the VM booted with --tmpfs-root (pivot_root), files
# /bin/swiftlet and /bundle/rootfs (scripts/make-bundle.sh). Prints TAP and
# a closing "N passed, N failed" line; exits non-zero on failure.
S=/bin/swiftlet
B=/bundle
ROOT=/run/swiftlet
CG=/sys/fs/cgroup
n=0 passed=0 failed=0

ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
    [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/#   /'
    return 0
}
# check DESC COMMAND...: passes when the command succeeds.
check() { d=$1; shift; if out=$("$@" 2>&1); then ok "$d"; else not_ok "$d" "$out"; fi; }
# is DESC WANT GOT
is() { if [ "$3" = "$2" ]; then ok "$1"; else not_ok "$1" "want: '$2'
got:  '$3'"; fi; }
# has DESC NEEDLE HAYSTACK
has() { case "$3" in *"$2"*) ok "$1" ;; *) not_ok "$1" "'$2' not in: $3" ;; esac; }
cgread() { cat "$CG/$1/$2" 2>&1; }
sw() { "$S" --root "$ROOT" "$@"; }
status_of() { sw state "$1" 2>/dev/null | sed -n 's/.*"status": "\([a-z]*\)".*/\1/p'; }
pid_of() { sw state "$1" 2>/dev/null | sed -n 's/.*"pid": \([0-9]*\).*/\1/p'; }
# wait_for COMMAND...: up to ~5 s.
wait_for() { i=0; while [ $i -lt 50 ]; do "$@" && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
seen() { cat "/proc/$1/root/tmp/$2" 2>/dev/null; }
# run_d ID: `run -d` whose container must not inherit a pipe we wait on.
run_d() { sw run -d "$1" </dev/null >/tmp/run.out 2>&1 || { cat /tmp/run.out; return 1; }; }

# config ARGS RESOURCES [LINUX_EXTRA] [EXTRA_CAPS] [NAMESPACES]
config() {
    caps="\"CAP_AUDIT_WRITE\", \"CAP_KILL\", \"CAP_NET_BIND_SERVICE\"${4:-}"
    ns=${5:-'{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}'}
    cat > "$B/config.json" <<EOF
{
  "ociVersion": "1.2.0",
  "process": {
    "terminal": false, "user": {"uid": 0, "gid": 0}, "args": $1,
    "env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], "cwd": "/",
    "capabilities": {"bounding": [$caps], "effective": [$caps], "permitted": [$caps]},
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "v2",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
    {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]},
    {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]}
  ],
  "linux": {
    $3
    "resources": $2,
    "namespaces": [$ns]
  }
}
EOF
}

# A process that keeps writing a counter and its view of its cgroup to /tmp.
WATCH='["sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; cat /sys/fs/cgroup/memory.max > /tmp/memory; cat /sys/fs/cgroup/pids.max > /tmp/pids; sleep 0.1; done"]'
DENY_ALL='"devices": [{"allow": false, "access": "rwm"}]'

mkdir -p "$ROOT"
cd "$B" || exit 1
echo "# swiftlet $(sw --version | head -n1), kernel $(uname -r), controllers: $(cat $CG/cgroup.controllers)"

# 1. create applies every resource ------------------------------------------
id=full
config "$WATCH" "{$DENY_ALL,
  \"memory\": {\"limit\": 67108864, \"reservation\": 33554432, \"swap\": 100663296},
  \"cpu\": {\"shares\": 512, \"quota\": 20000, \"period\": 100000, \"cpus\": \"0\", \"mems\": \"0\"},
  \"pids\": {\"limit\": 50},
  \"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": 7, \"minor\": 0, \"rate\": 1048576}]},
  \"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 4194304}],
  \"unified\": {\"memory.high\": \"62914560\"}}"
check "run -d with every resource" run_d "$id"
pid=$(pid_of "$id")
is "status running" running "$(status_of "$id")"
check "cgroup at $CG/$id holds the init ($pid)" grep -qx "${pid:-none}" "$CG/$id/cgroup.procs"
is "memory.max" 67108864 "$(cgread $id memory.max)"
is "memory.low (reservation)" 33554432 "$(cgread $id memory.low)"
is "memory.swap.max (swap - limit)" 33554432 "$(cgread $id memory.swap.max)"
is "cpu.weight (from shares 512)" 20 "$(cgread $id cpu.weight)"
is "cpu.max" "20000 100000" "$(cgread $id cpu.max)"
is "cpuset.cpus" 0 "$(cgread $id cpuset.cpus)"
is "cpuset.mems" 0 "$(cgread $id cpuset.mems)"
is "pids.max" 50 "$(cgread $id pids.max)"
is "io.max" "7:0 rbps=1048576 wbps=max riops=max wiops=max" "$(cgread $id io.max)"
is "hugetlb.2MB.max" 4194304 "$(cgread $id hugetlb.2MB.max)"
is "memory.high (unified)" 62914560 "$(cgread $id memory.high)"
wait_for test -s "/proc/$pid/root/tmp/pids"
is "the container sees its memory.max" 67108864 "$(seen "$pid" memory)"
is "the container sees its pids.max" 50 "$(seen "$pid" pids)"

# 2. update -------------------------------------------------------------------
check "update with flags" sw update --memory 128M --memory-swap 256m --memory-reservation 64MiB \
    --cpu-share 1024 --cpu-quota 50000 --cpu-period 200000 --cpuset-cpus 0 --pids-limit 20 "$id"
is "update: memory.max" 134217728 "$(cgread $id memory.max)"
is "update: memory.swap.max" 134217728 "$(cgread $id memory.swap.max)"
is "update: memory.low" 67108864 "$(cgread $id memory.low)"
is "update: cpu.weight (from shares 1024)" 39 "$(cgread $id cpu.weight)"
is "update: cpu.max" "50000 200000" "$(cgread $id cpu.max)"
is "update: pids.max" 20 "$(cgread $id pids.max)"
wait_for sh -c "[ \"\$(cat /proc/$pid/root/tmp/pids)\" = 20 ] && [ \"\$(cat /proc/$pid/root/tmp/memory)\" = 134217728 ]"
is "the container sees the new pids.max" 20 "$(seen "$pid" pids)"
is "the container sees the new memory.max" 134217728 "$(seen "$pid" memory)"
check "update --cpu-quota alone" sw update --cpu-quota 30000 "$id"
is "update: cpu.max keeps the period" "30000 200000" "$(cgread $id cpu.max)"
check "update --pids-limit -1" sw update --pids-limit -1 "$id"
is "update: pids.max unlimited" max "$(cgread $id pids.max)"
out=$(echo '{"memory": {"limit": 100663296, "swap": 201326592}, "pids": {"limit": 30}, "unified": {"memory.high": "max"}}' \
    | sw update -r - --pids-limit 5 "$id" 2>&1)
is "update -r - (flags ignored)" "" "$out"
is "update -r: memory.max" 100663296 "$(cgread $id memory.max)"
is "update -r: memory.swap.max" 100663296 "$(cgread $id memory.swap.max)"
is "update -r: pids.max" 30 "$(cgread $id pids.max)"
is "update -r: memory.high (unified)" max "$(cgread $id memory.high)"
out=$(sw update --l3-cache-schema L3:0=f "$id" 2>&1)
has "update --l3-cache-schema is refused" "Intel RDT/CAT: l3 cache schema is not enabled" "$out"

# 3. pause / resume -------------------------------------------------------------
check "pause" sw pause "$id"
is "paused: state" paused "$(status_of "$id")"
is "paused: cgroup.freeze" 1 "$(cgread $id cgroup.freeze)"
is "paused: cgroup.events frozen" "frozen 1" "$(grep frozen "$CG/$id/cgroup.events")"
has "paused: list" "paused" "$(sw list | grep "^$id ")"
c1=$(seen "$pid" counter); sleep 0.5; c2=$(seen "$pid" counter)
is "paused: the counter stands still" "$c1" "$c2"
has "pause twice fails" "container not running" "$(sw pause "$id" 2>&1)"
check "resume" sw resume "$id"
is "resumed: state" running "$(status_of "$id")"
is "resumed: cgroup.freeze" 0 "$(cgread $id cgroup.freeze)"
wait_for sh -c "[ \"\$(cat /proc/$pid/root/tmp/counter)\" != '$c2' ]"
c3=$(seen "$pid" counter)
check "resumed: the counter moves ($c2 -> $c3)" test "$c3" != "$c2"
has "resume twice fails" "container not paused" "$(sw resume "$id" 2>&1)"

# 4. ps and events --------------------------------------------------------------
json=$(sw ps --format json "$id" 2>&1)
has "ps --format json lists the init" "$pid" "$json"
table=$(sw ps "$id" 2>&1)
has "ps table has a PID header" "PID" "$(echo "$table" | head -n1)"
has "ps table shows the container's shell" "sh -c" "$table"
is "ps table shows only the container's processes" "" "$(echo "$table" | grep -v -e PID -e 'sh -c' -e sleep)"
stats=$(sw events --stats "$id" 2>&1)
has "events --stats: a stats event" "{\"type\":\"stats\",\"id\":\"$id\",\"data\":{" "$stats"
has "events --stats: memory limit" "\"usage\":{\"limit\":100663296" "$stats"
has "events --stats: pids" "\"pids\":{\"current\":" "$stats"
has "events --stats: cpu usage" "\"cpu\":{\"usage\":{\"total\":" "$stats"
is "events --stats: one line" 1 "$(echo "$stats" | wc -l)"
sw events --interval 300ms "$id" > /tmp/events.out 2>&1 &
epid=$!
sleep 1.5
check "events keeps running" kill -0 "$epid"

# 5. delete ---------------------------------------------------------------------
check "delete --force" sw delete --force "$id"
wait_for sh -c "! kill -0 $epid 2>/dev/null"
check "events ends with the container" sh -c "! kill -0 $epid 2>/dev/null"
wait "$epid" 2>/dev/null
is "events printed stats lines" "" "$(grep -v '^{"type":"stats","id":"full","data":{' /tmp/events.out)"
check "events printed at least 2 lines" test "$(wc -l < /tmp/events.out)" -ge 2
check "delete leaves no cgroup" test ! -e "$CG/$id"
check "delete leaves no state" test ! -e "$ROOT/$id"

# 6. OOM events (inotify on memory.events) ---------------------------------------
id=oom
config '["sh", "-c", "while true; do dd if=/dev/zero of=/dev/null bs=64M count=1 2>/dev/null; sleep 0.5; done"]' \
    "{$DENY_ALL, \"memory\": {\"limit\": 16777216, \"swap\": 16777216}}"
check "run -d a container that runs out of memory" run_d "$id"
sw events --interval 60s "$id" > /tmp/oom.out 2>&1 &
epid=$!
wait_for grep -q oom /tmp/oom.out
kill "$epid" 2>/dev/null; wait "$epid" 2>/dev/null
has "events reports the OOM" "{\"type\":\"oom\",\"id\":\"oom\"}" "$(cat /tmp/oom.out)"
is "the shell survived" running "$(status_of "$id")"
check "delete --force (oom)" sw delete --force "$id"
check "no cgroup left (oom)" test ! -e "$CG/$id"

# 7. devices: the eBPF program --------------------------------------------------
# Deny-all plus runc's default list (/dev/null, mknod of anything, ...) and
# one read-only rule. linux.devices nodes get no access of their own: loopa
# is created but not allowed, loopc is allowed read-only; loopb is made by
# the container (CAP_MKNOD) and allowed nothing.
id=dev
config '["sh", "-c", "head -c1 /dev/null && echo null-ok; ls /dev/loopa >/dev/null && echo loopa-exists; head -c1 /dev/loopa; head -c1 /dev/loopc >/dev/null && echo loopc-read-ok; echo >> /dev/loopc; mknod /dev/loopb b 7 1 && echo mknod-ok; head -c1 /dev/loopb"]' \
    "{\"devices\": [{\"allow\": false, \"access\": \"rwm\"}, {\"allow\": true, \"type\": \"b\", \"major\": 7, \"minor\": 2, \"access\": \"r\"}]}" \
    '"devices": [{"path": "/dev/loopa", "type": "b", "major": 7, "minor": 0}, {"path": "/dev/loopc", "type": "b", "major": 7, "minor": 2}],' \
    ', "CAP_MKNOD"'
out=$(sw run "$id" 2>&1)
has "devices: /dev/null is allowed" "null-ok" "$out"
has "devices: the linux.devices node exists" "loopa-exists" "$out"
has "devices: reading a linux.devices node the policy does not allow is denied" "head: /dev/loopa: Operation not permitted" "$out"
has "devices: reading an allowed read-only node works" "loopc-read-ok" "$out"
has "devices: writing an allowed read-only node is denied" "/dev/loopc: Operation not permitted" "$out"
has "devices: mknod is allowed" "mknod-ok" "$out"
has "devices: reading a node made by mknod is denied" "head: /dev/loopb: Operation not permitted" "$out"
check "no cgroup left (devices)" test ! -e "$CG/$id"

# 8. kill --all and delete --force without a pid namespace ------------------------
id=nopidns
config '["sh", "-c", "sleep 100 & sleep 101 & exec sleep 102"]' "{$DENY_ALL, \"pids\": {\"limit\": 10}}" "" "" \
    '{"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}'
check "run -d without a pid namespace" run_d "$id"
wait_for sh -c "[ \$(wc -l < $CG/$id/cgroup.procs) -eq 3 ]"
procs=$(cat "$CG/$id/cgroup.procs" | tr '\n' ' ')
is "three processes in the cgroup" 3 "$(echo $procs | wc -w)"
check "kill --all KILL" sw kill --all "$id" KILL
wait_for sh -c "[ -z \"\$(cat $CG/$id/cgroup.procs)\" ]"
is "kill --all reached every process" "" "$(cat "$CG/$id/cgroup.procs")"
check "delete" sw delete "$id"
check "no cgroup left (kill --all)" test ! -e "$CG/$id"
check "run -d again" run_d "$id"
wait_for sh -c "[ \$(wc -l < $CG/$id/cgroup.procs) -eq 3 ]"
procs=$(cat "$CG/$id/cgroup.procs" | tr '\n' ' ')
check "delete --force" sw delete --force "$id"
alive=""
for p in $procs; do [ -d "/proc/$p" ] && ! grep -q '^State:.*Z' "/proc/$p/status" && alive="$alive $p"; done
is "delete --force reached every process" "" "$alive"
check "no cgroup left (delete --force)" test ! -e "$CG/$id"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
