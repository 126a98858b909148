#!/bin/sh
# go-path-arbiter's installer for Linux and macOS (POSIX sh). By default it installs nothing:
# it downloads the executable for this machine, checks its sha256 against SHA256SUMS, runs
# the check once with the arguments given after --, and deletes it.
#
#   curl -fsSL https://github.com/go-path-arbiter/go-path-arbiter/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- -- --json          the check's own arguments after --
#   curl -fsSL .../install.sh | sh -s -- --install          keep it in ~/.local/bin
#
# Options: --install (keep it, in $GPA_INSTALL_DIR or ~/.local/bin; no startup file is
# edited), --version V (GPA_VERSION), --base-url URL or folder (GPA_BASE_URL: a mirror, or
# a local folder holding the release's files).
set -eu

VERSION=${GPA_VERSION:-0.2.0}
BASE_URL=${GPA_BASE_URL:-}
INSTALL=0
while [ $# -gt 0 ]; do
  case $1 in
    --install) INSTALL=1 ;;
    --version)
      [ $# -ge 2 ] || { echo "install.sh: --version needs a value" >&2; exit 2; }
      VERSION=$2
      shift
      ;;
    --base-url)
      [ $# -ge 2 ] || { echo "install.sh: --base-url needs a value" >&2; exit 2; }
      BASE_URL=$2
      shift
      ;;
    --)
      shift
      break
      ;;
    *)
      echo "install.sh: unknown option $1 (the check's own arguments go after --)" >&2
      exit 2
      ;;
  esac
  shift
done
case $VERSION in
  *[!0-9A-Za-z.+-]* | '') echo "install.sh: not a version: $VERSION" >&2; exit 2 ;;
esac
VERSION=${VERSION#v}
[ -n "$BASE_URL" ] || BASE_URL="https://github.com/go-path-arbiter/go-path-arbiter/releases/download/v$VERSION"
BASE_URL=${BASE_URL%/}

die() {
  echo "install.sh: $*" >&2
  exit 1
}

# this machine: the OS, and the CPU as the hardware has it (an x64 shell under Rosetta runs
# on arm64)
case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) die "no executable for $(uname -s): use the npm package (npx go-path-arbiter)" ;;
esac
case $(uname -m) in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) die "no executable for the CPU $(uname -m)" ;;
esac
if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
  arch=arm64
fi
name="go-path-arbiter-$VERSION-$os-$arch.tar.gz"

fetch() {
  case $BASE_URL in
    http://* | https://*)
      if command -v curl >/dev/null 2>&1; then
        curl -fsSL -o "$2" "$BASE_URL/$1" || die "could not download $BASE_URL/$1"
      elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$2" "$BASE_URL/$1" || die "could not download $BASE_URL/$1"
      else
        die "neither curl nor wget is installed"
      fi
      ;;
    *)
      [ -f "$BASE_URL/$1" ] || die "$BASE_URL/$1 does not exist"
      cp "$BASE_URL/$1" "$2"
      ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/go-path-arbiter.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fetch SHA256SUMS "$work/SHA256SUMS"
want=$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1 }' "$work/SHA256SUMS")
[ -n "$want" ] || die "$name is not in $BASE_URL/SHA256SUMS: no release for $os-$arch"
fetch "$name" "$work/$name"
have=$(sha256 "$work/$name")
[ "$have" = "$want" ] || die "$name has sha256 $have, but SHA256SUMS says $want: nothing was run"
mkdir "$work/x"
tar -xzf "$work/$name" -C "$work/x" go-path-arbiter
exe="$work/x/go-path-arbiter"

if [ "$INSTALL" = 0 ]; then
  set +e
  "$exe" "$@"
  code=$?
  set -e
  exit "$code"
fi

dir=${GPA_INSTALL_DIR:-$HOME/.local/bin}
mkdir -p "$dir"
first=$(command -v go-path-arbiter 2>/dev/null || true)
cp "$exe" "$dir/go-path-arbiter.new"
chmod 755 "$dir/go-path-arbiter.new"
mv -f "$dir/go-path-arbiter.new" "$dir/go-path-arbiter"
echo "installed go-path-arbiter $VERSION into $dir"
if [ -n "$first" ] && [ "$first" != "$dir/go-path-arbiter" ]; then
  echo "note: another go-path-arbiter comes first on PATH ($first): that one runs until it is removed"
fi
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "note: $dir is not on PATH: add it in your shell's startup file, then open a new terminal" ;;
esac
