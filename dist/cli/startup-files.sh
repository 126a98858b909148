# shellcheck shell=sh
# go-path-arbiter's hands inside a WSL distribution for --apply and --undo on Windows: run
# as `sh -s -- <mode> <args>...` (this text on stdin, after the line that sets DATA), as the
# distribution's default user. Nothing is ever written through \\wsl$ from Windows.
#   look <file>... -- <dir>...
#            the user's home and login shell; each file (a leading ~/ is the home): its
#            bytes (base64) and the file a link names, or the folders missing above it;
#            then each Linux go in the usual places and in the folders given (the new
#            terminal's PATH), with its GOROOT and version
#   write <file> <sha256|none>
#            the bytes in DATA (base64) replace the file, only when it still is what the
#            plan read (its sha256, or none: no file); a copy of it (its mode kept) is
#            filled and renamed over it; missing folders are made
#   remove <file> <dir>...
#            the file is removed, then each folder (innermost first) when it is empty
# Every command's stdin is redirected: the shell reads this script from its own stdin.
# Prints marker records, and always ends with the END record.
set -u
M='__GPA_MARKER__'
rec() { printf '%s:%s\n' "$M" "$1"; }
fail() {
  rec ERROR
  printf '%s\n' "$1"
  rec END
  exit 0
}
: "${DATA:=}"
mode="${1:-}"
[ $# -gt 0 ] && shift

digest() {
  if [ ! -e "$1" ]; then
    printf 'none\n'
  elif command -v sha256sum >/dev/null 2>&1; then
    sha256sum <"$1" | cut -d' ' -f1
  else
    fail "sha256sum is not installed in this distribution"
  fi
}

look_file() {
  case $1 in
    \~/*) f="${HOME:-/nonexistent}/${1#\~/}" ;;
    *) f=$1 ;;
  esac
  if [ -f "$f" ] && [ -r "$f" ]; then
    rec FILE
    printf '%s\n' "$f"
    readlink -f "$f" </dev/null 2>/dev/null || printf '%s\n' "$f"
    base64 <"$f" | tr -d '\n'
    printf '\n'
  elif [ -e "$f" ]; then
    rec UNREADABLE
    printf '%s\n' "$f"
  else
    rec NOFILE
    printf '%s\n' "$f"
    d=$(dirname "$f")
    while [ ! -d "$d" ] && [ "$d" != / ]; do
      printf '%s\n' "$d"
      d=$(dirname "$d")
    done
  fi
}

go_at() {
  [ -f "$1" ] && [ -x "$1" ] || return 0
  # GOTOOLCHAIN=local: the go itself answers, not a toolchain a go.mod asks for
  out=$(cd / && GOTOOLCHAIN=local "$1" env GOROOT GOVERSION </dev/null 2>/dev/null) || return 0
  rec GO
  printf '%s\n%s\n' "$1" "$out"
}

look() {
  rec HOME
  printf '%s\n' "${HOME:-}"
  rec SHELL
  # as the terminal's launcher finds it (shells/wsl.ts)
  s=${SHELL:-}
  [ -n "$s" ] || s=$(getent passwd "$(id -un)" 2>/dev/null </dev/null | cut -d: -f7)
  printf '%s\n' "$s"
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    look_file "$1"
    shift
  done
  [ $# -gt 0 ] && shift
  h=${HOME:-/nonexistent}
  # the packaged and tarball places, golang.org/dl's ~/sdk, the toolchains go downloads,
  # this action's trees, and the new terminal's PATH
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go /usr/lib/go-*/bin/go \
    /snap/go/current/bin/go "$h"/sdk/go*/bin/go "$h"/.local/go/bin/go \
    "$h"/go/pkg/mod/golang.org/toolchain@*/bin/go /opt/go-path-arbiter/go/*/*/bin/go \
    "$h"/.local/share/go-path-arbiter/go/*/*/bin/go; do
    go_at "$g"
  done
  for d in "$@"; do
    go_at "$d/go"
  done
}

write() {
  f=$1
  want=$2
  now=$(digest "$f")
  [ "$now" = "$want" ] || fail "$f changed since the check read it: run go-path-arbiter --apply again"
  d=$(dirname "$f")
  mkdir -p "$d" || fail "the folder $d could not be made"
  t="$d/.${f##*/}.gpa-$$"
  if [ -f "$f" ]; then
    cp -p "$f" "$t" || fail "$f could not be copied beside itself ($t)"
  fi
  if ! printf '%s' "$DATA" | base64 -d >"$t"; then
    rm -f "$t"
    fail "$t could not be written"
  fi
  if ! mv -f "$t" "$f"; then
    rm -f "$t"
    fail "$f could not be replaced"
  fi
  rec WRITTEN
  digest "$f"
}

remove() {
  f=$1
  shift
  rm -f "$f" || fail "$f could not be removed"
  for d in "$@"; do
    rmdir "$d" 2>/dev/null || true
  done
  rec REMOVED
}

case $mode in
  look) look "$@" ;;
  write) [ $# -eq 2 ] || fail "write needs a file and its sha256"; write "$1" "$2" ;;
  remove) [ $# -ge 1 ] || fail "remove needs a file"; remove "$@" ;;
  *) fail "unknown mode: $mode" ;;
esac
rec END
