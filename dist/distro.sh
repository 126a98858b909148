# shellcheck shell=sh
# go-path-arbiter inside a WSL distribution: run as `sh -s -- <mode> <version> <goarch>
# <archive> <env.sh> <base>...` (this text on stdin), as the distribution's default user.
#   query    only looks: the machine, the user, the folder for Go trees, whether this
#            version is there (the archive's Windows path is translated with wslpath)
#   install  unpacks the archive (a Windows path; none when the tree is reused) into a
#            staging folder beside the tree and renames it into place, then copies the
#            BASH_ENV script (a Windows path) beside the trees
# Each base is tried in order (a leading $HOME is this user's home); the first writable
# one holds the trees. Prints marker records, and always ends with the END record.
set -eu
M='__GPA_MARKER__'
rec() { printf '%s:%s\n' "$M" "$1"; }
mode="$1"
version="$2"
goarch="$3"
winpath="$4"
envpath="$5"
shift 5
pick_base() {
  for b in "$@"; do
    # the literal text $HOME: this user's home
    # shellcheck disable=SC2016
    case $b in '$HOME'/*) b="${HOME:-/root}/${b#\$HOME/}" ;; esac
    if mkdir -p "$b/go" 2>/dev/null && [ -w "$b/go" ]; then
      printf '%s\n' "$b"
      return 0
    fi
  done
  return 1
}
fail() {
  rec ERROR
  printf '%s\n' "$1"
  rec END
  exit 0
}
rec UNAME
uname -m
rec HOME
printf '%s\n' "${HOME:-}"
rec USER
id -un 2>/dev/null || printf '%s\n' "${USER:-}"
rec WINPATH
if [ -n "$winpath" ]; then wslpath -u "$winpath" 2>/dev/null || printf '\n'; else printf '\n'; fi
base=$(pick_base "$@") || fail "no writable folder for Go trees: tried $*"
rec BASE
printf '%s\n' "$base"
root="$base/go/$version/$goarch"
if [ "$mode" = install ] && [ -n "$winpath" ]; then
  archive=$(wslpath -u "$winpath")
  stage=$(mktemp -d "$base/go/.stage.XXXXXX")
  trap 'rm -rf "$stage"' EXIT
  if ! out=$(tar -xzf "$archive" -C "$stage" 2>&1) || [ ! -x "$stage/go/bin/go" ]; then
    fail "unpacking $archive failed: ${out:-the archive has no go/bin/go}"
  fi
  mkdir -p "$base/go/$version"
  rm -rf "$root" "$root.complete"
  mv "$stage/go" "$root"
  : >"$root.complete"
fi
if [ "$mode" = install ]; then
  mkdir -p "${HOME:-/root}/go/bin"
  cp "$(wslpath -u "$envpath")" "$base/env.sh.partial" || fail "the BASH_ENV script could not be written in $base"
  mv "$base/env.sh.partial" "$base/env.sh"
fi
if [ -f "$root.complete" ] && [ -x "$root/bin/go" ]; then
  rec PRESENT
  if v=$(GOTOOLCHAIN=local GOROOT="$root" "$root/bin/go" env GOVERSION 2>&1); then
    printf '%s\n' "$v"
  else
    printf 'broken: %s\n' "$v"
  fi
fi
rec END
