#!/usr/bin/env bash
# Benchmark of the inner development loop of `openim:build`, on a private copy of the bundled
# example (examples/openim-server) so its names and labels never collide with a real checkout:
#
#   (a) cold build      openim:clean, then openim:build (build image, data container, go caches new)
#   (b) no-op rebuild   openim:build again with nothing changed
#   (c) one-file change openim:build after editing cmd/openim-api/main.go
#   (d) large tree      20 000 small files under gen/, one openim:sync, then one file changed and
#                       openim:sync again: the "rsync sync in:" figure
#   (e) transports      openim:build on that tree with syncTransport=port and =stream, alternating
#
# For every run it prints the wall time, Maven's own start-up, each step of the plugin's
# "openim timings:" line, the rsync container teardown and the time spent outside Maven start-up
# and the build command. It prints figures and whether each target was met; it never fails on
# timing. Targets: (b) at most 2 s outside Maven start-up and the build command; (d) the rsync
# transfer of the one changed file under 1 s.
#
# Needs: a Docker engine, the local images openim-it/golang:bookworm and openim-it/debian:bookworm
# (scripts/docker-bootstrap.sh), rsync on the host, and the plugin installed in the local Maven
# repository (./mvnw -B -q install -DskipITs -DskipTests). Maven runs offline (-o) and nothing is
# pulled. The plugin runs its data and build containers with network "none"; its rsync container
# needs a bridge to publish its port, which it publishes on 127.0.0.1 only.
#
# Everything it creates (the temp copy, the containers, volumes and images labelled
# io.openim.project=GROUP:bench-build-loop) is removed on exit, also after a failure or Ctrl-C.
#
# Settings (environment): BENCH_RUNS (3) runs per measured case, BENCH_GEN_DIRS (200) and
# BENCH_GEN_FILES (100) the shape of the generated tree, BENCH_ARTIFACT (bench-build-loop),
# BENCH_LOG_DIR (unset) a directory that receives the Maven logs of every run before cleanup.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
EXAMPLE="$REPO_ROOT/examples/openim-server"
ARTIFACT=${BENCH_ARTIFACT:-bench-build-loop}
RUNS=${BENCH_RUNS:-3}
GEN_DIRS=${BENCH_GEN_DIRS:-200}
GEN_FILES=${BENCH_GEN_FILES:-100}
NOOP_TARGET_MS=2000
SYNC_TARGET_MS=1000

# -B: no colours or progress; -o: offline. Not -q: the plugin's INFO lines carry the figures.
# The timestamps on every line let the script tell Maven's start-up from the goal's own time.
MVN=("$MVNW" -B -o -Dorg.slf4j.simpleLogger.showDateTime=true
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)

WORK=""
PROJECT=""
LABEL=""
CLEANED=0

log() { printf '[build-loop] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [ "$CLEANED" -eq 0 ] && [ -n "$PROJECT" ] && [ -f "$PROJECT/pom.xml" ]; then
        log "cleaning up: openim:clean in $PROJECT"
        (cd "$PROJECT" && "$MVNW" -B -o -q openim:clean) >/dev/null 2>&1 \
            || log "warning: openim:clean failed; removing by label only"
    fi
    if [ -n "$LABEL" ]; then
        # Whatever the plugin labelled for this project and clean did not catch (e.g. after a kill).
        local ids
        ids=$(docker ps -aq --filter "label=$LABEL")
        [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
        ids=$(docker volume ls -q --filter "label=$LABEL")
        [ -z "$ids" ] || docker volume rm $ids >/dev/null
        ids=$(docker images -q --filter "label=$LABEL" | sort -u)
        [ -z "$ids" ] || docker rmi -f $ids >/dev/null
        local left
        left=$(( $(docker ps -aq --filter "label=$LABEL" | wc -l) + $(docker volume ls -q --filter "label=$LABEL" | wc -l)
            + $(docker images -q --filter "label=$LABEL" | wc -l) ))
        if [ "$left" -eq 0 ]; then
            log "no containers, volumes or images labelled $LABEL are left"
        else
            log "warning: $left object(s) labelled $LABEL are still there"
        fi
    fi
    if [ -n "${BENCH_LOG_DIR:-}" ] && [ -d "$WORK/logs" ]; then
        mkdir -p "$BENCH_LOG_DIR" && cp "$WORK"/logs/*.log "$BENCH_LOG_DIR"/ && log "logs kept in $BENCH_LOG_DIR"
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- preflight

[ -x "$MVNW" ] || die "$MVNW not found"
[ -f "$EXAMPLE/pom.xml" ] || die "$EXAMPLE/pom.xml not found"
command -v rsync >/dev/null || die "rsync is not installed on the host"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers"
for image in openim-it/golang:bookworm openim-it/debian:bookworm; do
    docker image inspect "$image" >/dev/null 2>&1 \
        || die "local image $image is missing: run scripts/docker-bootstrap.sh (nothing is pulled)"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-build-loop.XXXXXX")
PROJECT="$WORK/project"
LOGS="$WORK/logs"
mkdir -p "$PROJECT" "$LOGS"

# The example without its results; the copy gets its own artifactId, so its own label.
tar -C "$EXAMPLE" --exclude=./_output --exclude=./target -cf - . | tar -C "$PROJECT" -xf -
sed -i "0,/<artifactId>[^<]*<\/artifactId>/s//<artifactId>$ARTIFACT<\/artifactId>/" "$PROJECT/pom.xml"
GROUP=$(sed -n 's:.*<groupId>\([^<]*\)</groupId>.*:\1:p' "$PROJECT/pom.xml" | head -n 1)
grep -q "<artifactId>$ARTIFACT</artifactId>" "$PROJECT/pom.xml" || die "could not set the artifactId of the copy"
LABEL="io.openim.project=$GROUP:$ARTIFACT"
log "project copy: $PROJECT ($GROUP:$ARTIFACT)"

# ---------------------------------------------------------------- helpers

# "EPOCH_MS HH:MM:SS.mmm" of now; the second form matches the Maven log's timestamps.
stamp() { date '+%s%3N %T.%3N'; }

# HH:MM:SS.mmm to milliseconds since midnight.
tod_ms() { awk -v t="$1" 'BEGIN { split(t, a, /[:.]/); printf "%d\n", ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }'; }

# Difference of two milliseconds-of-day values, across midnight too.
tod_diff() { local d=$(( $2 - $1 )); [ "$d" -ge 0 ] || d=$(( d + 86400000 )); echo "$d"; }

# Timestamp (HH:MM:SS.mmm) of the first / last log line matching an extended regex.
first_ts() { grep -E -m 1 "$2" "$1" | awk '{ print $1 }'; }
last_ts() { grep -E "$2" "$1" | tail -n 1 | awk '{ print $1 }'; }

# run_mvn NAME GOAL...: runs Maven in the copy, log in $LOGS/NAME.log; fails the script on a failed build.
# Sets RUN_LOG, RUN_WALL (ms), RUN_START_TOD and RUN_END_TOD (ms of day, to compare with the log).
run_mvn() {
    local name=$1
    shift
    RUN_LOG="$LOGS/$name.log"
    local before after rc=0
    before=$(stamp)
    (cd "$PROJECT" && "${MVN[@]}" "$@") >"$RUN_LOG" 2>&1 </dev/null || rc=$?
    after=$(stamp)
    RUN_WALL=$(( ${after%% *} - ${before%% *} ))
    RUN_START_TOD=$(tod_ms "${before#* }")
    RUN_END_TOD=$(tod_ms "${after#* }")
    if [ "$rc" -ne 0 ] || ! grep -q 'BUILD SUCCESS' "$RUN_LOG"; then
        log "mvn $* failed (exit $rc); last lines of $RUN_LOG:"
        tail -n 40 "$RUN_LOG" >&2
        exit 1
    fi
}

# The value of STEP in the log's "openim timings:" line, 0 when the step did not run.
step_ms() {
    local v
    v=$(grep -m 1 'openim timings:' "$RUN_LOG" | grep -oE "(^| )$1=[0-9]+ms" | grep -oE '[0-9]+' || true)
    echo "${v:-0}"
}

# Median of integer arguments.
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

declare -A M   # M[case:metric] = space-separated values of the runs

record() { M["$1:$2"]="${M["$1:$2"]:-} $3"; }

# analyse CASE RUN: reads RUN_LOG of a build or sync run, records and prints one row.
COLUMNS_SPEC='%-8s %-6s %6s %6s %6s %6s %6s %7s %7s %8s %6s %6s %8s %8s %9s\n'
print_header() {
    printf "$COLUMNS_SPEC" case run wall maven pre b-img data sync-in command copy-out tdown rsync out-step out-goal out-valid
}
analyse() {
    local case=$1 run=$2
    local t_mojo t_timings t_last_step mojo_ms timings_ms last_ms
    t_mojo=$(first_ts "$RUN_LOG" '\[INFO\] --- openim:')
    t_timings=$(first_ts "$RUN_LOG" '\[INFO\] openim timings:')
    # The copy-out or sync-in step ends right after its rsync line; what follows before the
    # timings line is the rsync container's removal.
    t_last_step=$(last_ts "$RUN_LOG" '\[INFO\] rsync (copy out|sync in):')
    [ -n "$t_mojo" ] && [ -n "$t_timings" ] && [ -n "$t_last_step" ] || die "unexpected log format in $RUN_LOG"
    mojo_ms=$(tod_ms "$t_mojo")
    timings_ms=$(tod_ms "$t_timings")
    last_ms=$(tod_ms "$t_last_step")

    local bimg data sync cmd copy steps teardown to_mojo after maven pre rsync_ms rsync_files outside outside2 outside3
    bimg=$(step_ms build-image)
    data=$(step_ms data-container)
    sync=$(step_ms sync-in)
    cmd=$(step_ms command)
    copy=$(step_ms copy-out)
    steps=$(( bimg + data + sync + cmd + copy ))
    teardown=$(tod_diff "$last_ms" "$timings_ms")
    to_mojo=$(tod_diff "$RUN_START_TOD" "$mojo_ms")
    after=$(tod_diff "$timings_ms" "$RUN_END_TOD")
    maven=$(( to_mojo + after ))
    # Inside the goal but in no step: Maven loading the plugin, the engine connection and the first
    # engine call, settings, lock.
    pre=$(( $(tod_diff "$mojo_ms" "$timings_ms") - steps - teardown ))
    rsync_ms=$(grep -m 1 'rsync sync in:' "$RUN_LOG" | sed -n 's/.* in \([0-9]*\) ms$/\1/p')
    rsync_files=$(grep -m 1 'rsync sync in:' "$RUN_LOG" | sed -n 's/.*sync in: \([0-9]*\) file(s).*/\1/p')
    outside=$(( steps - cmd + teardown ))
    outside2=$(( RUN_WALL - MVN_START_MS - cmd ))
    outside3=$(( RUN_WALL - maven - cmd ))

    for pair in wall:$RUN_WALL maven:$maven pre:$pre bimg:$bimg data:$data sync:$sync cmd:$cmd copy:$copy \
            teardown:$teardown rsync:${rsync_ms:-0} files:${rsync_files:-0} outside:$outside outside3:$outside3 outside2:$outside2; do
        record "$case" "${pair%%:*}" "${pair#*:}"
    done
    printf "$COLUMNS_SPEC" "$case" "$run" "$RUN_WALL" "$maven" "$pre" "$bimg" "$data" "$sync" "$cmd" "$copy" \
        "$teardown" "${rsync_ms:-0}" "$outside" "$outside3" "$outside2"
}

print_median() {
    local case=$1 v=()
    for metric in wall maven pre bimg data sync cmd copy teardown rsync outside outside3 outside2; do
        # shellcheck disable=SC2086
        v+=("$(median ${M["$case:$metric"]})")
    done
    printf "$COLUMNS_SPEC" "$case" median "${v[@]}"
}

med() {
    # shellcheck disable=SC2086
    median ${M["$1:$2"]}
}

# ---------------------------------------------------------------- Maven start-up

log "engine $(docker version --format '{{.Server.Version}}'), $(nproc) CPU(s), runs per case: $RUNS"
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) CPU(s) (other builds on this machine skew the figures)"
echo "== Maven start-up: wall time of 'mvn -B -o validate' in the copy (no plugin goal runs) =="
validate_walls=()
# One unmeasured warm-up so the file cache holds Maven's jars, as it does for the runs below.
run_mvn validate-warmup validate
for i in $(seq 1 "$RUNS"); do
    run_mvn "validate-$i" validate
    validate_walls+=("$RUN_WALL")
done
MVN_START_MS=$(median "${validate_walls[@]}")
echo "validate wall ms: ${validate_walls[*]}  -> median $MVN_START_MS ms (used as Maven start-up below)"
echo

cat <<EOF
Columns (all milliseconds):
  wall        wall time of the whole mvn process
  maven       Maven's own part of this run, from the log's timestamps: JVM + Maven start-up until the
              goal's first line, plus Maven's end of build and JVM exit after the timings line
  pre         inside the goal but in no step: plugin dependency resolution and class loading,
              opening the engine connection and the first engine call, settings, lock
  b-img data sync-in command copy-out   the steps of the "openim timings:" line
  tdown       rsync container teardown: from the last rsync line to the timings line
  rsync       the ms figure of the "rsync sync in:" line (the rsync transfer alone)
  out-step    outside Maven start-up and command, counted from the steps: steps - command + tdown
  out-goal    outside Maven start-up and command, per run: wall - maven - command (= pre + out-step)
  out-valid   outside Maven start-up and command, estimated: wall - validate median ($MVN_START_MS ms) - command
EOF
echo

# ---------------------------------------------------------------- (a) cold

echo "== (a) cold openim:build (after openim:clean each time) =="
print_header
clean_walls=()
for i in $(seq 1 "$RUNS"); do
    run_mvn "clean-cold-$i" openim:clean
    clean_walls+=("$RUN_WALL")
    run_mvn "cold-$i" openim:build
    analyse cold "$i"
done
print_median cold
echo "(openim:clean wall ms before each cold run: ${clean_walls[*]})"
echo

# ---------------------------------------------------------------- (b) no-op

echo "== (b) no-op openim:build (nothing changed) =="
print_header
for i in $(seq 1 "$RUNS"); do
    run_mvn "noop-$i" openim:build
    analyse noop "$i"
done
print_median noop
echo "rsync sync in, files transferred per run:${M[noop:files]}"
echo

# ---------------------------------------------------------------- (c) one file changed

echo "== (c) openim:build after changing cmd/openim-api/main.go =="
print_header
for i in $(seq 1 "$RUNS"); do
    # A new comment: new content and mtime, so rsync sends it and go recompiles that package.
    printf '\n// build-loop benchmark change %d at %s\n' "$i" "$(date +%s%N)" >>"$PROJECT/cmd/openim-api/main.go"
    run_mvn "change-$i" openim:build
    analyse change "$i"
done
print_median change
echo "rsync sync in, files transferred per run:${M[change:files]}"
echo

# ---------------------------------------------------------------- (d) large tree, one file changed

total_files=$(( GEN_DIRS * GEN_FILES ))
echo "== (d) openim:sync with $total_files generated files under gen/ ($GEN_DIRS dirs x $GEN_FILES files) =="
gen_start=$(date +%s%3N)
for d in $(seq -w 1 "$GEN_DIRS"); do
    mkdir -p "$PROJECT/gen/d$d"
    for f in $(seq -w 1 "$GEN_FILES"); do
        printf 'generated file %s/%s\n' "$d" "$f" >"$PROJECT/gen/d$d/f$f.txt"
    done
done
echo "generated $(find "$PROJECT/gen" -type f | wc -l) files in $(( $(date +%s%3N) - gen_start )) ms"
print_header
run_mvn sync-initial openim:sync
analyse sync-all 1
echo "initial sync: ${M[sync-all:files]# } file(s) transferred"
for i in $(seq 1 "$RUNS"); do
    printf 'changed by run %d\n' "$i" >>"$PROJECT/gen/d$(printf '%0*d' ${#GEN_DIRS} $(( (GEN_DIRS + 1) / 2 )))/f$(printf '%0*d' ${#GEN_FILES} 1).txt"
    run_mvn "sync-one-$i" openim:sync
    analyse sync-one "$i"
done
print_median sync-one
echo "rsync sync in, files transferred per run:${M[sync-one:files]}"
echo

# ---------------------------------------------------------------- (e) sync transports side by side

# The same openim:build (the 20 000-file tree, one file changed each time) with the port the engine
# publishes and with rsync carried over the engine's API, alternating so that drift hits both.
echo "== (e) syncTransport=port and syncTransport=stream on this engine, alternating =="
print_header
changed_file="$PROJECT/gen/d$(printf '%0*d' ${#GEN_DIRS} 1)/f$(printf '%0*d' ${#GEN_FILES} 2).txt"
for i in $(seq 1 "$RUNS"); do
    for transport in port stream; do
        printf 'changed by %s run %d\n' "$transport" "$i" >>"$changed_file"
        run_mvn "$transport-$i" openim:build "-Dopenim.sync.transport=$transport"
        grep -q "syncTransport=$transport" "$RUN_LOG" || die "run $transport-$i did not use the $transport transport"
        analyse "$transport" "$i"
    done
done
print_median port
print_median stream
echo

# ---------------------------------------------------------------- summary

noop_out=$(med noop outside3)
noop_out_valid=$(med noop outside2)
noop_out_steps=$(med noop outside)
sync_ms=$(med sync-one rsync)
verdict() { if [ "$1" -le "$2" ]; then echo "MET"; else echo "NOT MET"; fi; }
echo "== summary (medians of $RUNS runs) =="
echo "Maven start-up (validate wall):                     $MVN_START_MS ms"
echo "Maven's own part of a goal run (median of the no-op runs):  $(med noop maven) ms"
echo "cold build:   wall $(med cold wall) ms, command $(med cold cmd) ms, outside Maven start-up and command $(med cold outside3) ms"
echo "no-op build:  wall $(med noop wall) ms, command $(med noop cmd) ms"
echo "  outside Maven start-up and command, per run (wall - maven - command): $noop_out ms   target <= $NOOP_TARGET_MS ms: $(verdict "$noop_out" "$NOOP_TARGET_MS")"
echo "  the same with the validate estimate (wall - validate - command):    $noop_out_valid ms   target <= $NOOP_TARGET_MS ms: $(verdict "$noop_out_valid" "$NOOP_TARGET_MS")"
echo "  only the steps (steps - command + teardown, without 'pre'):         $noop_out_steps ms   target <= $NOOP_TARGET_MS ms: $(verdict "$noop_out_steps" "$NOOP_TARGET_MS")"
echo "  of which: pre-step $(med noop pre) ms, build-image $(med noop bimg) ms, data-container $(med noop data) ms, sync-in $(med noop sync) ms (rsync $(med noop rsync) ms), copy-out $(med noop copy) ms, teardown $(med noop teardown) ms"
echo "one-file build: wall $(med change wall) ms, command $(med change cmd) ms, outside Maven start-up and command $(med change outside3) ms"
sync_target_ms=$(( SYNC_TARGET_MS - 1 ))
echo "sync of 1 changed file among $total_files: rsync sync in $sync_ms ms (files transferred:${M[sync-one:files]}), sync-in step $(med sync-one sync) ms, wall $(med sync-one wall) ms"
echo "  target rsync < $SYNC_TARGET_MS ms: $(verdict "$sync_ms" "$sync_target_ms")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "sync transports, openim:build with $total_files files, one changed:"
echo "  port:   sync-in $(med port sync) ms (rsync $(med port rsync) ms), copy-out $(med port copy) ms, wall $(med port wall) ms"
echo "  stream: sync-in $(med stream sync) ms (rsync $(med stream rsync) ms), copy-out $(med stream copy) ms, wall $(med stream wall) ms"
echo "  stream / port: sync-in $(ratio "$(med stream sync)" "$(med port sync)"), copy-out $(ratio "$(med stream copy)" "$(med port copy)"), wall $(ratio "$(med stream wall)" "$(med port wall)")"
echo

log "final openim:clean"
run_mvn final-clean openim:clean
CLEANED=1
echo "final openim:clean: $RUN_WALL ms"
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
