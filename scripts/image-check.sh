#!/usr/bin/env bash
# Builds the container image from the Dockerfile with buildah (no Docker engine needed) and runs
# the image's own ENTRYPOINT, as its own USER, in its own WORKDIR, then checks what it answers.
# Called by .ci/run; runs as root (or with sudo). docs/deployment.md says what this verifies and
# what it cannot.
#
#   scripts/image-check.sh
#
# Environment:
#   IMAGE_CHECK_CACHE  where the logs of the bases, the build and the run are kept
#                      (default /var/cache/loss-service-ci)
#   IMAGE_CHECK_PORT   host port the container listens on (default 18084)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${IMAGE_CHECK_CACHE:-/var/cache/loss-service-ci}
PORT=${IMAGE_CHECK_PORT:-18084}
TAG=localhost/loss-service:ci
SEED=src/main/resources/openapi/examples/cross-entropy-seed.json
# PyTorch 1.13 float64 F.cross_entropy of the seed example, as the API contract gives it.
SEED_LOSS='"loss":2.0373472850337726'
SUITE=bookworm
MIRROR=http://deb.debian.org/debian

started=$(date +%s)
mkdir -p "$CACHE" 2>/dev/null || sudo mkdir -p "$CACHE"
say() { echo "image-check: $*"; }
fail() { echo "image-check: FAIL: $*" >&2; exit 1; }
elapsed() { echo $(($(date +%s) - started)); }

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# --- 1. Tools -------------------------------------------------------------------------------------
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  # Other builds on the machine may hold the dpkg lock for a while: wait for it.
  say "installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
buildah=($sudo buildah)

# --- 2. Static lint: what the build below cannot see -------------------------------------------
# CI builds on stand-in bases, so the defaults users build on are checked here: both pinned to
# one exact Temurin 17 release, a JDK to build and a JRE to run.
build_default=$(sed -n 's/^ARG BUILD_IMAGE=//p' Dockerfile)
runtime_default=$(sed -n 's/^ARG RUNTIME_IMAGE=//p' Dockerfile)
[[ $build_default =~ ^eclipse-temurin:17\.[0-9.]+_[0-9]+-jdk-[a-z]+$ ]] ||
  fail "ARG BUILD_IMAGE default is not a pinned Temurin 17 JDK: '$build_default'"
[[ $runtime_default =~ ^eclipse-temurin:17\.[0-9.]+_[0-9]+-jre-[a-z]+$ ]] ||
  fail "ARG RUNTIME_IMAGE default is not a pinned Temurin 17 JRE: '$runtime_default'"
[ "${build_default%-jdk-*}" = "${runtime_default%-jre-*}" ] ||
  fail "build and runtime defaults are different Temurin releases"
# The build context is sent whole to a remote builder: keep the repository and outputs out.
for excluded in .git target/; do
  grep -qxF "$excluded" .dockerignore || fail ".dockerignore does not exclude $excluded"
done
say "lint ok: defaults $build_default, $runtime_default"

# --- 3. Stand-in base images --------------------------------------------------------------------
# No registry is reachable, so the Temurin bases cannot be pulled. Stand-ins are made from Debian
# packages: bookworm minbase plus openjdk-17-jre-headless (runtime) and openjdk-17-jdk-headless
# (build). They carry the host's CA bundle (/etc/ssl/certs/ca-certificates.crt) and Java trust
# store (/etc/ssl/certs/java/cacerts): Maven Central is reached through a TLS proxy whose CA is
# only in the host's trust stores, so without them Maven in the build stage cannot download.
# The runtime base is debootstrapped straight into a buildah container; the build base is that
# image plus the JDK, so it stores only the JDK's layer. dpkg skips fsync and leaves out manuals
# and docs while they are made (neither is needed, and both cost minutes on a busy disk). The
# bases are cached as images in buildah's store, keyed by this recipe and the two trust files, so
# later runs on the same machine skip this step.
RECIPE="v2 $SUITE minbase+security openjdk-17 $(dpkg --print-architecture)"
key=$( (echo "$RECIPE"; cat /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts) |
  sha256sum | cut -c1-12)
BUILD_BASE=localhost/loss-service-ci/jdk17:$key
RUNTIME_BASE=localhost/loss-service-ci/jre17:$key

has_image() { "${buildah[@]}" inspect --type image "$1" >/dev/null 2>&1; }

apt_in() { # root packages...
  local root=$1 status=0
  shift
  printf '%s\n' force-unsafe-io path-exclude=/usr/share/man/* path-exclude=/usr/share/doc/* |
    $sudo tee "$root/etc/dpkg/dpkg.cfg.d/zz-image-check" >/dev/null
  $sudo mount -t proc proc "$root/proc"
  $sudo chroot "$root" apt-get update -qq || status=$?
  if [ $status -eq 0 ]; then
    $sudo chroot "$root" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "$@" >/dev/null || status=$?
  fi
  $sudo umount "$root/proc"
  $sudo chroot "$root" apt-get clean
  $sudo rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
    "$root/etc/dpkg/dpkg.cfg.d/zz-image-check"
  $sudo install -m 0644 /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  $sudo install -m 0644 /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"
  return $status
}

commit_base() { # container image
  "${buildah[@]}" umount "$1" >/dev/null
  "${buildah[@]}" config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-"$(dpkg --print-architecture)" \
    --env LANG=C.UTF-8 --cmd /bin/bash \
    --label dev.lossservice.stand-in="$RECIPE" "$1"
  "${buildah[@]}" commit -q --rm "$1" "$2" >/dev/null
}

t=$(date +%s)
if has_image "$BUILD_BASE" && has_image "$RUNTIME_BASE"; then
  say "stand-in bases cached: $BUILD_BASE, $RUNTIME_BASE"
else
  ctr=$("${buildah[@]}" from scratch)
  root=$("${buildah[@]}" mount "$ctr")
  say "debootstrap $SUITE minbase"
  $sudo debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -20 "$CACHE/debootstrap.log" >&2; fail "debootstrap failed"; }
  echo "deb http://deb.debian.org/debian-security $SUITE-security main" |
    $sudo tee -a "$root/etc/apt/sources.list" >/dev/null
  say "installing openjdk-17-jre-headless"
  apt_in "$root" openjdk-17-jre-headless ca-certificates || fail "installing the JRE failed"
  commit_base "$ctr" "$RUNTIME_BASE"
  ctr=$("${buildah[@]}" from --pull-never "$RUNTIME_BASE")
  root=$("${buildah[@]}" mount "$ctr")
  say "installing openjdk-17-jdk-headless"
  apt_in "$root" openjdk-17-jdk-headless || fail "installing the JDK failed"
  commit_base "$ctr" "$BUILD_BASE"
  say "stand-in bases made in $(($(date +%s) - t)) s"
fi

# --- 4. Build -----------------------------------------------------------------------------------
# --layers keeps buildah's layer cache between runs; the Dockerfile's RUN --mount=type=cache keeps
# the Maven repository, in buildah 1.28 under /var/tmp/buildah-cache/<id>. On a machine where that
# cache does not exist yet, it starts as a copy of the host's repository, which `./mvnw -B verify`
# has just filled from the same POM: the first build then downloads only what the host build did
# not need. The wrapper's Maven is not copied, so the build stage still downloads it through the
# proxy with the stand-in's trust store. (Another buildah keeps its cache elsewhere: the copy is
# then unused and the build downloads everything, only slower.)
m2_cache=/var/tmp/buildah-cache/loss-service-m2
if [ ! -e "$m2_cache" ] && [ -d "$HOME/.m2/repository" ]; then
  t=$(date +%s)
  $sudo mkdir -p "$m2_cache.tmp"
  $sudo cp -a "$HOME/.m2/repository" "$m2_cache.tmp/" && $sudo mv "$m2_cache.tmp" "$m2_cache"
  say "Maven cache seeded from $HOME/.m2/repository in $(($(date +%s) - t)) s"
fi
t=$(date +%s)
say "building $TAG"
# Each line of the build log is stamped with the time, to see where a slow build spends it.
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%T)" "$line"; done; }
if ! "${buildah[@]}" bud --isolation chroot --layers \
  --build-arg BUILD_IMAGE="$BUILD_BASE" --build-arg RUNTIME_IMAGE="$RUNTIME_BASE" \
  -t "$TAG" -f Dockerfile . 2>&1 | stamp >"$CACHE/build.log"; then
  tail -40 "$CACHE/build.log" >&2
  fail "buildah bud failed (log: $CACHE/build.log)"
fi
build_seconds=$(($(date +%s) - t))
say "built in $build_seconds s"

# --- 5. The image's config ----------------------------------------------------------------------
inspect() { "${buildah[@]}" inspect --type image --format "$1" "$TAG"; }
mapfile -t entrypoint < <(inspect '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}')
user=$(inspect '{{.OCIv1.Config.User}}')
workdir=$(inspect '{{.OCIv1.Config.WorkingDir}}')
ports=$(inspect '{{range $p, $v := .OCIv1.Config.ExposedPorts}}{{$p}} {{end}}')
say "config: USER=$user WORKDIR=$workdir EXPOSE=$ports ENTRYPOINT=${entrypoint[*]}"
[[ $user =~ ^[0-9]+(:[0-9]+)?$ ]] || fail "USER '$user' is not numeric"
uid=${user%%:*}
[ "$uid" -ne 0 ] || fail "USER is root"
[[ " $ports " == *" 8080/tcp "* ]] || fail "8080/tcp is not exposed"
[ ${#entrypoint[@]} -gt 0 ] || fail "no ENTRYPOINT"
case "${entrypoint[0]}" in
  /bin/sh | sh | /bin/bash | bash) fail "ENTRYPOINT is shell form" ;;
esac
size_bytes=$("${buildah[@]}" images --noheading --format '{{.Size}}' "$TAG" | head -1)

# --- 6. Run the image's own entrypoint ----------------------------------------------------------
ctr=$("${buildah[@]}" from --pull-never "$TAG")
mnt=$("${buildah[@]}" mount "$ctr")
sbom=$mnt$workdir/META-INF/sbom/application.cdx.json
$sudo grep -q '"bomFormat" *: *"CycloneDX"' "$sbom" || fail "no CycloneDX SBOM at $workdir/META-INF/sbom"
say "SBOM in the image: $workdir/META-INF/sbom/application.cdx.json"
"${buildah[@]}" umount "$ctr" >/dev/null

log=$CACHE/run.log
run_pid=""
java_pid=""
cleanup() {
  if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
    $sudo kill -TERM "$java_pid" 2>/dev/null || true
  fi
  if [ -n "$run_pid" ]; then
    for _ in $(seq 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$run_pid" 2>/dev/null && kill -TERM "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  "${buildah[@]}" rm "$ctr" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Something else answering on the port would be checked instead of the image.
if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then
  fail "port $PORT already answers; set IMAGE_CHECK_PORT to a free port"
fi
t0=$(date +%s%N)
"${buildah[@]}" run --isolation chroot --user "$user" --workingdir "$workdir" \
  --env SERVER_PORT="$PORT" "$ctr" -- "${entrypoint[@]}" >"$log" 2>&1 &
run_pid=$!

ready_ms=""
for _ in $(seq 1200); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then
    ready_ms=$((($(date +%s%N) - t0) / 1000000))
    break
  fi
  kill -0 "$run_pid" 2>/dev/null || { tail -40 "$log" >&2; fail "the container exited"; }
  sleep 0.1
done
[ -n "$ready_ms" ] || { tail -40 "$log" >&2; fail "not ready within 120 s"; }

# The serving process: the java descendant of `buildah run` (chroot isolation shares the host's
# process table).
children_of() { # pid
  local want=$1 stat p rest
  for stat in /proc/[0-9]*/stat; do
    p=${stat#/proc/}
    p=${p%/stat}
    rest=$(cat "$stat" 2>/dev/null) || continue
    rest=${rest##*) }
    set -- $rest
    [ "$2" = "$want" ] && echo "$p"
  done
}
find_java() {
  local queue=("$run_pid") p want
  while [ ${#queue[@]} -gt 0 ]; do
    want=${queue[0]}
    queue=("${queue[@]:1}")
    for p in $(children_of "$want"); do
      if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ]; then
        echo "$p"
        return
      fi
      queue+=("$p")
    done
  done
}
java_pid=$(find_java)
[ -n "$java_pid" ] || fail "no java process under buildah run ($run_pid)"
proc_uid=$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")
[ "$proc_uid" = "$uid" ] && [ "$proc_uid" -ne 0 ] ||
  fail "the serving process runs as uid $proc_uid, not the image's USER $uid"
# -XX:SharedArchiveFile falls back silently when the archive cannot be mapped; the maps show it.
archive=$(grep -o '/[^ ]*\.jsa$' "/proc/$java_pid/maps" | sort -u | tr '\n' ' ')
[[ $archive == *application.jsa* ]] || fail "the CDS archive is not mapped (mapped: '$archive')"
say "serving process $java_pid runs as uid $proc_uid; CDS archives mapped: $archive"

answer=$(curl -fsS -H 'Content-Type: application/json' --data-binary @"$SEED" \
  "http://127.0.0.1:$PORT/loss/cross-entropy")
[[ $answer == *"$SEED_LOSS"* ]] || fail "seed answered '$answer', expected $SEED_LOSS"
say "seed example answered $SEED_LOSS"

say "image $TAG: $size_bytes; start to ready ${ready_ms} ms; build ${build_seconds} s; total $(elapsed) s"
