#!/usr/bin/env bash
# Builds the binaries of the test-only Kubernetes control plane (kube-apiserver,
# etcd, helm) from their Go modules with the locally installed Go toolchain.
#
# Why build from source: the only sources reachable here (and in CI) are package
# registries such as the Go module proxy; prebuilt release downloads
# (dl.k8s.io, GitHub releases) are not, and Debian's etcd is too old for
# kube-apiserver >= 1.31.
#
# Idempotent: a binary that already exists and reports the pinned version is
# kept; only missing or mismatched ones are rebuilt. Prints the bin dir on the
# last line of stdout so callers can capture it.
#
# Env:
#   K8S_TESTENV_CACHE  cache root (default: $STOREFRONT_CACHE_HOME/k8s-testenv, else
#                      $HOME/.cache/storefront-platform/k8s-testenv)
#   STOREFRONT_CACHE_HOME  when set, Go's module and build caches live under it too, so an
#                      empty folder rebuilds everything as on a fresh machine
#   GOMAXPROCS         compiler parallelism (default: number of CPUs)
set -euo pipefail

# Pinned versions. kube-apiserver v1.34.x documents etcd 3.6.5 (kubeadm's
# SupportedEtcdVersion and build/dependencies.yaml); helm v3.19.x is built
# against the same k8s.io v0.34 client libraries.
KUBE_VERSION="v1.34.10"
ETCD_VERSION="v3.6.5"
HELM_VERSION="v3.19.5"
MIN_GO_MINOR=24 # k8s.io/kubernetes v1.34 requires go >= 1.24

# v1.34.10 -> v0.34.10: the published tag of the staging modules (k8s.io/api, ...).
K8S_STAGING_VERSION="v0.${KUBE_VERSION#v1.}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${K8S_TESTENV_CACHE:-${STOREFRONT_CACHE_HOME:-$HOME/.cache/storefront-platform}/k8s-testenv}"
if [[ -n "${STOREFRONT_CACHE_HOME:-}" ]]; then
  export GOPATH="$STOREFRONT_CACHE_HOME/go" GOMODCACHE="$STOREFRONT_CACHE_HOME/go/pkg/mod" GOCACHE="$STOREFRONT_CACHE_HOME/go-build"
fi
VERSION_DIR="$CACHE_ROOT/kube-${KUBE_VERSION}_etcd-${ETCD_VERSION}_helm-${HELM_VERSION}"
BIN_DIR="$VERSION_DIR/bin"
WORK_DIR="$VERSION_DIR/work"

log() { printf '[k8s-testenv] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v go >/dev/null 2>&1 || die "go is not installed (need go >= 1.${MIN_GO_MINOR})"

# Use the installed toolchain only; never let go fetch another one.
export GOTOOLCHAIN=local
# Static binaries like the upstream release builds; also avoids needing a C toolchain.
export CGO_ENABLED=0
export GOMAXPROCS="${GOMAXPROCS:-$(nproc 2>/dev/null || echo 2)}"
GO_BUILD_FLAGS=(-trimpath -p "$GOMAXPROCS")

go_version="$(go env GOVERSION)" # e.g. go1.26.8
go_minor="$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$go_version")"
[[ "$go_minor" =~ ^[0-9]+$ && "$go_minor" -ge "$MIN_GO_MINOR" ]] ||
  die "found $go_version, need go >= 1.${MIN_GO_MINOR}"

mkdir -p "$BIN_DIR" "$WORK_DIR"

# Serialise concurrent callers (e.g. several test workers starting at once).
exec 9>"$VERSION_DIR/.build.lock"
flock 9

# version_ok <binary> <expected substring> <args...>: true if the binary runs and
# reports the expected version.
version_ok() {
  local bin="$1" want="$2"
  shift 2
  [[ -x "$bin" ]] || return 1
  local out
  out="$("$bin" "$@" 2>&1)" || return 1
  [[ "$out" == *"$want"* ]]
}

# module_info_field <module@version> <Hash|Time>: a field of the module's .info
# file from the proxy (commit hash and tag time), or empty if the proxy omits it.
module_info_field() {
  local info
  info="$(go mod download -json "$1" | sed -n 's/.*"Info": "\(.*\)".*/\1/p')"
  [[ -f "$info" ]] || return 0
  tr -d ' \n\t' <"$info" | grep -o "\"$2\":\"[^\"]*\"" | head -n1 | cut -d'"' -f4 || true
}

# install_binary <built file> <name>: move into bin/ atomically so a concurrent
# reader never sees a half-written file.
install_binary() {
  mv -f "$1" "$BIN_DIR/$2"
  log "$2: $(du -h "$BIN_DIR/$2" | cut -f1) at $BIN_DIR/$2"
}

build_kube_apiserver() {
  if version_ok "$BIN_DIR/kube-apiserver" "$KUBE_VERSION" --version; then
    log "kube-apiserver $KUBE_VERSION already built"
    return
  fi
  local start=$SECONDS dir="$WORK_DIR/kube-apiserver-wrapper"
  log "building kube-apiserver $KUBE_VERSION (staging modules $K8S_STAGING_VERSION); this takes a while..."
  mkdir -p "$dir"
  sed -e "s/@KUBE_VERSION@/$KUBE_VERSION/g" -e "s/@K8S_STAGING_VERSION@/$K8S_STAGING_VERSION/g" \
    "$SCRIPT_DIR/kube-apiserver-wrapper/go.mod.tmpl" >"$dir/go.mod"

  # Same version stamping as kubernetes' hack/lib/version.sh, so clients (helm's
  # kubeVersion checks, discovery) see a real server version instead of v0.0.0.
  local commit date minor ldflags="-s -w"
  commit="$(module_info_field "k8s.io/kubernetes@$KUBE_VERSION" Hash)"
  date="$(module_info_field "k8s.io/kubernetes@$KUBE_VERSION" Time)"
  minor="$(cut -d. -f2 <<<"$KUBE_VERSION")"
  local pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=${commit:-unknown}"
    ldflags+=" -X $pkg.buildDate=${date:-1970-01-01T00:00:00Z}"
  done

  # -mod=mod lets go fill in go.sum (verified against the checksum database).
  (cd "$dir" && GOFLAGS="${GOFLAGS:-} -mod=mod" go build "${GO_BUILD_FLAGS[@]}" \
    -ldflags "$ldflags" -o "$dir/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  install_binary "$dir/kube-apiserver.tmp" kube-apiserver
  log "kube-apiserver built in $((SECONDS - start))s"
}

build_etcd() {
  if version_ok "$BIN_DIR/etcd" "${ETCD_VERSION#v}" --version; then
    log "etcd $ETCD_VERSION already built"
    return
  fi
  local start=$SECONDS dir="$WORK_DIR/etcd-wrapper"
  log "building etcd $ETCD_VERSION..."
  mkdir -p "$dir"
  sed -e "s/@ETCD_VERSION@/$ETCD_VERSION/g" "$SCRIPT_DIR/etcd-wrapper/go.mod.tmpl" >"$dir/go.mod"
  local commit
  commit="$(module_info_field "go.etcd.io/etcd/server/v3@$ETCD_VERSION" Hash)"
  (cd "$dir" && GOFLAGS="${GOFLAGS:-} -mod=mod" go build "${GO_BUILD_FLAGS[@]}" \
    -ldflags "-s -w${commit:+ -X go.etcd.io/etcd/api/v3/version.GitSHA=${commit:0:8}}" \
    -o "$dir/etcd.tmp" go.etcd.io/etcd/server/v3)
  install_binary "$dir/etcd.tmp" etcd
  log "etcd built in $((SECONDS - start))s"
}

build_helm() {
  # helm has no --version flag; `helm version --short` prints e.g. v3.19.5+g1234abc.
  if version_ok "$BIN_DIR/helm" "$HELM_VERSION" version --short; then
    log "helm $HELM_VERSION already built"
    return
  fi
  local start=$SECONDS dir="$WORK_DIR/helm"
  log "building helm $HELM_VERSION..."
  mkdir -p "$dir"
  local commit
  commit="$(module_info_field "helm.sh/helm/v3@$HELM_VERSION" Hash)"
  # Same stamping as helm's Makefile (its k8s default capabilities follow the
  # k8s.io/client-go v0.34 it is built with, i.e. Kubernetes 1.34).
  local ldflags="-s -w"
  ldflags+=" -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitCommit=${commit:-unknown}"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  local var
  for var in pkg/lint/rules pkg/chartutil; do
    ldflags+=" -X helm.sh/helm/v3/$var.k8sVersionMajor=1 -X helm.sh/helm/v3/$var.k8sVersionMinor=34"
  done
  # helm's go.mod has no replace directives, so plain `go install pkg@version` works.
  (cd "$dir" && GOBIN="$dir" GOFLAGS="" go install "${GO_BUILD_FLAGS[@]}" -ldflags "$ldflags" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION")
  install_binary "$dir/helm" helm
  log "helm built in $((SECONDS - start))s"
}

log "cache: $VERSION_DIR ($go_version, GOMAXPROCS=$GOMAXPROCS)"
build_etcd
build_helm
build_kube_apiserver
log "all binaries ready in $BIN_DIR"
echo "$BIN_DIR"
