#!/usr/bin/env bash
# Benchmark of the archive step of `openim:image` on a large image.
#
# It builds a base image of more than 1 GB locally (openim-it/debian:bookworm plus a file of random
# bytes, built with --network none), then a throwaway Maven project whose only binary is a copy of
# /bin/true at _output/dockerized/bin/linux/ARCH/big, with that large image as runtimeBaseImage.
# `openim:image` then builds bench/big-ARCH:1.0.0 FROM it and saves more than 1 GB to
# _output/release-images/ARCH/big.tar. Measured:
#
#   - the plugin's save: the ms figure of its "Archived ... (N bytes, M ms)" line, and the wall
#     time of the first run (which takes the base from the engine) and of the later ones (which
#     use the layers kept in _output/images/bases),
#   - `docker save -o` of the same image (kept with -Dopenim.keep.images=true) right after each
#     plugin run, and the ratio; target: the plugin within 10% of docker save,
#   - how long the engine works before it sends the first byte (curl on the engine's socket), as
#     both clients wait for that part alike,
#   - the peak JVM heap of the Maven run, sampled with `jstat -gc PID 200` (S0U+S1U+EU+OU) and read
#     from a GC log (-Xlog:gc); target: under 256 MB,
#   - one run with MAVEN_OPTS=-Xmx256m, which must complete.
#
# It prints figures and whether each target was met; it never fails on timing. Everything it
# creates (images labelled io.openim.project=io.openim.bench:save, the temp project, the archives)
# is removed on exit, also after a failure or Ctrl-C. Nothing is pulled; the base is built with
# --network none and the release image's Dockerfile (the plugin's) has no RUN step.
#
# Needs: a Docker engine, the local image openim-it/debian:bookworm (scripts/docker-bootstrap.sh),
# jstat (a JDK), the plugin installed in the local Maven repository, and about 3 x the image size
# of free disk (checked first).
#
# Settings (environment): BENCH_SIZE_MB (1024) size of the random file, BENCH_RUNS (3) runs per
# measurement, BENCH_PLUGIN_VERSION (0.1.0-SNAPSHOT), BENCH_LOG_DIR (unset) a directory that
# receives the Maven, jstat and GC logs before cleanup.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
SIZE_MB=${BENCH_SIZE_MB:-1024}
RUNS=${BENCH_RUNS:-3}
PLUGIN_VERSION=${BENCH_PLUGIN_VERSION:-0.1.0-SNAPSHOT}
GROUP=io.openim.bench
ARTIFACT=save
LABEL="io.openim.project=$GROUP:$ARTIFACT"
BASE_IMAGE=openim-bench/large-base:save
FROM_IMAGE=openim-it/debian:bookworm
REGISTRY=bench
BINARY=big
TAG=1.0.0
RELEASE_IMAGE=""   # read from the .docker_tag file the plugin writes beside the archive
HEAP_TARGET_MB=256
RATIO_TARGET=1.10

MVN=("$MVNW" -B -o)

WORK=""
PROJECT=""
CLEANED=0
BASE_BUILD_STARTED=0
BG_PIDS=()

log() { printf '[save-large-image] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    local pid
    for pid in "${BG_PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    if [ "$CLEANED" -eq 0 ] && [ -n "$PROJECT" ] && [ -f "$PROJECT/pom.xml" ]; then
        log "cleaning up: openim:clean in $PROJECT"
        (cd "$PROJECT" && "${MVN[@]}" -q openim:clean) >/dev/null 2>&1 || log "warning: openim:clean failed"
    fi
    # The large base, the release images (they inherit the base's labels) and any container of them.
    local ids
    ids=$(docker ps -aq --filter "label=$LABEL"; docker ps -aq --filter "ancestor=$BASE_IMAGE" 2>/dev/null)
    [ -z "$ids" ] || docker rm -f -v $(printf '%s\n' $ids | sort -u) >/dev/null
    [ -z "$RELEASE_IMAGE" ] || ! docker image inspect "$RELEASE_IMAGE" >/dev/null 2>&1 \
        || docker rmi -f "$RELEASE_IMAGE" >/dev/null
    docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 && docker rmi -f "$BASE_IMAGE" >/dev/null
    if [ "$BASE_BUILD_STARTED" -eq 1 ]; then
        # Interrupted while building the base: the engine may still commit a layer after the
        # client has gone.
        sleep 3
    fi
    ids=$(docker images -aq --filter "label=$LABEL" | sort -u)
    [ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1
    local left
    left=$(( $(docker ps -aq --filter "label=$LABEL" | wc -l) + $(docker images -aq --filter "label=$LABEL" | wc -l) ))
    if [ "$left" -eq 0 ]; then
        log "no containers or images labelled $LABEL are left"
    else
        log "warning: $left object(s) labelled $LABEL are still there"
    fi
    if [ -n "${BENCH_LOG_DIR:-}" ] && [ -d "$WORK/logs" ]; then
        mkdir -p "$BENCH_LOG_DIR" && cp "$WORK"/logs/* "$BENCH_LOG_DIR"/ && log "logs kept in $BENCH_LOG_DIR"
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- preflight

[ -x "$MVNW" ] || die "$MVNW not found"
command -v jstat >/dev/null || die "jstat not found (it comes with a JDK)"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers"
docker image inspect "$FROM_IMAGE" >/dev/null 2>&1 \
    || die "local image $FROM_IMAGE is missing: run scripts/docker-bootstrap.sh (nothing is pulled)"
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || [ -n "$(docker images -q --filter "label=$LABEL")" ]; then
    die "$BASE_IMAGE or images labelled $LABEL already exist: another run is going on or left them; remove them first"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-save.XXXXXX")
PROJECT="$WORK/project"
LOGS="$WORK/logs"
mkdir -p "$PROJECT" "$LOGS" "$WORK/context"

# Free space: the build context (deleted after the build), the engine's copy of it while
# building and the image layer; later the layer, the engine's staging copy during a save and
# one archive at a time.
free_mb() { df -Pm "$1" | awk 'NR == 2 { print $4 }'; }
DOCKER_ROOT=$(docker info --format '{{.DockerRootDir}}' 2>/dev/null || true)
work_free=$(free_mb "$WORK")
if [ -n "$DOCKER_ROOT" ] && [ -d "$DOCKER_ROOT" ]; then
    docker_free=$(free_mb "$DOCKER_ROOT")
    if [ "$(stat -c %d "$WORK")" = "$(stat -c %d "$DOCKER_ROOT")" ]; then
        need=$(( 3 * SIZE_MB + 1024 ))
        echo "free disk: $work_free MB on the filesystem of $WORK and $DOCKER_ROOT (need about $need MB)"
        [ "$work_free" -ge "$need" ] || die "not enough free disk: $work_free MB < $need MB"
    else
        echo "free disk: $work_free MB under $WORK, $docker_free MB under $DOCKER_ROOT"
        [ "$work_free" -ge $(( 2 * SIZE_MB + 512 )) ] || die "not enough free disk under $WORK"
        [ "$docker_free" -ge $(( 2 * SIZE_MB + 512 )) ] || die "not enough free disk under $DOCKER_ROOT"
    fi
else
    echo "free disk: $work_free MB under $WORK (engine root not visible from here)"
    [ "$work_free" -ge $(( 2 * SIZE_MB + 512 )) ] || die "not enough free disk under $WORK"
fi
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) CPU(s); engine $(docker version --format '{{.Server.Version}}')"

now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- the large base image

t0=$(now_ms)
head -c $(( SIZE_MB * 1024 * 1024 )) /dev/urandom >"$WORK/context/blob"
t1=$(now_ms)
# The labels come first, so every layer the engine commits carries them, also the intermediate
# one an interrupted build leaves behind; cleanup finds them all by label.
printf 'FROM %s\nLABEL %s io.openim.managed=true\nCOPY blob /opt/openim-bench/blob\n' "$FROM_IMAGE" "$LABEL" \
    >"$WORK/context/Dockerfile"
BASE_BUILD_STARTED=1
docker build --network none --pull=false -q -t "$BASE_IMAGE" "$WORK/context" >"$LOGS/base-build.log" 2>&1 \
    || { cat "$LOGS/base-build.log" >&2; die "docker build of the large base failed"; }
BASE_BUILD_STARTED=0
t2=$(now_ms)
rm -f "$WORK/context/blob"
BASE_BYTES=$(docker image inspect --format '{{.Size}}' "$BASE_IMAGE")
echo "large base $BASE_IMAGE: $BASE_BYTES bytes ($(( BASE_BYTES / 1000000 )) MB); random file $SIZE_MB MiB in $(( t1 - t0 )) ms, docker build in $(( t2 - t1 )) ms"
[ "$BASE_BYTES" -ge 1000000000 ] || log "warning: the base is under 1 GB; raise BENCH_SIZE_MB"

# ---------------------------------------------------------------- the throwaway project

ARCH=$(docker version --format '{{.Server.Arch}}')
mkdir -p "$PROJECT/_output/dockerized/bin/linux/$ARCH"
cp /bin/true "$PROJECT/_output/dockerized/bin/linux/$ARCH/$BINARY"
cat >"$PROJECT/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <!-- Made by scripts/bench/save-large-image.sh; removed when it ends. -->
  <groupId>$GROUP</groupId>
  <artifactId>$ARTIFACT</artifactId>
  <version>$TAG</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.openim</groupId>
        <artifactId>openim-maven-plugin</artifactId>
        <version>$PLUGIN_VERSION</version>
        <configuration>
          <runtimeBaseImage>$BASE_IMAGE</runtimeBaseImage>
          <imageRegistry>$REGISTRY</imageRegistry>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
ARCHIVE="$PROJECT/_output/release-images/$ARCH/$BINARY.tar"

# ---------------------------------------------------------------- helpers

# Waits until PID $1, started as mvnw, has become Maven's JVM (mvnw execs bin/mvn, which execs
# java after a short-lived `java -version` child of its own, which is not the one to watch).
java_pid() {
    local pid=$1 i exe
    for i in $(seq 1 400); do
        exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
        case "$exe" in
            */java) echo "$pid"; return 0 ;;
        esac
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.025
    done
    return 1
}

# Samples the heap of JVM $1 every 200 ms into $2 until it exits. jstat can refuse a JVM that has
# only just started ("PID not found" while its perf data is not ready), so it is started again.
sample_heap() {
    local jpid=$1 out=$2
    while kill -0 "$jpid" 2>/dev/null; do
        jstat -gc "$jpid" 200 >>"$out" 2>>"$out.err" || true
        sleep 0.05
    done
}

# run_image NAME MAVEN_OPTS [mvn args...]: openim:image with heap sampling. Sets RUN_RC, RUN_WALL,
# RUN_LOG, SAVE_MS, SAVE_BYTES, HEAP_SAMPLED_MB, HEAP_COMMITTED_MB, HEAP_BEFORE_GC_MB,
# HEAP_AFTER_GC_MB, GC_COUNT, SAMPLES.
run_image() {
    local name=$1 opts=$2
    shift 2
    RUN_LOG="$LOGS/$name.log"
    local gc_log="$LOGS/$name.gc.log" jstat_log="$LOGS/$name.jstat" start end mvn_pid jpid jstat_pid=""
    start=$(now_ms)
    (
        cd "$PROJECT"
        MAVEN_OPTS="$opts -Xlog:gc:file=$gc_log" exec "${MVN[@]}" "$@" openim:image
    ) >"$RUN_LOG" 2>&1 </dev/null &
    mvn_pid=$!
    BG_PIDS+=("$mvn_pid")
    if jpid=$(java_pid "$mvn_pid"); then
        sample_heap "$jpid" "$jstat_log" &
        jstat_pid=$!
        BG_PIDS+=("$jstat_pid")
    else
        log "warning: could not find the Maven JVM of $name; no jstat samples"
    fi
    RUN_RC=0
    wait "$mvn_pid" || RUN_RC=$?
    end=$(now_ms)
    if [ -n "$jstat_pid" ]; then
        # The sampler ends by itself once the JVM is gone.
        wait "$jstat_pid" 2>/dev/null || true
    fi
    BG_PIDS=()
    RUN_WALL=$(( end - start ))
    local archived
    archived=$(grep -m 1 'Archived .* bytes, [0-9]* ms)' "$RUN_LOG" || true)
    SAVE_BYTES=$(sed -n 's/.*(\([0-9]*\) bytes, [0-9]* ms).*/\1/p' <<<"$archived")
    SAVE_MS=$(sed -n 's/.*([0-9]* bytes, \([0-9]*\) ms).*/\1/p' <<<"$archived")
    # Largest S0U+S1U+EU+OU (used) and S0C+S1C+EC+OC (committed) over the samples, KB -> MB.
    read -r HEAP_SAMPLED_MB HEAP_COMMITTED_MB SAMPLES < <(awk '
        $1 == "S0C" { for (i = 1; i <= NF; i++) col[$i] = i; next }
        col["EU"] && $1 ~ /^[0-9.]+$/ {
            used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
            committed = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]
            if (used > maxu) maxu = used
            if (committed > maxc) maxc = committed
            n++
        }
        END { printf "%d %d %d\n", maxu / 1024, maxc / 1024, n }' "$jstat_log" 2>/dev/null || echo "0 0 0")
    # GC log lines end like "Pause Young (Normal) (G1 Evacuation Pause) 52M->9M(256M) 4.1ms".
    read -r HEAP_BEFORE_GC_MB HEAP_AFTER_GC_MB GC_COUNT < <(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc_log" 2>/dev/null \
        | awk -F'[M>(-]+' '{ if ($1 > b) b = $1; if ($2 > a) a = $2; n++ } END { printf "%d %d %d\n", b, a, n }' || echo "0 0 0")
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
max() { printf '%s\n' "$@" | sort -n | tail -n 1; }
verdict() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; then echo "MET"; else echo "NOT MET"; fi; }

ROW='%-14s %6s %12s %8s %8s %9s %9s %9s %9s %5s\n'
print_header() {
    printf "$ROW" run wall-ms archive-bytes save-ms MB/s heap-used committed before-gc after-gc GCs
}
print_row() {
    local mbs=0
    [ "${SAVE_MS:-0}" -le 0 ] || mbs=$(( ${SAVE_BYTES:-0} / 1000 / SAVE_MS ))
    printf "$ROW" "$1" "$RUN_WALL" "${SAVE_BYTES:--}" "${SAVE_MS:--}" "$mbs" "${HEAP_SAMPLED_MB}MB" \
        "${HEAP_COMMITTED_MB}MB" "${HEAP_BEFORE_GC_MB}MB" "${HEAP_AFTER_GC_MB}MB" "$GC_COUNT"
}

cat <<EOF

Columns: save-ms is the plugin's own figure ("Archived ... (N bytes, M ms)"), MB/s = archive bytes / save-ms;
heap-used is the largest S0U+S1U+EU+OU of the jstat samples (every 200 ms), committed the largest
S0C+S1C+EC+OC; before-gc / after-gc the largest heap occupancy before / after a collection in the
GC log (after-gc approximates the most the run kept alive); GCs the number of collections.

EOF

# ---------------------------------------------------------------- plugin save and docker save, in pairs

# Other work on the machine makes runs drift, so every plugin run is followed by a docker save
# of the same image, and each pair gives a ratio. `sync` first, so no run pays for writing back
# the previous run's archive. The plugin keeps the image (-Dopenim.keep.images=true) for the
# docker save; that only skips the image removal after the archive, outside the measured save.
echo "== openim:image (default heap: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%d MB", $4 / 1048576 }') maximum) and docker save -o of the same image, in pairs =="
print_header
plugin_ms=()
plugin_wall=()
docker_ms=()
ratios=()
heap_peaks=()
heap_before=()
for i in $(seq 1 "$RUNS"); do
    sync
    run_image "plugin-$i" "" -Dopenim.keep.images=true
    [ "$RUN_RC" -eq 0 ] || { tail -n 40 "$RUN_LOG" >&2; die "openim:image failed (exit $RUN_RC), see above"; }
    [ -n "$SAVE_MS" ] || die "no 'Archived ... ms' line in $RUN_LOG"
    print_row "plugin-$i"
    plugin_ms+=("$SAVE_MS")
    plugin_wall+=("$RUN_WALL")
    heap_peaks+=("$HEAP_SAMPLED_MB")
    heap_before+=("$HEAP_BEFORE_GC_MB")
    [ -n "$RELEASE_IMAGE" ] || RELEASE_IMAGE=$(cat "$(dirname "$ARCHIVE")/$BINARY.docker_tag")
    rm -f "$ARCHIVE"

    sync
    t0=$(now_ms)
    docker save -o "$WORK/docker-save.tar" "$RELEASE_IMAGE"
    t1=$(now_ms)
    bytes=$(stat -c %s "$WORK/docker-save.tar")
    rm -f "$WORK/docker-save.tar"
    ms=$(( t1 - t0 ))
    docker_ms+=("$ms")
    ratios+=("$(awk -v p="$SAVE_MS" -v d="$ms" 'BEGIN { printf "%.2f", p / d }')")
    printf "$ROW" "docker-save-$i" "$ms" "$bytes" "$ms" "$(( bytes / 1000 / (ms > 0 ? ms : 1) ))" - - - - -
done
echo "release image $RELEASE_IMAGE: $(docker image inspect --format '{{.Size}}' "$RELEASE_IMAGE") bytes"
echo "pairs plugin/docker save: ${ratios[*]}"
echo

# ---------------------------------------------------------------- where docker save spends its time

# The engine (20.10) first copies the whole image into a temporary directory and only then
# streams it, so neither client can do anything about that part. Time to the first byte of the
# same API call the clients make, with curl on the engine's unix socket, when it is reachable.
SOCKET=""
case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
    unix://*) SOCKET=${DOCKER_HOST:-unix:///var/run/docker.sock}; SOCKET=${SOCKET#unix://} ;;
esac
ttfb_ms=()
if [ -n "$SOCKET" ] && [ -S "$SOCKET" ] && command -v curl >/dev/null; then
    api=$(docker version --format '{{.Server.APIVersion}}')
    name=$(printf '%s' "$RELEASE_IMAGE" | sed 's:/:%2F:g; s/:/%3A/g')
    for i in $(seq 1 "$RUNS"); do
        sync
        read -r first total < <(curl -sS --unix-socket "$SOCKET" -o "$WORK/curl.tar" \
            -w '%{time_starttransfer} %{time_total}\n' "http://localhost/v$api/images/get?names=$name")
        rm -f "$WORK/curl.tar"
        ttfb_ms+=("$(awk -v f="$first" 'BEGIN { printf "%d", f * 1000 }')")
        echo "GET /images/get with curl: first byte after $(awk -v f="$first" 'BEGIN { printf "%d", f * 1000 }') ms, all in $(awk -v t="$total" 'BEGIN { printf "%d", t * 1000 }') ms"
    done
    echo
fi

# ---------------------------------------------------------------- the plugin, -Xmx256m

echo "== openim:image with MAVEN_OPTS=-Xmx256m =="
print_header
sync
run_image plugin-xmx256m "-Xmx256m" -Dopenim.keep.images=true
CAPPED_RC=$RUN_RC
CAPPED_MS=""
CAPPED_HEAP=$HEAP_SAMPLED_MB
if [ "$RUN_RC" -eq 0 ] && [ -n "$SAVE_MS" ]; then
    print_row plugin-xmx256m
    CAPPED_MS=$SAVE_MS
    # The archive must be complete and its checksum right.
    sums_line=$(grep " $BINARY.tar\$" "$(dirname "$ARCHIVE")/SHA256SUMS" | awk '{ print $1 }' || true)
    actual=$(sha256sum "$ARCHIVE" | awk '{ print $1 }')
    if [ "$sums_line" = "$actual" ]; then
        echo "SHA256SUMS entry matches the archive ($actual)"
    else
        echo "SHA256SUMS entry '$sums_line' does not match the archive's sha256 $actual"
    fi
    echo "archive: $(tar -tf "$ARCHIVE" | wc -l) tar entries; $BINARY.docker_tag: $(cat "$(dirname "$ARCHIVE")/$BINARY.docker_tag")"
else
    echo "openim:image with -Xmx256m FAILED (exit $RUN_RC):"
    grep -E 'OutOfMemory|ERROR' "$RUN_LOG" | head -n 10 || true
fi
rm -f "$ARCHIVE"
echo

# ---------------------------------------------------------------- summary

PLUGIN_MS=$(median "${plugin_ms[@]}")
DOCKER_MS=$(median "${docker_ms[@]}")
ratio=$(awk -v p="$PLUGIN_MS" -v d="$DOCKER_MS" 'BEGIN { printf "%.2f", p / d }')
pair_ratio=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : sprintf("%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
HEAP_PEAK=$(max "${heap_peaks[@]}")
HEAP_BEFORE=$(max "${heap_before[@]}")
echo "== summary (medians of $RUNS runs; base image $BASE_BYTES bytes) =="
echo "plugin save (its 'Archived' ms): ${plugin_ms[*]} ms -> median $PLUGIN_MS ms"
echo "docker save -o:                  ${docker_ms[*]} ms -> median $DOCKER_MS ms"
echo "ratio plugin / docker save: $ratio (median of the pairs: $pair_ratio)   target <= $RATIO_TARGET: $(verdict "$ratio" "$RATIO_TARGET")"
# The first run takes the base from the engine (the same /images/get docker save makes) and keeps
# its layers compressed in _output/images/bases; later runs only write the archive. Whole Maven
# runs, so Maven's own start (about 1.2 s) and loading the kept image are included.
echo "first run, base taken from the engine: wall ${plugin_wall[0]} ms; later runs: wall ${plugin_wall[*]:1} ms (whole Maven runs, keepImages load included)"
if [ ${#ttfb_ms[@]} -gt 0 ]; then
    ttfb=$(median "${ttfb_ms[@]}")
    echo "engine staging before the first byte: ${ttfb_ms[*]} ms -> median $ttfb ms; streaming part: plugin $(( PLUGIN_MS - ttfb )) ms, docker save $(( DOCKER_MS - ttfb )) ms (approximate)"
fi
echo "peak JVM heap used, default heap (jstat, every 200 ms): $HEAP_PEAK MB (runs: ${heap_peaks[*]}); largest before a GC (GC log): $HEAP_BEFORE MB   target < $HEAP_TARGET_MB MB: $(verdict "$(max "$HEAP_PEAK" "$HEAP_BEFORE")" "$(( HEAP_TARGET_MB - 1 ))")"
if [ "$CAPPED_RC" -eq 0 ] && [ -n "$CAPPED_MS" ]; then
    echo "with -Xmx256m: completed, save $CAPPED_MS ms, peak heap used $CAPPED_HEAP MB   target (completes under the cap): MET"
else
    echo "with -Xmx256m: FAILED (exit $CAPPED_RC)   target (completes under the cap): NOT MET"
fi
echo

log "final openim:clean"
(cd "$PROJECT" && "${MVN[@]}" -q openim:clean) >"$LOGS/final-clean.log" 2>&1 || log "warning: openim:clean failed"
CLEANED=1
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
