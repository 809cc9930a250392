#!/usr/bin/env bash
# Times create, start and delete as three separate runtime invocations.
#   steps.sh RUNS WARMUP RUNTIME ROOT BUNDLE ID
# Prints one line per measured iteration: "create_us start_us delete_us".
# On the first failing step prints "FAIL <step>: <first stderr line>" and exits 1.
# Timing uses bash's $EPOCHREALTIME (no fork per timestamp), so the only
# processes measured are the runtime's own. Between the timed steps (untimed):
# `state` for the init's pid after create, and a wait for `true` to exit
# after start.
set -uo pipefail
runs=$1 warmup=$2 rt=$3 root=$4 bundle=$5 id=$6
err=$(mktemp)
trap 'rm -f "$err"' EXIT

step() { # step NAME ARGS... — runs the runtime, stores elapsed µs in $elapsed
    local name=$1 t0 t1; shift
    t0=${EPOCHREALTIME/[.,]/}
    if ! "$rt" --root "$root" "$@" >/dev/null 2>"$err"; then
        echo "FAIL $name: $(grep -m1 . "$err" || echo "exit status non-zero, no message")"
        exit 1
    fi
    t1=${EPOCHREALTIME/[.,]/}
    elapsed=$((t1 - t0))
}

pid_of() { # the container's init pid from `state` (untimed)
    local p
    p=$("$rt" --root "$root" state "$id" 2>/dev/null | jq -r '.pid // 0' 2>/dev/null)
    if ! [[ $p =~ ^[0-9]+$ && $p -gt 0 ]] || ! kill -0 "$p" 2>/dev/null; then
        echo "FAIL verify: no live init process after create (pid \"$p\")"; exit 1
    fi
    pid=$p
}

# Waits (untimed) until the container's process has exited, so that delete
# always meets a stopped container, as an engine's delete after exit does;
# a forced delete of a still-running container is a different, slower path.
wait_exit() {
    local n stat
    for ((n = 0; n < 5000; n++)); do
        { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 0 # gone
        [[ $stat =~ ^[0-9]+\ \(.*\)\ [ZX] ]] && return 0             # zombie: exited
        sleep 0.001
    done
    echo "FAIL verify: the container process $pid still runs 5 s after start"; exit 1
}

# A runtime that only pretends would time as very fast: once, untimed, check
# with `state` that each step really happened.
status_is() { # status_is WANTED... — the container's status is one of them
    local st
    st=$("$rt" --root "$root" state "$id" 2>"$err" | jq -r '.status // "none"' 2>/dev/null) || st="no state"
    for want; do [[ $st == "$want" ]] && return 0; done
    echo "FAIL verify: state says \"${st:-nothing}\", expected $*"
    exit 1
}
step create create --bundle "$bundle" "$id"; status_is created; pid_of
step start start "$id"; status_is running stopped; wait_exit; status_is stopped
step delete delete "$id"
if "$rt" --root "$root" state "$id" >/dev/null 2>&1; then
    echo "FAIL verify: the container still exists after delete"; exit 1
fi

for ((i = 0; i < warmup + runs; i++)); do
    step create create --bundle "$bundle" "$id"; c=$elapsed
    pid_of
    step start start "$id"; s=$elapsed
    wait_exit
    step delete delete "$id"; d=$elapsed
    ((i >= warmup)) && echo "$c $s $d"
done
exit 0
