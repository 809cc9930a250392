# shellcheck shell=bash disable=SC2016 # backquotes in single quotes are Markdown
# The Markdown report of benchmarks/run.sh, sourced by it: reads its MEAN, SD,
# CELL, NOTES, ROWS_*, LABEL, UNIT, BIN and settings.

fmt() { # fmt MEAN SD UNIT
    awk -v m="$1" -v s="$2" -v u="$3" 'BEGIN {
        p = (m < 1 ? 3 : (m < 100 ? 2 : 1))
        if (s == "") printf "%.*f %s", p, m, u; else printf "%.*f ± %.*f %s", p, m, p, s, u }'
}
cell() { # cell BENCH RUNTIME
    local k="$1|$2"
    if [[ -n ${CELL[$k]:-} ]]; then printf '%s' "${CELL[$k]}"
    elif [[ -n ${MEAN[$k]:-} ]]; then fmt "${MEAN[$k]}" "${SD[$k]}" "${UNIT[$1]}"
    else printf '—'; fi
}
ratio() { # ratio BENCH OTHER: swiftlet/OTHER with the propagated relative error
    local a="${MEAN["$1|swiftlet"]:-}" b="${MEAN["$1|$2"]:-}"
    if [[ -z $a || -z $b ]]; then printf '—'; return; fi
    awk -v a="$a" -v sa="${SD["$1|swiftlet"]:-}" -v b="$b" -v sb="${SD["$1|$2"]:-}" 'BEGIN {
        if (b == 0) { printf "—"; exit } r = a / b
        if (sa == "" || sb == "" || a == 0) { printf "%.2f", r; exit }
        printf "%.2f ± %.2f", r, r * sqrt((sa / a) ^ 2 + (sb / b) ^ 2) }'
}
table() { # table GROUP TITLE METHOD
    local -n trows=ROWS_$1
    ((${#trows[@]})) || return 0
    printf '\n## %s\n\n%s\n\n' "$2" "$3"
    printf '| benchmark | swiftlet | runc | crun | swiftlet/runc | swiftlet/crun |\n'
    printf '|---|---:|---:|---:|---:|---:|\n'
    local b
    for b in "${trows[@]}"; do
        printf '| %s | %s | %s | %s | %s | %s |\n' "${LABEL[$b]}" "$(cell "$b" swiftlet)" "$(cell "$b" runc)" \
            "$(cell "$b" crun)" "$(ratio "$b" runc)" "$(ratio "$b" crun)"
    done
    [[ -z ${NOTES[$1]:-} ]] || printf '\nFailures:\n\n%s' "${NOTES[$1]}"
}

version_of() { # first line of `--version`, or why there is none
    local rt=$1
    [[ ,$SELECTED, == *,$rt,* ]] || { echo "not run"; return; }
    [[ -z ${UNAVAILABLE[$rt]:-} ]] || { echo "skipped: ${UNAVAILABLE[$rt]}"; return; }
    timeout 5 "${BIN[$rt]}" --version 2>/dev/null | grep -m1 . || echo "\`--version\` failed"
}

report() {
    local load_end su lr mr
    load_end=$(cut -d' ' -f1-3 /proc/loadavg)
    su=$(per_round "$STARTUP_RUNS") lr=$(per_round "$LIFE_RUNS") mr=$(per_round "$MEM_RUNS")
    printf '# swiftlet benchmarks\n\n'
    printf -- '- date: %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf -- '- host: %s, kernel %s, %s CPUs (%s), load average %s at start, %s at end\n' \
        "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}")" "$(uname -r)" "$(nproc)" \
        "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" "$LOAD_START" "$load_end"
    printf -- '- cgroups: %s\n' "$CGROUP_MODE"
    printf -- '- swiftlet: `%s` — %s\n' "${BIN[swiftlet]}" "$(version_of swiftlet)"
    printf -- '- runc: `%s` — %s\n' "${BIN[runc]}" "$(version_of runc)"
    printf -- '- crun: `%s` — %s; %s\n' "${BIN[crun]}" "$(version_of crun)" "$CRUN_MODE"
    printf -- '- %s; cells are mean ± σ over %s interleaved round(s) (each round measures every runtime in turn); ratios are swiftlet/other, lower is better, ± propagated from both σ\n' \
        "$( ((QUICK)) && echo "QUICK run: a smoke test, the numbers mean nothing" || echo "full run")" "$ROUNDS"
    table startup "Start-up" \
        "hyperfine -N (no shell); per round $STARTUP_WARMUP warm-up + $su runs, $((su * ROUNDS)) runs in all."
    table lifecycle "Container lifecycle (busybox \`true\`)" \
        "\`run\`: hyperfine -N; create + start + delete: three separate invocations timed in a loop (\$EPOCHREALTIME), delete after \`true\` has exited; the ↳ rows split the total. Per round $LIFE_WARMUP warm-up + $lr iterations, $((lr * ROUNDS)) in all."
    table memory "Memory" \
        "Peak RSS from GNU time (%M); VmRSS of the init waiting in \`created\` state (pid from \`state\`). $((mr * ROUNDS)) samples."
    table size "Binary size" "\`stat\` of the binary; the second row adds every shared library \`ldd\` lists (libc included)."
}

