#!/usr/bin/env bash
# A build that prints a lot, through `openim:run` and through `docker run` of the same command
# from the same image with the same volumes, on a private copy of the bundled example:
#
#   plugin-quiet   mvn openim:run -Dopenim.command="yes x | head -c N >/dev/null"
#   plugin-flood   mvn openim:run -Dopenim.command="yes x | head -c N"   (N bytes of 2-byte lines)
#   docker-quiet   docker run ... sh -c "yes x | head -c N >/dev/null"
#   docker-flood   docker run ... sh -c "yes x | head -c N"
#
# Output goes to a file in every case (Maven's through its log, docker's through the CLI). For
# each flood size (BENCH_FLOOD_MB, "10 100") it prints the medians of BENCH_RUNS (3) alternating
# rounds, the extra time a flood costs each (flood - quiet), their ratio and Maven's peak RSS over
# the quiet run (GNU time's maximum resident set size):
#
#   plugin extra / docker extra          target <= 1.2 at 10 MB; linear up to 100 MB
#   plugin flood RSS - plugin quiet RSS  target <= 100 MB at every size
#
# It also checks that every line reached the log. It never fails on timing. Everything it creates
# (the copy; containers, volumes, images labelled io.openim.project=io.openim.examples:ARTIFACT) is
# removed on exit, also on Ctrl-C. Needs: a Docker engine, the images of
# scripts/docker-bootstrap.sh, rsync, GNU time, the plugin installed in the local Maven repository
# (./mvnw -B -q install -DskipTests -DskipITs).
#
# Settings (environment): BENCH_RUNS (3), BENCH_FLOOD_MB ("10 100"), BENCH_ARTIFACT
# (bench-output-flood), BENCH_PLUGIN_VERSION (the example's), BENCH_LOG_DIR (unset) a directory
# that receives every run's output before cleanup.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
EXAMPLE="$REPO_ROOT/examples/openim-server"
ARTIFACT=${BENCH_ARTIFACT:-bench-output-flood}
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_FLOOD_MB:-10 100}
LABEL="io.openim.project=io.openim.examples:$ARTIFACT"
WORK=""
PROJECT=""
CLEANED=0

log() { printf '[output-flood] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [ -n "$PROJECT" ] && [ "$CLEANED" -eq 0 ] && [ -f "$PROJECT/pom.xml" ]; then
        (cd "$PROJECT" && "$MVNW" -B -o -q "${VERSION_ARGS[@]}" openim:clean) >/dev/null 2>&1 || log "warning: openim:clean failed"
    fi
    local ids
    ids=$(docker ps -aq --filter "label=$LABEL"); [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
    ids=$(docker volume ls -q --filter "label=$LABEL"); [ -z "$ids" ] || docker volume rm $ids >/dev/null
    ids=$(docker images -q --filter "label=$LABEL" | sort -u); [ -z "$ids" ] || docker rmi -f $ids >/dev/null
    local left
    left=$(( $(docker ps -aq --filter "label=$LABEL" | wc -l) + $(docker volume ls -q --filter "label=$LABEL" | wc -l) ))
    [ "$left" -eq 0 ] && log "nothing labelled $LABEL is left" || log "warning: $left object(s) labelled $LABEL are left"
    if [ -n "${BENCH_LOG_DIR:-}" ] && [ -d "$WORK/logs" ]; then
        mkdir -p "$BENCH_LOG_DIR" && cp "$WORK"/logs/*.txt "$BENCH_LOG_DIR"/ 2>/dev/null && log "logs kept in $BENCH_LOG_DIR"
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    exit "$rc"
}
VERSION_ARGS=()
[ -z "${BENCH_PLUGIN_VERSION:-}" ] || VERSION_ARGS=("-Dopenim.plugin.version=$BENCH_PLUGIN_VERSION")
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v docker >/dev/null || die "docker is not on PATH"
command -v rsync >/dev/null || die "rsync is not on PATH"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is needed for the peak RSS"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-flood.XXXXXX")
PROJECT="$WORK/project"
mkdir -p "$PROJECT" "$WORK/logs"
(cd "$EXAMPLE" && tar --exclude=./_output --exclude=./target -cf - .) | tar -C "$PROJECT" -xf -
sed -i "s|<artifactId>openim-server-example</artifactId>|<artifactId>$ARTIFACT</artifactId>|" "$PROJECT/pom.xml"

MVN=("$MVNW" -B -o "${VERSION_ARGS[@]}")
USER_IDS="$(id -u):$(id -g)"
now_ms() { date +%s%3N; }

# measure NAME COMMAND...: runs it with its output in the case's log, records wall ms and peak RSS KB.
declare -A WALL RSS
measure() {
    local name=$1; shift
    local t0 t1
    t0=$(now_ms)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >"$WORK/logs/$name.txt" 2>&1 || { tail -n 30 "$WORK/logs/$name.txt" >&2; die "$name failed"; }
    t1=$(now_ms)
    WALL[$name]="${WALL[$name]:-} $(( t1 - t0 ))"
    RSS[$name]="${RSS[$name]:-} $(tail -n 1 "$WORK/rss")"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
med() { # shellcheck disable=SC2086
    median ${1}; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "MET" : "NOT MET") }'; }

# Commands as words (GNU time runs programs, not shell functions).
in_project() { (cd "$PROJECT" && "$@"); }
plugin_cmd() { PLUGIN_CMD=(env -C "$PROJECT" "${MVN[@]}" openim:run -Dopenim.copy.output=false "-Dopenim.command=$1"); }
docker_cmd() {
    DOCKER_CMD=(docker run --rm --label "$LABEL" --label io.openim.role=bench-peer --volumes-from "$DATA"
        --network none -u "$USER_IDS" -w /workspace "$IMAGE" /bin/sh -c "$1")
}
plugin_run() { plugin_cmd "$1"; "${PLUGIN_CMD[@]}"; }
docker_run() { docker_cmd "$1"; "${DOCKER_CMD[@]}"; }

# ---------------------------------------------------------------- warm up

log "engine $(docker version --format '{{.Server.Version}}'), $(nproc) CPU(s), $RUNS runs per case, sizes: $SIZES MB"
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) CPU(s)"
plugin_run true >"$WORK/logs/warm-up.txt" 2>&1 || { tail -n 30 "$WORK/logs/warm-up.txt" >&2; die "the first run failed"; }
HASH=$(grep -o 'openim-build-data-[0-9a-f]\{10\}' "$WORK/logs/warm-up.txt" | head -n 1 | sed 's/openim-build-data-//')
[ -n "$HASH" ] || die "no data container name in the first run's log"
DATA="openim-build-data-$HASH-1"
IMAGE="openim-build:build-$HASH-1"
log "build image $IMAGE, data container $DATA"
plugin_run true >/dev/null 2>&1; docker_run true >/dev/null 2>&1

# ---------------------------------------------------------------- measured, alternating

for mb in $SIZES; do
    bytes=$(( mb * 1024 * 1024 ))
    flood="yes x | head -c $bytes"
    for i in $(seq 1 "$RUNS"); do
        plugin_cmd "$flood >/dev/null"; measure "plugin-quiet-$mb" "${PLUGIN_CMD[@]}"
        plugin_cmd "$flood"; measure "plugin-flood-$mb" "${PLUGIN_CMD[@]}"
        docker_cmd "$flood >/dev/null"; measure "docker-quiet-$mb" "${DOCKER_CMD[@]}"
        docker_cmd "$flood"; measure "docker-flood-$mb" "${DOCKER_CMD[@]}"
        log "$mb MB: round $i of $RUNS done"
    done
    # Every line reached Maven's log: the x lines, each "[INFO] x" (or prefixed further).
    lines=$(grep -c 'x$' "$WORK/logs/plugin-flood-$mb.txt" || true)
    expected=$(( bytes / 2 ))
    [ "$lines" -ge "$expected" ] && log "$mb MB: all $expected lines in the log" || log "warning: $mb MB: $lines of $expected lines in the log"
done

# ---------------------------------------------------------------- figures

printf '\n%-20s %9s %9s   %s\n' case wall-ms rss-MB "runs (wall)"
for mb in $SIZES; do
    for name in plugin-quiet plugin-flood docker-quiet docker-flood; do
        key="$name-$mb"
        printf '%-20s %9d %9d   %s\n' "$key" "$(med "${WALL[$key]}")" $(( $(med "${RSS[$key]}") / 1024 )) "${WALL[$key]# }"
    done
done
echo
echo "== ratios (medians of $RUNS) =="
declare -A EXTRA
for mb in $SIZES; do
    pq=$(med "${WALL[plugin-quiet-$mb]}"); pf=$(med "${WALL[plugin-flood-$mb]}")
    dq=$(med "${WALL[docker-quiet-$mb]}"); df=$(med "${WALL[docker-flood-$mb]}")
    pe=$(( pf - pq )); de=$(( df - dq )); EXTRA[$mb]=$pe
    r=$(ratio "$pe" "$de")
    rss=$(( ($(med "${RSS[plugin-flood-$mb]}") - $(med "${RSS[plugin-quiet-$mb]}")) / 1024 ))
    echo "$mb MB: plugin extra / docker run extra = $pe / $de ms = $r   target <= 1.2: $(verdict "$r" 1.2)"
    echo "$mb MB: plugin peak RSS over its quiet run = $rss MB   target <= 100 MB: $(verdict "$rss" 100)"
done
first=""; for mb in $SIZES; do [ -n "$first" ] || first=$mb; done
for mb in $SIZES; do
    [ "$mb" = "$first" ] && continue
    per_first=$(ratio "${EXTRA[$first]}" "$first"); per_this=$(ratio "${EXTRA[$mb]}" "$mb")
    echo "plugin extra per MB: $per_first ms at $first MB, $per_this ms at $mb MB (linear: about equal)"
done
echo
in_project "${MVN[@]}" openim:clean >/dev/null 2>&1 && CLEANED=1
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
