# shellcheck shell=sh
# go-path-arbiter's probe for POSIX shells (bash, Git Bash, sh, zsh, WSL's bash). It prints
# records: a header line `<marker>:<key>`, then the value's lines. Values are only read from
# the environment inside the shell and printed with printf, never pasted into a command, so
# no PATH entry can break the script or run anything. Safe under `set -eu`.
M='__GPA_MARKER__'
rec() { printf '%s:%s\n' "$M" "$1"; }
rec PATH
printf '%s\n' "${PATH-}"
for n in __GPA_GO_VARS__; do
  eval "s=\${$n+set}"
  # shellcheck disable=SC2154 # s is set by the eval above
  if [ "$s" = set ]; then
    rec "ENV:$n"
    eval "printf '%s\\n' \"\${$n}\""
  else
    rec "UNSET:$n"
  fi
done
rest="${PATH-}:"
while [ -n "$rest" ]; do
  d=${rest%%:*}
  rest=${rest#*:}
  # an empty entry is the current folder, as the shell reads it
  if [ -z "$d" ]; then d=.; fi
  for t in go gofmt; do
    for x in '' .exe; do
      f="$d/$t$x"
      if [ -f "$f" ] && [ -x "$f" ]; then
        # Cygwin/MSYS (Git Bash): "go" also names go.exe; one program, listed once
        # shellcheck disable=SC3013 # -ef: bash, zsh and dash all have it
        if [ -z "$x" ] && [ -f "$f.exe" ] && [ "$f" -ef "$f.exe" ]; then continue; fi
        rec "HIT:$t"
        printf '%s\n' "$f"
      fi
    done
  done
done
rec WHICH
command -v go || true
rec KIND
# each branch runs only in the shell it names
# shellcheck disable=SC3044,SC3045
if [ -n "${BASH_VERSION-}" ]; then
  type -t go || true
elif [ -n "${ZSH_VERSION-}" ]; then
  whence -w go || true
else
  command -V go 2>/dev/null || true
fi
# zsh only: ZDOTDIR as the start-up left it (a ~/.zshenv may set it), the folder of the files
# zsh reads after ~/.zshenv
if [ -n "${ZSH_VERSION-}" ] && [ -n "${ZDOTDIR-}" ]; then
  rec ZDOTDIR
  printf '%s\n' "$ZDOTDIR"
fi
rec FNBODY
# shellcheck disable=SC3044
if [ -n "${BASH_VERSION-}" ]; then
  declare -f go 2>/dev/null || true
elif [ -n "${ZSH_VERSION-}" ]; then
  eval 'print -r -- "${functions[go]-}"' 2>/dev/null || true
fi
rec FNSITE
# shellcheck disable=SC3044
if [ -n "${BASH_VERSION-}" ]; then
  (shopt -s extdebug && declare -F go) 2>/dev/null || true
elif [ -n "${ZSH_VERSION-}" ]; then
  eval 'print -r -- "${functions_source[go]-}"' 2>/dev/null || true
fi
if command -v go >/dev/null 2>&1; then
  rec GOENV
  if go env -json __GPA_GO_ENV_NAMES__ 2>&1; then rc=0; else rc=$?; fi
  printf '\n'
  rec "GOENVEXIT:$rc"
fi
# inside WSL only: the distribution's settings, which decide whether Windows' PATH (and its
# go.exe) is appended and where the drives are mounted
if [ -n "${WSL_DISTRO_NAME-}" ] && [ -r /etc/wsl.conf ]; then
  rec WSLCONF
  head -c 65536 /etc/wsl.conf
  printf '\n'
fi
# Git Bash and MSYS2 only: the environment (MSYSTEM), the PATH type MSYS2's /etc/profile
# followed, and the Windows folder of `/`, for the paths that are not on a drive (/ucrt64/bin)
if [ -n "${MSYSTEM-}" ]; then
  rec MSYSTEM
  printf '%s\n' "$MSYSTEM"
  if [ -n "${MSYS2_PATH_TYPE+set}" ]; then
    rec MSYS2_PATH_TYPE
    printf '%s\n' "$MSYS2_PATH_TYPE"
  fi
  if command -v cygpath >/dev/null 2>&1; then
    rec MSYSROOT
    cygpath -m / 2>/dev/null || true
  fi
fi
if [ "${GPA_ENV_DUMP-}" = 1 ]; then
  rec ENV0
  env -0 2>/dev/null || env
  printf '\n'
fi
rec END
