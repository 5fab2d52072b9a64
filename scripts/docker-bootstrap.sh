#!/usr/bin/env bash
# Makes this machine able to run the plugin's integration tests:
#  1. a Docker engine that answers (installed and started when none does),
#  2. the host tools the plugin calls (rsync),
#  3. the local base images the tests build from, made with debootstrap because
#     no registry can be reached from the test machines,
#  4. Podman, for the test of its Docker API: the package, the container limits this sandbox
#     allows, and the test images in its own storage,
#  5. the peers other tests start and stop themselves: Distribution's registry, skopeo, socat,
#     openssl,
#  6. the ordinary user the core tests run Maven as: a member of the docker group, not root, with
#     a uid the test images have no passwd entry for (the usual developer's set-up), and what
#     rootless Podman needs to run as that user (subordinate ids, newuidmap, slirp4netns).
# Safe to run again: every step checks first and does nothing when already done.
set -euo pipefail

SUITE=${OPENIM_IT_SUITE:-bookworm}
DEBIAN_IMAGE=openim-it/debian:${SUITE}
DEBIAN_ARM64_IMAGE=openim-it/debian:${SUITE}-arm64
GOLANG_IMAGE=openim-it/golang:${SUITE}
WORK_DIR=${OPENIM_IT_WORK_DIR:-/var/tmp/openim-it-rootfs}

log() { printf '[docker-bootstrap] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_answers() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

ensure_engine() {
  if engine_answers; then
    log "engine answers (API $(docker version --format '{{.Server.APIVersion}}'))"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    apt_install docker.io
  fi
  # The docker.io package brings a client too; an existing newer client keeps working
  # because it negotiates the API version down.
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    log "starting dockerd in the background (log: /var/log/openim-dockerd.log)"
    as_root sh -c 'nohup dockerd >/var/log/openim-dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 120); do
    engine_answers && { log "engine answers (API $(docker version --format '{{.Server.APIVersion}}'))"; return 0; }
    sleep 0.5
  done
  log "dockerd did not answer within 60 s; its log follows"
  tail -n 40 /var/log/openim-dockerd.log >&2 || true
  exit 1
}

# The mirror this machine already uses for its own packages, so the script works where
# only that mirror is reachable; debootstrap's default otherwise.
apt_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  printf '%s' "$uri"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

make_image() {
  local image=$1 packages=$2
  if image_exists "$image"; then
    log "$image present"
    return 0
  fi
  local rootfs="$WORK_DIR/${image//[:\/]/_}"
  as_root rm -rf "$rootfs"
  mkdir -p "$WORK_DIR"
  log "debootstrap $SUITE with $packages for $image"
  # shellcheck disable=SC2046
  as_root debootstrap --variant=minbase --include="$packages" "$SUITE" "$rootfs" $(apt_mirror) \
    >"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; exit 1; }
  # Package lists and caches only make the image bigger.
  as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  as_root tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
  as_root rm -rf "$rootfs" "$rootfs.log"
  log "$image created"
}

# An arm64 base for the multi-platform release images. The engine here is amd64 and cannot run
# arm64 programs, so debootstrap only unpacks the packages (--foreign); the image is assembled by
# hand as a docker-save archive whose config says linux/arm64 (docker import cannot set that on
# Engine 20.10).
make_foreign_image() {
  local image=$1 arch=$2
  if image_exists "$image"; then
    log "$image present"
    return 0
  fi
  local rootfs="$WORK_DIR/${image//[:\/]/_}" archive="$WORK_DIR/${image//[:\/]/_}.image"
  as_root rm -rf "$rootfs" "$archive"
  mkdir -p "$WORK_DIR" "$archive"
  log "debootstrap --foreign --arch=$arch $SUITE for $image"
  # shellcheck disable=SC2046
  as_root debootstrap --variant=minbase --foreign --arch="$arch" "$SUITE" "$rootfs" $(apt_mirror) \
    >"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; exit 1; }
  as_root rm -rf "$rootfs/debootstrap" "$rootfs"/var/cache/apt/archives/*.deb
  as_root tar -C "$rootfs" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$archive/layer.tar" .
  local diff config
  diff=$(sha256sum "$archive/layer.tar" | cut -d' ' -f1)
  printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"debootstrap --foreign --arch=%s"}],"created":"1970-01-01T00:00:00Z"}' \
    "$arch" "$diff" "$arch" >"$archive/config.json"
  config=$(sha256sum "$archive/config.json" | cut -d' ' -f1)
  mv "$archive/config.json" "$archive/$config.json"
  mkdir "$archive/$diff"
  mv "$archive/layer.tar" "$archive/$diff/layer.tar"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config" "$image" "$diff" \
    >"$archive/manifest.json"
  tar -C "$archive" -c manifest.json "$config.json" "$diff" | docker load >/dev/null
  as_root rm -rf "$rootfs" "$rootfs.log" "$archive"
  log "$image created"
}

# Podman's Docker-compatible API, for the podman-engine test, which starts and stops the service
# itself (`podman system service`) with the configuration written here. In this sandbox a container
# may not raise its open-files or process limits, and Podman (as root) asks for 1048576 of both by
# default, so its containers get the limits this shell has (processes: at most 32768, the most
# that worked here).
PODMAN_CONF=${OPENIM_IT_PODMAN_CONF:-/var/lib/openim-it/podman/containers.conf}

ensure_podman() {
  apt_install podman
  local nofile nproc
  nofile=$(ulimit -Hn)
  nproc=$(ulimit -Hu)
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
  if [ "$nofile" = unlimited ]; then nofile=1048576; fi
  as_root mkdir -p "$(dirname "$PODMAN_CONF")"
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' \
    "$nofile" "$nofile" "$nproc" "$nproc" | as_root tee "$PODMAN_CONF" >/dev/null
  log "podman $(podman --version | awk '{print $3}') configured ($PODMAN_CONF)"
}

# The test images, copied from Docker into Podman's own storage.
podman_images() {
  local image
  for image in "$@"; do
    if as_root env CONTAINERS_CONF="$PODMAN_CONF" podman image exists "$image"; then
      log "$image present in podman"
    else
      docker save "$image" | as_root env CONTAINERS_CONF="$PODMAN_CONF" podman load >/dev/null
      log "$image copied into podman"
    fi
  done
}

# The tests' developer: an ordinary account in the docker group. Its uid must be one the
# debootstrap'd test images do not know, so the tests see a build user without a passwd entry
# (and without a home) in the build image, as a developer's uid usually is.
TEST_USER=${OPENIM_IT_USER:-openim-it}
TEST_UID=${OPENIM_IT_UID:-2345}

ensure_test_user() {
  getent group docker >/dev/null || as_root groupadd --system docker
  if ! id -u "$TEST_USER" >/dev/null 2>&1; then
    as_root useradd --uid "$TEST_UID" --user-group --create-home --shell /bin/bash \
      --comment "openim-maven-plugin integration tests" "$TEST_USER"
    log "user $TEST_USER ($TEST_UID) created"
  fi
  if ! id -nG "$TEST_USER" | tr ' ' '\n' | grep -qx docker; then
    as_root usermod -aG docker "$TEST_USER"
  fi
  local uid
  uid=$(id -u "$TEST_USER")
  if docker run --rm --network none --entrypoint getent "$DEBIAN_IMAGE" passwd "$uid" >/dev/null 2>&1; then
    log "uid $uid of $TEST_USER has a passwd entry in $DEBIAN_IMAGE; choose another with OPENIM_IT_UID"
    exit 1
  fi
  # The engine must answer the user through the group alone, as it does for a developer.
  if ! setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --init-groups docker version >/dev/null 2>&1; then
    log "$TEST_USER cannot reach the engine through the docker group; the socket says: $(ls -l /var/run/docker.sock)"
    exit 1
  fi
  log "test user $TEST_USER (uid $uid, docker group) ready"
}

# Rootless Podman for the user-rootless test: ids for the user's namespace, the helpers that map
# them and slirp4netns for its containers' network. slirp4netns opens /dev/net/tun inside the
# user's own namespace; Debian's udev makes it 0666, and a machine that has it 0600 (this
# sandbox does) refuses every ordinary user, so it gets Debian's mode back.
ensure_rootless_podman() {
  apt_install uidmap slirp4netns
  if ! grep -q "^$TEST_USER:" /etc/subuid; then
    as_root usermod --add-subuids 100000-165535 --add-subgids 100000-165535 "$TEST_USER"
  fi
  if [ -c /dev/net/tun ] && [ "$(stat -c %a /dev/net/tun)" != 666 ]; then
    as_root chmod 0666 /dev/net/tun
    log "/dev/net/tun set to 0666 (Debian's default) for rootless networking"
  fi
  log "rootless podman prerequisites for $TEST_USER ready"
}

# Real peers for the registry tests: Distribution's registry and skopeo; socat for the tests that
# cut the engine connection and as the TLS front of the TLS test; openssl for its certificates.
apt_install rsync debootstrap ca-certificates socat stunnel4 docker-registry skopeo apache2-utils openssl iproute2 curl
ensure_engine
ensure_podman
make_image "$DEBIAN_IMAGE" rsync &
debian_pid=$!
make_image "$GOLANG_IMAGE" rsync,golang-go,make,git,ca-certificates &
golang_pid=$!
make_foreign_image "$DEBIAN_ARM64_IMAGE" arm64 &
arm64_pid=$!
wait $debian_pid
wait $golang_pid
wait $arm64_pid
podman_images "$DEBIAN_IMAGE" "$GOLANG_IMAGE" "$DEBIAN_ARM64_IMAGE"
ensure_test_user
ensure_rootless_podman
log "ready"
