#!/usr/bin/env bash
# swiftlet benchmarks, side by side with runc and crun, reported as ratios.
#
#   benchmarks/run.sh [--only GROUPS] [--runtimes NAMES] [--quick] [SWIFTLET]
#
#   SWIFTLET     swiftlet binary (default: $SWIFTLET, else .build/release/swiftlet)
#   --only       comma-separated groups: startup,lifecycle,memory,size (default: all)
#   --runtimes   comma-separated subset of swiftlet,runc,crun (default: all three)
#   --quick      far fewer iterations: a smoke test of the harness, not numbers
#
# Environment: RUNC, CRUN (binaries), BENCH_STARTUP_RUNS, BENCH_LIFECYCLE_RUNS,
# BENCH_MEMORY_RUNS, BENCH_ROUNDS (interleaved rounds), BENCH_TIMEOUT (seconds
# per measurement), BENCH_RESULTS (dir).
#
# Prints Markdown tables and writes them to $BENCH_RESULTS/latest.md (raw data
# next to it in raw/). A runtime that fails a measurement gets "failed" in that
# cell and the run goes on; the exit status is non-zero only when the harness
# itself breaks. Timings are never asserted.

# shellcheck disable=SC2016 # backquotes in single quotes are Markdown, not shell
set -eEuo pipefail
# Remembers the last failing command; cleanup reports it if the harness dies.
ERR_AT=""
trap 'ERR_AT="line $LINENO: $BASH_COMMAND"' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
LIB=$HERE/lib

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

ONLY=startup,lifecycle,memory,size
SELECTED=swiftlet,runc,crun
QUICK=0
SWIFTLET_BIN=${SWIFTLET:-$REPO/.build/release/swiftlet}
while (($#)); do
    case $1 in
        --only) ONLY=${2:?--only needs a value}; shift 2 ;;
        --only=*) ONLY=${1#*=}; shift ;;
        --runtimes) SELECTED=${2:?--runtimes needs a value}; shift 2 ;;
        --runtimes=*) SELECTED=${1#*=}; shift ;;
        --quick) QUICK=1; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) SWIFTLET_BIN=$1; shift ;;
    esac
done
for g in ${ONLY//,/ }; do
    case $g in startup | lifecycle | memory | size) ;; *) echo "run.sh: unknown group '$g'" >&2; exit 2 ;; esac
done
for r in ${SELECTED//,/ }; do
    case $r in swiftlet | runc | crun) ;; *) echo "run.sh: unknown runtime '$r'" >&2; exit 2 ;; esac
done
wants_group() { [[ ,$ONLY, == *,$1,* ]]; }

if ((QUICK)); then
    STARTUP_RUNS=${BENCH_STARTUP_RUNS:-30} STARTUP_WARMUP=3
    LIFE_RUNS=${BENCH_LIFECYCLE_RUNS:-5} LIFE_WARMUP=1
    MEM_RUNS=${BENCH_MEMORY_RUNS:-2}
    ROUNDS=${BENCH_ROUNDS:-1}
else
    STARTUP_RUNS=${BENCH_STARTUP_RUNS:-500} STARTUP_WARMUP=20
    LIFE_RUNS=${BENCH_LIFECYCLE_RUNS:-30} LIFE_WARMUP=3
    MEM_RUNS=${BENCH_MEMORY_RUNS:-10}
    ROUNDS=${BENCH_ROUNDS:-3}
fi
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: BENCH_ROUNDS must be a positive integer" >&2; exit 2; }
# Per measurement; a hanging runtime costs at most ~4 minutes in all.
STARTUP_TIMEOUT=${BENCH_TIMEOUT:-30}
TIMEOUT=${BENCH_TIMEOUT:-60}
RESULTS=${BENCH_RESULTS:-$HERE/results}

log() { printf '· %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- tools
need_tools() {
    local missing=() pkg
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v jq >/dev/null || missing+=(jq)
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
            die "cannot install ${missing[*]}"
    fi
    for pkg in unshare timeout awk; do command -v $pkg >/dev/null || die "$pkg is missing"; done
}
need_tools

# ---------------------------------------------------------------- runtimes
declare -A BIN=([swiftlet]=$SWIFTLET_BIN [runc]=${RUNC:-/usr/sbin/runc} [crun]=${CRUN:-/usr/bin/crun})
declare -A UNAVAILABLE=()   # runtime → why it is not measured at all ("skipped")
declare -A NO_CONTAINERS=() # runtime → why it cannot run containers here (lifecycle, memory "skipped")
RUNTIMES=(swiftlet runc crun)
active() { [[ ,$SELECTED, == *,$1,* && -z ${UNAVAILABLE[$1]:-} ]]; }

for rt in "${RUNTIMES[@]}"; do
    [[ ,$SELECTED, == *,$rt,* ]] || continue
    if [[ $rt == swiftlet ]]; then
        # swiftlet is the subject: a missing binary fails its cells, it is not "skipped".
        [[ -x ${BIN[$rt]} ]] || log "swiftlet binary ${BIN[$rt]} is missing: its cells will read 'failed'"
    elif [[ ! -x ${BIN[$rt]} ]]; then
        UNAVAILABLE[$rt]="${BIN[$rt]} is not installed"
    fi
done

# ---------------------------------------------------------------- work area
WORK=$(mktemp -d "${TMPDIR:-/tmp}/swiftlet-bench.XXXXXX")
PFX=swb$$ # every container id and so every cgroup we create starts with this
CRUN_NS=0 # 1: crun runs in a private mount namespace without cgroup2 (see crun_mode)

# Runs a command the way runtime $1 must be run. crun 1.8 refuses a cgroup v1
# hybrid host; in a private mount namespace with /sys/fs/cgroup/unified
# unmounted it sees pure v1. The host's mounts are untouched (propagation
# private), and crun's state lives in its --root, so separate invocations
# see each other's containers. Measurements start the measuring tool
# (hyperfine, lib/*.sh) this way, so no wrapper cost lands in crun's timings.
run_as() { # run_as RUNTIME SECONDS CMD...
    local rt=$1 limit=$2; shift 2
    if [[ $rt == crun ]] && ((CRUN_NS)); then
        set -- unshare --mount --propagation private \
            sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec "$@"' sh "$@"
    fi
    timeout -k 5 "$limit" "$@"
}

cleanup() {
    local status=$? rt root dir id pids
    set +e
    trap - EXIT INT TERM
    for rt in "${RUNTIMES[@]}"; do
        for root in "$WORK/root/$rt"/*/; do
            [[ -d $root ]] || continue
            # What the runtime lists, and every directory in its root (in case `list` is what broke).
            for id in $( (run_as "$rt" 10 "${BIN[$rt]}" --root "$root" list -q 2>/dev/null
                cd "$root" && ls -d -- "$PFX"-* 2>/dev/null) | sort -u); do
                [[ $id == "$PFX"-* ]] || continue
                run_as "$rt" 10 "${BIN[$rt]}" --root "$root" delete --force "$id" >/dev/null 2>&1
            done
        done
    done
    # A runtime that failed to delete can leave its container's processes and
    # cgroups behind; they are ours (the id prefix is unique to this run).
    for dir in /sys/fs/cgroup/*/"$PFX"-* /sys/fs/cgroup/*/*/"$PFX"-*; do
        [[ -d $dir ]] || continue
        pids=$(cat "$dir/cgroup.procs" 2>/dev/null)
        # shellcheck disable=SC2086 # one pid per word
        [[ -n $pids ]] && kill -KILL $pids 2>/dev/null
    done
    for dir in /sys/fs/cgroup/*/"$PFX"-* /sys/fs/cgroup/*/*/"$PFX"-*; do
        [[ -d $dir ]] || continue
        rmdir "$dir" 2>/dev/null || { sleep 0.2; rmdir "$dir" 2>/dev/null; }
    done
    rm -rf "$WORK"
    case $status in
        0 | 2 | 130 | 143) ;;
        *) echo "run.sh: harness error (status $status) at ${ERR_AT:-an unknown line}" >&2 ;;
    esac
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One bundle per runtime, all from scripts/make-bundle.sh, running `true`.
make_bundles() {
    local rt
    for rt in "${RUNTIMES[@]}"; do
        active "$rt" || continue
        "$REPO/scripts/make-bundle.sh" "$WORK/bundle/$rt" true >/dev/null || die "make-bundle.sh failed"
    done
    # crun 1.8.1 predates runtime-spec 1.2 and rejects ociVersion "1.2.0"
    # ("unknown version specified"); nothing else in the config is newer than 1.0.
    if active crun; then
        sed -i 's/"ociVersion": *"[^"]*"/"ociVersion": "1.0.2"/' "$WORK/bundle/crun/config.json"
    fi
}

# Decides how crun is run on this host: directly, in a private mount namespace,
# or not at all (skipped, with the reason).
crun_mode() {
    active crun || return 0
    local root=$WORK/root/crun/probe b=$WORK/bundle/crun id=$PFX-probe err=$WORK/crun-probe.err direct_err status i
    mkdir -p "$root"
    if run_as crun 30 "${BIN[crun]}" --root "$root" run --bundle "$b" "$id" >/dev/null 2>"$err"; then
        CRUN_MODE="run directly"; return 0
    fi
    direct_err=$(grep -m1 . "$err" || echo "exit status non-zero")
    CRUN_NS=1
    # Containers made this way must still work across separate invocations.
    id=$PFX-probe-ns
    if run_as crun 30 "${BIN[crun]}" --root "$root" create --bundle "$b" "$id" >/dev/null 2>"$err" &&
        status=$(run_as crun 30 "${BIN[crun]}" --root "$root" state "$id" 2>>"$err" | jq -r .status) &&
        [[ $status == created ]] &&
        run_as crun 30 "${BIN[crun]}" --root "$root" start "$id" >/dev/null 2>>"$err"; then
        for ((i = 0; i < 50; i++)); do
            status=$(run_as crun 30 "${BIN[crun]}" --root "$root" state "$id" 2>>"$err" | jq -r .status) || break
            [[ $status == stopped ]] && break
            sleep 0.05
        done
        if [[ $status == stopped ]] && run_as crun 30 "${BIN[crun]}" --root "$root" delete "$id" >/dev/null 2>>"$err"; then
            CRUN_MODE="run in a private mount namespace without /sys/fs/cgroup/unified, because directly it says \"$direct_err\""
            return 0
        fi
    fi
    CRUN_NS=0
    NO_CONTAINERS[crun]="directly it says \"$direct_err\"; in a private mount namespace: \"$(grep -m1 . "$err" || echo "state never became stopped")\""
    CRUN_MODE="container benchmarks skipped, crun cannot run containers here: ${NO_CONTAINERS[crun]}"
}
CRUN_MODE="not selected"

# ---------------------------------------------------------------- results
# Each (benchmark, runtime) accumulates samples in $WORK/samples/BENCH.RUNTIME
# (one number per line, in the row's unit) over the rounds; its cell is then
# their mean ± σ, unless CELL says "failed", "skipped" or "not run".
declare -A MEAN=() SD=() CELL=() # key "bench|runtime"
declare -A NOTES=()              # group → failure notes, one per line
# shellcheck disable=SC2034 # used through namerefs (row, table, finish)
ROWS_startup=() ROWS_lifecycle=() ROWS_memory=() ROWS_size=()
declare -A LABEL=() UNIT=() GROUP_OF=()

row() { # row GROUP BENCH LABEL UNIT
    local -n rows=ROWS_$1
    rows+=("$2"); LABEL[$2]=$3; UNIT[$2]=$4; GROUP_OF[$2]=$1
}
record() { MEAN["$1|$2"]=$3; SD["$1|$2"]=$4; }
samples() { printf '%s/samples/%s.%s' "$WORK" "$1" "$2"; }
add_samples() { mkdir -p "$WORK/samples"; cat >>"$(samples "$1" "$2")"; } # add_samples BENCH RUNTIME <numbers
record_failure() { # record_failure GROUP BENCH RUNTIME REASON [WHAT (default: the row's label)]
    CELL["$2|$3"]=failed
    NOTES[$1]+="- $3, ${5:-${LABEL[$2]}}: ${4//|/\\|}"$'\n'
    log "  $3 failed: $4"
}
# measurable BENCH RUNTIME: true when the cell still needs samples. Otherwise
# marks why not (once): not selected, skipped, or swiftlet not built.
measurable() {
    [[ -z ${CELL["$1|$2"]:-} ]] || return 1
    if [[ ,$SELECTED, != *,$2,* ]]; then CELL["$1|$2"]="not run"; return 1; fi
    if [[ -n ${UNAVAILABLE[$2]:-} ]]; then CELL["$1|$2"]=skipped; return 1; fi
    if [[ -n ${NO_CONTAINERS[$2]:-} && ${GROUP_OF[$1]} == @(lifecycle|memory) ]]; then
        CELL["$1|$2"]=skipped
        return 1
    fi
    if [[ $2 == swiftlet && ! -x ${BIN[swiftlet]} ]]; then
        CELL["$1|$2"]=failed
        local group=${GROUP_OF[$1]}
        [[ ${NOTES[$group]:-} == *"not built"* ]] ||
            NOTES[$group]+="- swiftlet: ${BIN[swiftlet]} is not built (\`make build\`)"$'\n'
        return 1
    fi
    return 0
}
# Marks the cells BENCH... of RUNTIME like the first one (all fail or skip together).
same_as() { local rt=$1 first=$2 b; shift 2; for b; do CELL["$b|$rt"]=${CELL["$first|$rt"]}; done; }

# Mean and sample standard deviation of column $1 of stdin.
stats() { awk -v c="$1" '{ x[NR] = $c; s += $c } END {
    if (NR == 0) exit 1; m = s / NR; for (i = 1; i <= NR; i++) v += (x[i] - m) ^ 2
    printf "%.9g %.9g\n", m, (NR > 1 ? sqrt(v / (NR - 1)) : 0) }'; }

# Turns every measured cell of GROUP into mean ± σ of its samples.
finish() {
    local -n frows=ROWS_$1
    local b rt f m s
    for b in "${frows[@]}"; do
        for rt in "${RUNTIMES[@]}"; do
            f=$(samples "$b" "$rt")
            [[ -z ${CELL["$b|$rt"]:-} && -s $f ]] || continue
            read -r m s < <(stats 1 <"$f")
            record "$b" "$rt" "$m" "$s"
        done
    done
}

# Shell-quotes words for hyperfine's command line (split shell-style by hyperfine).
q() { local out="" w; for w in "$@"; do out+="$(printf '%q' "$w") "; done; printf '%s' "${out% }"; }

first_of() { grep -m1 -e "$2" <<<"$1" || true; } # first_of TEXT REGEX → first matching line or nothing
count_data() { grep -c '^[0-9]' <<<"$1" || true; } # lines of numbers in a helper's output

# Why a helper script (lib/*.sh) stopped without a FAIL line: BROKEN STATUS OUTPUT.
broken() {
    case $1 in
        124 | 137) echo "timed out after ${TIMEOUT}s" ;;
        *) echo "stopped with status $1: $(grep -m1 . <<<"$2" || echo "no output")" ;;
    esac
}

# First line that explains why a command fails, by running it once more.
why() { # why RUNTIME CMD...
    local rt=$1 out; shift
    out=$(run_as "$rt" 20 "$@" 2>&1 >/dev/null) && { echo "succeeds alone but failed under hyperfine"; return; }
    out=$(grep -m1 . <<<"$out" || true)
    echo "${out:-exit status non-zero, no message}"
}

RESET=() # command that undoes a failed measurement's side effects, if any

# hyperfine_bench GROUP BENCH RUNTIME EXPECTED_EXIT ROUND [hyperfine options…] -- CMD…
# Adds the run times (ms) to the samples. EXPECTED_EXIT other than 0 runs
# with -i and checks that every run exited with it.
hyperfine_bench() {
    local group=$1 bench=$2 rt=$3 expect=$4 round=$5; shift 5
    local opts=() json=$RESULTS/raw/$bench.$rt.$round.json err=$WORK/hyperfine.err codes limit=$TIMEOUT said
    while [[ $1 != -- ]]; do opts+=("$1"); shift; done; shift
    ((expect != 0)) && opts+=(-i)
    [[ $group == startup ]] && limit=$STARTUP_TIMEOUT
    log "$group, round $round: ${LABEL[$bench]} — $rt"
    if ! run_as "$rt" "$limit" hyperfine --style none --export-json "$json" "${opts[@]}" "$(q "$@")" \
        >/dev/null 2>"$err"; then
        if [[ $(cat "$err") == *"non-zero exit code"* ]]; then
            # A failed `run` may leave its container behind: remove it so the
            # retry shows the first error, not "container exists".
            if ((${#RESET[@]})); then run_as "$rt" 10 "${RESET[@]}" >/dev/null 2>&1 || true; fi
            record_failure "$group" "$bench" "$rt" "$(why "$rt" "$@")"
        else
            record_failure "$group" "$bench" "$rt" "hyperfine: $(grep -m1 . "$err" || echo "timed out after ${limit}s")"
        fi
        rm -f "$json"
        return 0
    fi
    codes=$(jq -r '[.results[0].exit_codes[] | tostring] | unique | join(",")' "$json")
    if [[ $codes != "$expect" ]]; then
        said=$(run_as "$rt" 20 "$@" 2>&1) || true
        said=$(first_of "$said" .)
        record_failure "$group" "$bench" "$rt" "exit status $codes, expected $expect (output: \"${said}\")"
        return 0
    fi
    jq -r '.results[0].times[] * 1000' "$json" | add_samples "$bench" "$rt"
}

# ---------------------------------------------------------------- groups
# Every group runs in ROUNDS rounds; each round measures every runtime in
# turn with 1/ROUNDS of the iterations, so a slow phase of a shared host
# spreads over all runtimes instead of landing on one.
per_round() { echo $((($1 + ROUNDS - 1) / ROUNDS)); } # iterations per round, rounded up

startup_rows() {
    row startup version '`--version`' ms
    row startup state '`state <missing-id>` (exit 1)' ms
    row startup list '`list` (empty root)' ms
}
startup_round() { # startup_round RUNTIME ROUND
    local rt=$1 round=$2 root=$WORK/root/$1/empty n
    n=$(per_round "$STARTUP_RUNS")
    mkdir -p "$root"
    ! measurable version "$rt" ||
        hyperfine_bench startup version "$rt" 0 "$round" -N --warmup "$STARTUP_WARMUP" --runs "$n" -- \
            "${BIN[$rt]}" --version
    ! measurable state "$rt" ||
        hyperfine_bench startup state "$rt" 1 "$round" -N --warmup "$STARTUP_WARMUP" --runs "$n" -- \
            "${BIN[$rt]}" --root "$root" state "$PFX-missing"
    ! measurable list "$rt" ||
        hyperfine_bench startup list "$rt" 0 "$round" -N --warmup "$STARTUP_WARMUP" --runs "$n" -- \
            "${BIN[$rt]}" --root "$root" list
}

# `run` must really run the container: the same bundle running `exit 3`
# must make `run` exit 3. Marks the cell failed (and returns 1) otherwise.
verify_run() { # verify_run RUNTIME ROOT
    local rt=$1 root=$2 out rc=0
    local b=$WORK/bundle/$rt-exit3
    mkdir -p "$b"
    jq --arg rootfs "$WORK/bundle/$rt/rootfs" '.process.args = ["sh", "-c", "exit 3"] | .root.path = $rootfs' \
        "$WORK/bundle/$rt/config.json" >"$b/config.json"
    out=$(run_as "$rt" 30 "${BIN[$rt]}" --root "$root" run --bundle "$b" "$PFX-verify" 2>&1 </dev/null) || rc=$?
    run_as "$rt" 10 "${BIN[$rt]}" --root "$root" delete --force "$PFX-verify" >/dev/null 2>&1 || true
    ((rc == 3)) && return 0
    record_failure lifecycle run "$rt" "a container running \`exit 3\` made \`run\` exit $rc, not 3$(
        [[ -z $out ]] || printf ' (output: "%s")' "$(first_of "$out" .)")"
    return 1
}

lifecycle_rows() {
    row lifecycle run '`run` (foreground, `true`)' ms
    row lifecycle total 'create + start + delete' ms
    row lifecycle create '↳ `create`' ms
    row lifecycle start '↳ `start`' ms
    row lifecycle delete '↳ `delete` (stopped)' ms
}
lifecycle_round() { # lifecycle_round RUNTIME ROUND
    local rt=$1 round=$2 root=$WORK/root/$1/run n out line rc=0
    n=$(per_round "$LIFE_RUNS")
    mkdir -p "$root"
    RESET=("${BIN[$rt]}" --root "$root" delete --force "$PFX-run")
    if measurable run "$rt" && { ((round > 1)) || verify_run "$rt" "$root"; }; then
        hyperfine_bench lifecycle run "$rt" 0 "$round" -N --warmup "$LIFE_WARMUP" --runs "$n" -- \
            "${BIN[$rt]}" --root "$root" run --bundle "$WORK/bundle/$rt" "$PFX-run"
    fi
    RESET=()
    if ! measurable total "$rt"; then same_as "$rt" total create start delete; return 0; fi
    root=$WORK/root/$rt/steps
    mkdir -p "$root"
    log "lifecycle, round $round: create + start + delete — $rt"
    out=$(run_as "$rt" "$TIMEOUT" "$LIB/steps.sh" "$n" "$LIFE_WARMUP" \
        "${BIN[$rt]}" "$root" "$WORK/bundle/$rt" "$PFX-steps" 2>&1) || rc=$?
    printf '%s\n' "$out" >"$RESULTS/raw/steps.$rt.$round.txt"
    line=$(first_of "$out" '^FAIL ')
    if [[ -n $line ]] || (($(count_data "$out") != n)); then
        [[ -n $line ]] || line=$(broken "$rc" "$out")
        record_failure lifecycle total "$rt" "${line#FAIL }" "create + start + delete"
        same_as "$rt" total create start delete
        return 0
    fi
    awk '{ print ($1 + $2 + $3) / 1000 }' <<<"$out" | add_samples total "$rt"
    awk '{ print $1 / 1000 }' <<<"$out" | add_samples create "$rt"
    awk '{ print $2 / 1000 }' <<<"$out" | add_samples start "$rt"
    awk '{ print $3 / 1000 }' <<<"$out" | add_samples delete "$rt"
}

memory_rows() {
    row memory mversion 'peak RSS of `--version`' MiB
    row memory mcreate 'peak RSS of `create`' MiB
    row memory minit 'RSS of the waiting container init' MiB
}
memory_round() { # memory_round RUNTIME ROUND
    local rt=$1 round=$2 root=$WORK/root/$1/memory n out line rc=0
    n=$(per_round "$MEM_RUNS")
    if ! measurable mversion "$rt"; then same_as "$rt" mversion mcreate minit; return 0; fi
    mkdir -p "$root"
    log "memory, round $round: --version, create, waiting init — $rt"
    out=$(run_as "$rt" "$TIMEOUT" "$LIB/memory.sh" "$n" \
        "${BIN[$rt]}" "$root" "$WORK/bundle/$rt" "$PFX-mem" 2>&1) || rc=$?
    printf '%s\n' "$out" >"$RESULTS/raw/memory.$rt.$round.txt"
    if (($(count_data "$out") == n)); then
        awk '{ print $1 / 1024 }' <<<"$out" | add_samples mversion "$rt"
        awk '{ print $2 / 1024 }' <<<"$out" | add_samples mcreate "$rt"
        awk '{ print $3 / 1024 }' <<<"$out" | add_samples minit "$rt"
        return 0
    fi
    line=$(first_of "$out" '^FAIL ')
    if [[ -n $line ]]; then
        # The loop stops at the first failure, so every row reads "failed";
        # the note names the step that broke.
        line=${line#FAIL }
        case $line in
            --version:*) record_failure memory mversion "$rt" "$line" ;;
            create:*) record_failure memory mcreate "$rt" "$line" ;;
            state:* | init:*) record_failure memory minit "$rt" "$line" ;;
            *) record_failure memory minit "$rt" "$line" "memory" ;;
        esac
    else
        record_failure memory mversion "$rt" "$(broken "$rc" "$out")" "memory"
    fi
    CELL["mversion|$rt"]=failed
    same_as "$rt" mversion mcreate minit
}

# File size of the binary, and of the binary plus the shared libraries it
# loads (a static binary carries its libc and libraries inside). One round.
size_rows() {
    row size file 'binary file' MiB
    row size closure 'binary + shared libraries' MiB
}
size_round() { # size_round RUNTIME ROUND
    local rt=$1 f libs bytes
    (($2 == 1)) || return 0
    if ! measurable file "$rt"; then same_as "$rt" file closure; return 0; fi
    log "size — $rt"
    f=$(readlink -f "${BIN[$rt]}" 2>/dev/null || true)
    if [[ -z $f || ! -f $f ]]; then
        record_failure size file "$rt" "${BIN[$rt]} does not exist"
        same_as "$rt" file closure
        return 0
    fi
    bytes=$(stat -c %s "$f")
    # ldd fails on a static binary: no libraries, not an error.
    libs=$({ ldd "$f" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
        xargs -r readlink -f | sort -u | xargs -r stat -c %s | awk '{ s += $1 } END { print s + 0 }')
    record file "$rt" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" ""
    record closure "$rt" "$(awk -v b="$bytes" -v l="$libs" 'BEGIN { print (b + l) / 1048576 }')" ""
}

run_group() { # run_group GROUP
    local round rt
    "$1_rows"
    for ((round = 1; round <= ROUNDS; round++)); do
        for rt in "${RUNTIMES[@]}"; do "$1_round" "$rt" "$round"; done
    done
    finish "$1"
}

# ---------------------------------------------------------------- report
# shellcheck source=lib/report.sh
. "$LIB/report.sh"

# ---------------------------------------------------------------- main
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -d /sys/fs/cgroup/unified ]] && grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/mounts; then
    CGROUP_MODE="v1 hybrid (cgroup2 at /sys/fs/cgroup/unified)"
elif [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    CGROUP_MODE="v2 (unified)"
else
    CGROUP_MODE="v1"
fi
mkdir -p "$RESULTS/raw"
rm -f "$RESULTS"/raw/*
if wants_group lifecycle || wants_group memory; then
    make_bundles
    crun_mode
    log "crun: $CRUN_MODE"
else
    CRUN_MODE="run directly (no containers in the selected groups)"
fi
[[ ,$SELECTED, == *,crun,* ]] || CRUN_MODE="not selected"

for group in startup lifecycle memory size; do
    if wants_group "$group"; then run_group "$group"; fi
done

report >"$WORK/latest.md"
cp "$WORK/latest.md" "$RESULTS/latest.md"
cat "$WORK/latest.md"
log "written to $RESULTS/latest.md"
