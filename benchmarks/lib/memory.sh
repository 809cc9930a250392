#!/usr/bin/env bash
# Memory of one runtime, sampled RUNS times:
#   memory.sh RUNS RUNTIME ROOT BUNDLE ID
# Prints per iteration "version_kb create_kb init_kb":
#   version_kb  peak RSS of `RUNTIME --version`           (GNU time %M)
#   create_kb   peak RSS of `RUNTIME create` (GNU time %M: the largest of the
#               process and the children it waited for; the container init
#               that stays behind is not included)
#   init_kb     VmRSS of the container's waiting init (pid from `state`)
# On failure prints "FAIL <what>: <reason>" and exits 1.
set -uo pipefail
runs=$1 rt=$2 root=$3 bundle=$4 id=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL $1: $2"; exit 1; }
first_line() { grep -m1 . "$1" || echo "exit status non-zero, no message"; }

# /usr/bin/time writes "Command exited with non-zero status N" before the
# value when the command fails, so the value is always the last line.
peak() { # peak NAME ARGS... → echoes KiB
    local name=$1; shift
    if ! /usr/bin/time -f %M -o "$tmp/time" "$rt" "$@" >/dev/null 2>"$tmp/err"; then
        fail "$name" "$(first_line "$tmp/err")"
    fi
    tail -n1 "$tmp/time"
}

for ((i = 0; i < runs; i++)); do
    v=$(peak --version --version) || { echo "$v"; exit 1; }
    c=$(peak create --root "$root" create --bundle "$bundle" "$id") || { echo "$c"; exit 1; }
    if ! "$rt" --root "$root" state "$id" >"$tmp/state" 2>"$tmp/err"; then
        fail state "$(first_line "$tmp/err")"
    fi
    pid=$(jq -r '.pid // empty' "$tmp/state" 2>/dev/null)
    [[ $pid =~ ^[0-9]+$ && $pid -gt 0 ]] || fail state "no pid in state output"
    r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [[ -n $r ]] || fail init "no VmRSS for pid $pid"
    "$rt" --root "$root" delete --force "$id" >/dev/null 2>"$tmp/err" || fail delete "$(first_line "$tmp/err")"
    echo "$v $c $r"
done
exit 0
