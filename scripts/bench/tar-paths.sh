#!/usr/bin/env bash
# The plugin's own tar code next to commons-compress (which docker-java brings) on the release
# path's work: writing an archive of large streamed blobs and small files, and reading a
# `docker save` export (the base image the plugin takes from the engine). Prints medians of
# BENCH_RUNS (7) alternating runs and the ratios; never fails on timing. Needs a Docker engine
# with the images of scripts/docker-bootstrap.sh and the plugin built (./mvnw -B -q package
# -DskipTests -DskipITs). Removes its temporary files on exit.
# Settings (environment): BENCH_RUNS (7), BENCH_IMAGE (openim-it/golang:bookworm).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNS=${BENCH_RUNS:-7}
IMAGE=${BENCH_IMAGE:-openim-it/golang:bookworm}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/openim-bench-tar.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log() { printf '[tar-paths] %s\n' "$*" >&2; }

[ -d "$REPO_ROOT/target/classes/io/openim/maven/util" ] || { log "ERROR: build the plugin first (./mvnw -B -q package -DskipTests -DskipITs)"; exit 1; }
docker image inspect "$IMAGE" >/dev/null 2>&1 || { log "ERROR: no image $IMAGE (scripts/docker-bootstrap.sh makes it)"; exit 1; }
(cd "$REPO_ROOT" && ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeArtifactIds=commons-compress,commons-io,commons-lang3,commons-codec -Dmdep.outputFile="$WORK/cp.txt") >/dev/null
log "saving $IMAGE"
docker save -o "$WORK/export.tar" "$IMAGE"
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) CPU(s)"
java -cp "$REPO_ROOT/target/classes:$(cat "$WORK/cp.txt")" "$REPO_ROOT/scripts/bench/TarPaths.java" "$WORK/export.tar" "$RUNS"
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
