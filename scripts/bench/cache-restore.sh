#!/usr/bin/env bash
# Benchmark of openim:cache-restore, the CI runner's case: a cold build on a clean engine (no
# build image, no data container, no Go caches) against the same cold build after restoring the
# caches that an earlier run saved with openim:cache-save. On a private copy of the bundled
# example (both platforms, as its POM builds them), so names and labels never meet a real checkout.
#
#   once      openim:build, then openim:cache-save into a private cache directory (not measured)
#   cold      openim:clean, then `openim:build`                                 (BENCH_RUNS times)
#   restored  openim:clean, then `openim:cache-restore openim:build`            (BENCH_RUNS times)
#
# The cases alternate, so load on the machine hits both alike. Each run's wall time is the whole
# Maven run; the binaries of every run are compared byte for byte with the first cold run's. It
# prints the medians, the archive size and the ratio restored / cold with the target (at most
# 0.5); it never fails on timing, only on a failed build or different binaries.
#
# Needs: a Docker engine, the local images openim-it/golang:bookworm, openim-it/debian:bookworm
# (scripts/docker-bootstrap.sh), rsync, and the plugin installed in the local Maven repository
# (./mvnw -B -q install -DskipITs -DskipTests). Maven runs offline; nothing is pulled.
#
# Everything it creates (the temp copy and cache directory, the containers, volumes and images
# labelled io.openim.project=GROUP:bench-cache-restore) is removed on exit, also after Ctrl-C.
# Settings (environment): BENCH_RUNS (3), BENCH_LOG_DIR (unset: a directory for the Maven logs).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
EXAMPLE="$REPO_ROOT/examples/openim-server"
ARTIFACT=bench-cache-restore
RUNS=${BENCH_RUNS:-3}
MVN=("$MVNW" -B -o)

WORK=""
PROJECT=""
LABEL=""

log() { printf '[cache-restore] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [ -n "$PROJECT" ] && [ -f "$PROJECT/pom.xml" ]; then
        (cd "$PROJECT" && "$MVNW" -B -o -q openim:clean) >/dev/null 2>&1 \
            || log "warning: openim:clean failed; removing by label only"
    fi
    if [ -n "$LABEL" ]; then
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

[ -x "$MVNW" ] || die "$MVNW not found"
command -v rsync >/dev/null || die "rsync is not installed on the host"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers"
for image in openim-it/golang:bookworm openim-it/debian:bookworm openim-it/debian:bookworm-arm64; do
    docker image inspect "$image" >/dev/null 2>&1 \
        || die "local image $image is missing: run scripts/docker-bootstrap.sh (nothing is pulled)"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-cache-restore.XXXXXX")
PROJECT="$WORK/project"
CACHE="$WORK/ci-cache"
LOGS="$WORK/logs"
mkdir -p "$PROJECT" "$LOGS"
tar -C "$EXAMPLE" --exclude=./_output --exclude=./target -cf - . | tar -C "$PROJECT" -xf -
sed -i "0,/<artifactId>[^<]*<\/artifactId>/s//<artifactId>$ARTIFACT<\/artifactId>/" "$PROJECT/pom.xml"
GROUP=$(sed -n 's:.*<groupId>\([^<]*\)</groupId>.*:\1:p' "$PROJECT/pom.xml" | head -n 1)
grep -q "<artifactId>$ARTIFACT</artifactId>" "$PROJECT/pom.xml" || die "could not set the artifactId of the copy"
LABEL="io.openim.project=$GROUP:$ARTIFACT"
log "project copy: $PROJECT ($GROUP:$ARTIFACT); load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"

# run_mvn NAME ARGS...: Maven in the copy, its log in $LOGS/NAME.log; sets RUN_WALL (ms).
run_mvn() {
    local name=$1 start rc=0
    shift
    RUN_LOG="$LOGS/$name.log"
    start=$(date +%s%3N)
    (cd "$PROJECT" && "${MVN[@]}" "$@") >"$RUN_LOG" 2>&1 </dev/null || rc=$?
    RUN_WALL=$(( $(date +%s%3N) - start ))
    if [ "$rc" -ne 0 ] || ! grep -q 'BUILD SUCCESS' "$RUN_LOG"; then
        log "mvn $* failed (exit $rc); last lines of $RUN_LOG:"
        tail -n 40 "$RUN_LOG" >&2
        exit 1
    fi
}

binaries_digest() { (cd "$PROJECT/_output/dockerized/bin" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
command_ms() { grep -m 1 'openim timings:' "$RUN_LOG" | grep -oE 'command=[0-9]+' | grep -oE '[0-9]+'; }

log "preparing: a build and openim:cache-save (not measured)"
run_mvn prepare openim:build
run_mvn save openim:cache-save "-Dopenim.cache.dir=$CACHE"
ARCHIVE=$(ls "$CACHE"/*.tar.gz)
ARCHIVE_BYTES=$(stat -c %s "$ARCHIVE")
VOLUME_LINE=$(grep -m 1 'Saved /cache:' "$RUN_LOG" | sed 's/.*Saved/Saved/')
log "$VOLUME_LINE"

COLD=()
WARM=()
COLD_CMD=()
WARM_CMD=()
REFERENCE=""
for round in $(seq 1 "$RUNS"); do
    run_mvn "clean-cold-$round" openim:clean
    run_mvn "cold-$round" openim:build
    COLD+=("$RUN_WALL")
    COLD_CMD+=("$(command_ms)")
    digest=$(binaries_digest)
    [ -n "$REFERENCE" ] || REFERENCE=$digest
    [ "$digest" = "$REFERENCE" ] || die "cold run $round made different binaries"
    log "round $round cold: ${RUN_WALL} ms (build command $(command_ms) ms)"

    run_mvn "clean-restored-$round" openim:clean
    run_mvn "restored-$round" openim:cache-restore openim:build "-Dopenim.cache.dir=$CACHE"
    grep -q 'Restored /cache from' "$RUN_LOG" || die "round $round restored nothing (see $RUN_LOG)"
    WARM+=("$RUN_WALL")
    WARM_CMD+=("$(command_ms)")
    [ "$(binaries_digest)" = "$REFERENCE" ] || die "restored run $round made different binaries than the cold build"
    log "round $round restored: ${RUN_WALL} ms (build command $(command_ms) ms; $(grep -m 1 'Restored /cache' "$RUN_LOG" | sed 's/.*Restored/restored/'))"
done

cold=$(median "${COLD[@]}")
warm=$(median "${WARM[@]}")
ratio=$(awk -v w="$warm" -v c="$cold" 'BEGIN { printf "%.2f", w / c }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 0.5) ? "MET" : "NOT MET" }')
printf '\n'
printf 'cache archive              %s (%d bytes; %s)\n' "$(basename "$ARCHIVE")" "$ARCHIVE_BYTES" "$VOLUME_LINE"
printf 'cold build, clean engine   median %6d ms  (runs: %s; build command median %d ms)\n' "$cold" "${COLD[*]}" "$(median "${COLD_CMD[@]}")"
printf 'cache-restore + build      median %6d ms  (runs: %s; build command median %d ms)\n' "$warm" "${WARM[*]}" "$(median "${WARM_CMD[@]}")"
printf 'binaries                   identical in all %d runs (sha256 of every file)\n' $(( 2 * RUNS ))
printf 'ratio restored / cold      %s  (target <= 0.5: %s)\n' "$ratio" "$verdict"
log "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
