#!/usr/bin/env bash
# The edit-build loop of `openim:build` next to the two ways of doing it by hand, on a private copy
# of the bundled example, with the same build image, data container and Go caches for all:
#
#   maven      `mvn -B -o -q validate`: Maven's own start, no plugin goal
#   plugin     `mvn -B -o -q openim:build` (default transport: the port on 127.0.0.1)
#   bind       the same with -Dopenim.sync.transport=bind
#   hand       the rsync-era flow with the docker CLI: rsync container up, sync in, down; build
#              container runs the build command; rsync container up, copy out, down
#   bind-run   `docker run` with the checkout bind-mounted and the cache volume (what Kubernetes
#              does since it dropped rsync)
#
# each for a no-op and for a one-file change, alternating so that drift hits all alike, BENCH_RUNS
# (7) times. Wall time, and CPU time (user + system of the process and its children, from bash's
# `times`; the docker CLI's share only for the peers, the engine's own never). It prints medians and
# the issue's ratios:
#
#   plugin wall / (maven + hand)       target <= 1.0, aim 0.8
#   plugin CPU - maven CPU             target <= 1.2 s
#   bind wall / (maven + bind-run)     target <= 1.2
#
# It never fails on timing. Everything it creates (the copy; containers, volumes and images
# labelled io.openim.project=io.openim.examples:ARTIFACT) is removed on exit, also on Ctrl-C.
# Needs: a Docker engine, the images of scripts/docker-bootstrap.sh, rsync, the plugin installed in
# the local Maven repository (./mvnw -B -q install -DskipTests -DskipITs).
#
# Settings (environment): BENCH_RUNS (7), BENCH_ARTIFACT (bench-loop-peers), BENCH_LOG_DIR (unset)
# a directory that receives every run's output before cleanup, BENCH_MAVEN_OPTS (unset) extra JVM
# options for the Maven runs (e.g. -XX:TieredStopAtLevel=1, to measure such advice),
# BENCH_BASELINE_VERSION (unset) another version of the plugin in the local repository whose no-op
# is measured alongside (e.g. one built from an older commit with -Dproject.version changed), to
# see what a change of the plugin costs or saves.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
EXAMPLE="$REPO_ROOT/examples/openim-server"
ARTIFACT=${BENCH_ARTIFACT:-bench-loop-peers}
RUNS=${BENCH_RUNS:-7}
LABEL="io.openim.project=io.openim.examples:$ARTIFACT"
WORK=""
PROJECT=""
CLEANED=0

log() { printf '[loop-peers] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [ -n "$PROJECT" ] && [ "$CLEANED" -eq 0 ] && [ -f "$PROJECT/pom.xml" ]; then
        (cd "$PROJECT" && "$MVNW" -B -o -q openim:clean) >/dev/null 2>&1 || log "warning: openim:clean failed"
    fi
    local ids
    ids=$(docker ps -aq --filter "label=$LABEL"); [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
    ids=$(docker volume ls -q --filter "label=$LABEL"); [ -z "$ids" ] || docker volume rm $ids >/dev/null
    ids=$(docker images -q --filter "label=$LABEL" | sort -u); [ -z "$ids" ] || docker rmi -f $ids >/dev/null
    local left
    left=$(( $(docker ps -aq --filter "label=$LABEL" | wc -l) + $(docker volume ls -q --filter "label=$LABEL" | wc -l) ))
    [ "$left" -eq 0 ] && log "nothing labelled $LABEL is left" || log "warning: $left object(s) labelled $LABEL are left"
    if [ -n "${BENCH_LOG_DIR:-}" ] && [ -d "$WORK/logs" ]; then
        mkdir -p "$BENCH_LOG_DIR" && cp "$WORK"/logs/* "$BENCH_LOG_DIR"/ && log "logs kept in $BENCH_LOG_DIR"
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v docker >/dev/null || die "docker is not on PATH"
command -v rsync >/dev/null || die "rsync is not on PATH"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-peers.XXXXXX")
PROJECT="$WORK/project"
mkdir -p "$PROJECT" "$WORK/logs"
(cd "$EXAMPLE" && tar --exclude=./_output --exclude=./target -cf - .) | tar -C "$PROJECT" -xf -
sed -i "s|<artifactId>openim-server-example</artifactId>|<artifactId>$ARTIFACT</artifactId>|" "$PROJECT/pom.xml"
git -C "$PROJECT" init -q && git -C "$PROJECT" add -A && git -C "$PROJECT" -c user.email=b@b -c user.name=b commit -qm bench

export MAVEN_OPTS="${MAVEN_OPTS:-} ${BENCH_MAVEN_OPTS:-}"
# Not -q: the plugin's "openim timings" line goes to the logs, for the breakdown printed below.
MVN=("$MVNW" -B -o)
BUILD_COMMAND="make build PLATFORMS='linux/amd64 linux/arm64'"
USER_IDS="$(id -u):$(id -g)"

now_ms() { date +%s%3N; }
# CPU time (user + system) of this shell's finished children so far, in ms, in CHILDREN_CPU_MS.
# `times` runs in this shell (a command substitution would ask a subshell, whose children are none).
children_cpu_ms() {
    times >"$WORK/times"
    CHILDREN_CPU_MS=$(tail -n 1 "$WORK/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }')
}

# measure NAME COMMAND...: runs it (output to the log), records wall and CPU ms.
declare -A WALL CPU
measure() {
    local name=$1; shift
    local c0 t0 t1 c1
    children_cpu_ms; c0=$CHILDREN_CPU_MS; t0=$(now_ms)
    "$@" >>"$WORK/logs/$name.log" 2>&1 || { tail -n 30 "$WORK/logs/$name.log" >&2; die "$name failed"; }
    t1=$(now_ms); children_cpu_ms; c1=$CHILDREN_CPU_MS
    WALL[$name]="${WALL[$name]:-} $(( t1 - t0 ))"
    CPU[$name]="${CPU[$name]:-} $(( c1 - c0 ))"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
med() { # shellcheck disable=SC2086
    median ${1}; }

in_project() { (cd "$PROJECT" && "$@"); }
plugin() { in_project "${MVN[@]}" openim:build; }
plugin_bind() { in_project "${MVN[@]}" openim:build -Dopenim.sync.transport=bind; }
maven_only() { in_project "${MVN[@]}" validate; }
BASELINE=${BENCH_BASELINE_VERSION:-}
plugin_baseline() { in_project "${MVN[@]}" "-Dopenim.plugin.version=$BASELINE" openim:build; }

# ---------------------------------------------------------------- the peers

HASH=""; IMAGE=""; DATA=""
rsync_up() {
    # A daemon over the data container's volumes, on an ephemeral port of 127.0.0.1, as the seed's
    # scripts did (without their password: a few ms either way).
    docker run -d --name "openim-peer-rsync-$HASH" --label "$LABEL" --label io.openim.role=bench-peer \
        --volumes-from "$DATA" -p 127.0.0.1::8730 --entrypoint /bin/sh "$IMAGE" -c \
        'printf "port = 8730\nuse chroot = no\n[ws]\npath = /workspace\nread only = false\nuid = 0\ngid = 0\n" > /tmp/rsyncd.conf && exec rsync --daemon --no-detach --config=/tmp/rsyncd.conf' >/dev/null
    RSYNC_PORT=$(docker port "openim-peer-rsync-$HASH" 8730/tcp | head -n 1 | sed 's/.*://')
    for _ in $(seq 1 100); do
        rsync "rsync://127.0.0.1:$RSYNC_PORT/" >/dev/null 2>&1 && return 0
        sleep 0.01
    done
    die "the peer's rsync daemon did not answer"
}
rsync_down() { docker rm -f "openim-peer-rsync-$HASH" >/dev/null; }
hand_flow() {
    rsync_up
    rsync -a --delete --filter='- /_output' --filter='- /_tmp' "$PROJECT/" "rsync://127.0.0.1:$RSYNC_PORT/ws/"
    rsync_down
    docker run --rm --name "openim-peer-build-$HASH" --label "$LABEL" --label io.openim.role=bench-peer \
        --volumes-from "$DATA" --network none -u "$USER_IDS" -w /workspace "$IMAGE" /bin/sh -c "$BUILD_COMMAND"
    rsync_up
    mkdir -p "$PROJECT/_output/dockerized"
    rsync -a "rsync://127.0.0.1:$RSYNC_PORT/ws/_output/dockerized/" "$PROJECT/_output/dockerized/"
    rsync_down
}
bind_run() {
    docker run --rm --name "openim-peer-bind-$HASH" --label "$LABEL" --label io.openim.role=bench-peer \
        -v "$PROJECT:/workspace" -v "$DATA-1:/cache" --network none -u "$USER_IDS" -w /workspace "$IMAGE" \
        /bin/sh -c "$BUILD_COMMAND"
}

# ---------------------------------------------------------------- warm up

log "engine $(docker version --format '{{.Server.Version}}'), $(nproc) CPU(s), $RUNS runs per case"
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) CPU(s)"
in_project "$MVNW" -B -o openim:build >"$WORK/logs/warm-up.log" 2>&1 || { tail -n 30 "$WORK/logs/warm-up.log" >&2; die "the first build failed"; }
HASH=$(grep -o 'openim-build-data-[0-9a-f]\{10\}' "$WORK/logs/warm-up.log" | head -n 1 | sed 's/openim-build-data-//')
[ -n "$HASH" ] || die "no data container name in the first build's log"
DATA="openim-build-data-$HASH-1"
IMAGE="openim-build:build-$HASH-1"
log "build image $IMAGE, data container $DATA"
# One of each, unmeasured, so every cache (the engine's, the page cache, Go's) is as warm as the next.
maven_only >/dev/null 2>&1; plugin >/dev/null 2>&1; plugin_bind >/dev/null 2>&1; hand_flow >/dev/null 2>&1; bind_run >/dev/null 2>&1

# ---------------------------------------------------------------- measured, alternating

change() { printf '\n// loop-peers change %s\n' "$(date +%s%N)" >>"$PROJECT/cmd/openim-api/main.go"; }
for i in $(seq 1 "$RUNS"); do
    measure maven maven_only
    measure noop-plugin plugin
    [ -z "$BASELINE" ] || measure noop-baseline plugin_baseline
    measure noop-hand hand_flow
    measure noop-bind plugin_bind
    measure noop-bind-run bind_run
    change; measure change-plugin plugin
    change; measure change-hand hand_flow
    change; measure change-bind plugin_bind
        change; measure change-bind-run bind_run
    # Unmeasured: the last change has reached the checkout only (bind-run), so the data
    # container gets it now; otherwise the next round's plugin no-op would sync and relink it.
    plugin >/dev/null 2>&1
    log "round $i of $RUNS done"
done

# ---------------------------------------------------------------- figures

printf '\n%-16s %8s %8s   %s\n' case wall-ms cpu-ms "runs (wall)"
for name in maven noop-plugin ${BASELINE:+noop-baseline} noop-hand noop-bind noop-bind-run change-plugin change-hand change-bind change-bind-run; do
    printf '%-16s %8d %8d   %s\n' "$name" "$(med "${WALL[$name]}")" "$(med "${CPU[$name]}")" "${WALL[$name]# }"
done
# The plugin's own steps, from its "openim timings:" lines (medians over the runs of each case).
for name in noop-plugin noop-bind change-plugin change-bind; do
    line="$name steps:"
    for step in build-image data-container sync-in command copy-out; do
                # The bind runs have no sync steps: no match is not a failure.
        values=$(grep -h 'openim timings:' "$WORK/logs/$name.log" | grep -o "$step=[0-9]*" | sed 's/.*=//' | tr '\n' ' ' || true)
        [ -z "$values" ] || line="$line $step=$(med "$values")"
    done
    echo "$line"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "MET" : "NOT MET") }'; }
M=$(med "${WALL[maven]}"); MC=$(med "${CPU[maven]}")
echo
echo "== ratios (medians of $RUNS) =="
for kind in noop change; do
    P=$(med "${WALL[$kind-plugin]}"); H=$(med "${WALL[$kind-hand]}")
    B=$(med "${WALL[$kind-bind]}"); R=$(med "${WALL[$kind-bind-run]}")
    PC=$(med "${CPU[$kind-plugin]}")
    r1=$(ratio "$P" $(( M + H ))); r2=$(ratio "$B" $(( M + R )))
    own=$(( PC - MC ))
    echo "$kind: plugin / (maven + hand flow) = $P / ($M + $H) = $r1   target <= 1.0: $(verdict "$r1" 1.0), aim 0.8: $(verdict "$r1" 0.8)"
    echo "$kind: plugin CPU - maven CPU = $PC - $MC = $own ms   target <= 1200 ms: $(verdict "$own" 1200)"
    echo "$kind: bind / (maven + bind-mounted run) = $B / ($M + $R) = $r2   target <= 1.2: $(verdict "$r2" 1.2)"
done
if [ -n "$BASELINE" ]; then
    P=$(med "${WALL[noop-plugin]}"); Q=$(med "${WALL[noop-baseline]}")
    PC=$(med "${CPU[noop-plugin]}"); QC=$(med "${CPU[noop-baseline]}")
    echo "noop: this plugin vs $BASELINE: $P vs $Q ms wall ($(( P - Q )) ms), $PC vs $QC ms CPU ($(( PC - QC )) ms)"
fi
echo
in_project "${MVN[@]}" openim:clean >/dev/null 2>&1 && CLEANED=1
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
