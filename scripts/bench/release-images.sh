#!/usr/bin/env bash
# Benchmark of openim:image against its peers, side by side on one engine and one set of binaries:
# the bundled example's three binaries for linux/amd64 and linux/arm64 (six images), bases
# openim-it/debian:bookworm and openim-it/debian:bookworm-arm64.
#
#   plugin  `mvn -o -q openim:image`; its own work is the wall time less Maven's start (the median
#           of `mvn -o -q validate` on the same project). Cold: with no base kept in
#           _output/images/bases (the first run after a base changes); warm: the runs after.
#   docker  per image, all at once: `docker build --platform P` of FROM base + COPY binary +
#           ENTRYPOINT, then `docker save -o`; the images are removed after each run.
#   jib     jib-core (Maven Central, resolved by this script) making the same six images from
#           docker-save tarballs of the bases into tarballs, on a thread pool; its own timing.
#
# Prints medians and the ratios plugin/docker (target <= 1.0, aim 0.5) and plugin/jib; then one
# plugin run with MAVEN_OPTS=-Xmx96m, which must complete (memory does not grow with image size).
# Never fails on timing. Everything it creates is removed on exit, also after Ctrl-C.
#
# Needs: scripts/docker-bootstrap.sh run, the plugin installed (./mvnw -B -q install -DskipTests
# -DskipITs), Maven Central reachable for jib-core. Settings: BENCH_RUNS (5), BENCH_LOG_DIR,
# BENCH_PLUGIN_VERSION (0.1.0-SNAPSHOT), BENCH_JIB_VERSION (0.27.3).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MVNW="$REPO_ROOT/mvnw"
RUNS=${BENCH_RUNS:-5}
PLUGIN_VERSION=${BENCH_PLUGIN_VERSION:-0.1.0-SNAPSHOT}
JIB_VERSION=${BENCH_JIB_VERSION:-0.27.3}
BASE_AMD64=openim-it/debian:bookworm
BASE_ARM64=openim-it/debian:bookworm-arm64
NAMES=(openim-api openim-rpc-user openim-msggateway)
ARCHES=(amd64 arm64)
WORK=$(mktemp -d /tmp/openim-bench-release.XXXXXX)
PROJECT="$WORK/project"
PEER_TAG=openim-bench-peer

log() { printf '[release-images] %s\n' "$*" >&2; }

cleanup() {
    set +e
    trap - EXIT INT TERM
        # Builds still under way finish first: an image committed after the removal below would stay
    # behind, untagged.
    wait
    if [ -f "$PROJECT/pom.xml" ]; then
        (cd "$PROJECT" && "$MVNW" -B -o -q openim:clean) >/dev/null 2>&1
    fi
    docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$PEER_TAG/" | xargs -r docker rmi -f >/dev/null 2>&1
    [ -z "${BENCH_LOG_DIR:-}" ] || { mkdir -p "$BENCH_LOG_DIR"; cp "$WORK"/*.log "$BENCH_LOG_DIR"/ 2>/dev/null; }
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }

log "project in $PROJECT"
mkdir -p "$PROJECT"
cp -r "$REPO_ROOT/examples/openim-server/." "$PROJECT/"
rm -rf "$PROJECT/_output"
sed -i "s|<groupId>io.openim.examples</groupId>|<groupId>io.openim.bench</groupId>|; s|<openim.plugin.version>[^<]*<|<openim.plugin.version>$PLUGIN_VERSION<|" "$PROJECT/pom.xml"
cd "$PROJECT"
"$MVNW" -B -o -q openim:build > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; exit 1; }

log "Maven's start ($RUNS runs of validate)"
starts=()
for _ in $(seq "$RUNS"); do t=$(now); "$MVNW" -B -o -q validate >/dev/null; starts+=("$(ms_since "$t")"); done
START_MS=$(printf '%s\n' "${starts[@]}" | median)

log "plugin, cold (no kept base)"
rm -rf _output/images/bases _output/release-images
t=$(now); "$MVNW" -B -o -q openim:image > "$WORK/plugin-cold.log" 2>&1; PLUGIN_COLD=$(( $(ms_since "$t") - START_MS ))
log "plugin, warm ($RUNS runs)"
plugin=()
for i in $(seq "$RUNS"); do
    t=$(now); "$MVNW" -B -o -q openim:image > "$WORK/plugin-$i.log" 2>&1; plugin+=("$(( $(ms_since "$t") - START_MS ))")
done
PLUGIN_MS=$(printf '%s\n' "${plugin[@]}" | median)

log "docker build + docker save per image, all at once ($RUNS runs)"
for arch in "${ARCHES[@]}"; do
    base=$BASE_AMD64; [ "$arch" = arm64 ] && base=$BASE_ARM64
    for name in "${NAMES[@]}"; do
        ctx="$WORK/ctx-$name-$arch"; mkdir -p "$ctx"
        cp "_output/dockerized/bin/linux/$arch/$name" "$ctx/"
        printf 'FROM %s\nCOPY %s /usr/local/bin/%s\nENTRYPOINT ["/usr/local/bin/%s"]\n' "$base" "$name" "$name" "$name" > "$ctx/Dockerfile"
    done
done
peer=()
for i in $(seq "$RUNS"); do
    t=$(now)
    pids=()
    for arch in "${ARCHES[@]}"; do
        for name in "${NAMES[@]}"; do
            tag="$PEER_TAG/$name-$arch:1.0.0"
            ( docker build -q --platform "linux/$arch" -t "$tag" "$WORK/ctx-$name-$arch" >/dev/null \
                && docker save -o "$WORK/peer-$name-$arch.tar" "$tag" ) &
            pids+=($!)
        done
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    peer+=("$(ms_since "$t")")
    docker images --format '{{.Repository}}:{{.Tag}}' | grep "^$PEER_TAG/" | xargs -r docker rmi -f >/dev/null
    rm -f "$WORK"/peer-*.tar
done
PEER_MS=$(printf '%s\n' "${peer[@]}" | median)

log "jib-core $JIB_VERSION ($RUNS runs)"
JIB_MS=""
mkdir -p "$WORK/jib"
cat > "$WORK/jib/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>io.openim.bench</groupId><artifactId>jib-classpath</artifactId><version>1</version>
<dependencies><dependency><groupId>com.google.cloud.tools</groupId><artifactId>jib-core</artifactId>
<version>$JIB_VERSION</version></dependency></dependencies></project>
POM
if (cd "$WORK/jib" && "$MVNW" -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt) > "$WORK/jib-classpath.log" 2>&1; then
    JIB_JARS=$(tr ':' '\n' < "$WORK/jib/cp.txt" | grep -c .)
    JIB_MB=$(tr ':' '\n' < "$WORK/jib/cp.txt" | xargs du -cb | tail -n 1 | awk '{printf "%.1f", $1/1000000}')
    docker save -o "$WORK/base-amd64.tar" "$BASE_AMD64"
    docker save -o "$WORK/base-arm64.tar" "$BASE_ARM64"
    args=()
    for arch in "${ARCHES[@]}"; do
        for name in "${NAMES[@]}"; do args+=("$WORK/base-$arch.tar:$arch:$PROJECT/_output/dockerized/bin/linux/$arch/$name"); done
    done
    jib=()
    for i in $(seq "$RUNS"); do
        java -cp "$(cat "$WORK/jib/cp.txt")" "$REPO_ROOT/scripts/bench/JibRelease.java" "$WORK/jib/out" "${args[@]}" \
            > "$WORK/jib-$i.log" 2>&1 || { tail -n 20 "$WORK/jib-$i.log"; break; }
        jib+=("$(awk '/^jib-ms/ {print $2}' "$WORK/jib-$i.log")")
        rm -rf "$WORK/jib/out"
    done
    [ ${#jib[@]} -eq 0 ] || JIB_MS=$(printf '%s\n' "${jib[@]}" | median)
else
    log "jib-core could not be resolved (see $WORK/jib-classpath.log); skipping it"
fi

log "plugin with MAVEN_OPTS=-Xmx96m"
if MAVEN_OPTS=-Xmx96m "$MVNW" -B -o -q openim:image > "$WORK/plugin-96m.log" 2>&1; then SMALL_HEAP=completed; else SMALL_HEAP=FAILED; fi

echo
echo "openim:image, 6 images (3 binaries x linux/amd64, linux/arm64), medians of $RUNS runs, $(nproc) cores"
printf '  Maven start (validate)            %6d ms\n' "$START_MS"
printf '  plugin own work, warm             %6d ms\n' "$PLUGIN_MS"
printf '  plugin own work, cold (exports)   %6d ms\n' "$PLUGIN_COLD"
printf '  docker build + save, in parallel  %6d ms\n' "$PEER_MS"
[ -z "$JIB_MS" ] || printf '  jib-core %s, in parallel      %6d ms  (%s jars, %s MB on the classpath)\n' "$JIB_VERSION" "$JIB_MS" "$JIB_JARS" "$JIB_MB"
echo "  ratio plugin/docker, warm: $(ratio "$PLUGIN_MS" "$PEER_MS") (target <= 1.0, aim 0.5); cold: $(ratio "$PLUGIN_COLD" "$PEER_MS")"
[ -z "$JIB_MS" ] || echo "  ratio plugin/jib, warm: $(ratio "$PLUGIN_MS" "$JIB_MS"); cold: $(ratio "$PLUGIN_COLD" "$JIB_MS")"
echo "  plugin with -Xmx96m: $SMALL_HEAP"
