# shellcheck shell=sh
# sh's start-up files, run here one by one as sh itself would run them, every command
# traced. dash keeps no line numbers while it starts, so a record names only the file that
# was running (`__gpa_f`); a file that file sources is not told apart. Started as
#   sh -i <this file>   an interactive terminal: the file $ENV names (ENV is passed as
#                       GPA_SH_ENV, so that sh does not read it before the trace starts)
#   sh <this file>      the login session: /etc/profile, then ~/.profile
# The probe follows this text in the same file.
# The files sourced are the user's and the system's own: nothing to follow here.
# shellcheck disable=SC1090,SC1091
__gpa_m='__GPA_MARKER__'
# no job control (a terminal's sh has it): the jobs a startup file starts stay in the
# shell's process group, and end with it
set +m
__gpa_env=${GPA_SH_ENV-}
unset GPA_SH_ENV
if [ -n "$__gpa_env" ]; then ENV=$__gpa_env; export ENV; fi
__gpa_us=$(printf '\037')
__gpa_rs=$(printf '\036')
__gpa_f=
__gpa_nl='
'
PS4="${__gpa_nl}${__gpa_m}T${__gpa_us}\${__gpa_f}${__gpa_us}"
for __gpa_n in PATH __GPA_GO_VARS__; do
  PS4="${PS4}${__gpa_us}\${${__gpa_n}+s}\${${__gpa_n}-}"
done
# sh has no alias table to read without running a command: that field stays unset
PS4="${PS4}${__gpa_us}${__gpa_rs}"
unset __gpa_n __gpa_nl
set -x
case $- in
  *i*)
    # POSIX sh expands parameters in ENV; only $HOME and ${HOME} are expanded here
    __gpa_f=$__gpa_env
    # the patterns are the literal text $HOME and ${HOME}, as ENV may hold them
    # shellcheck disable=SC2016
    case $__gpa_f in
      '$HOME'/*) __gpa_f="$HOME/${__gpa_f#\$HOME/}" ;;
      '${HOME}'/*) __gpa_f="$HOME/${__gpa_f#\$\{HOME\}/}" ;;
    esac
    if [ -n "$__gpa_f" ] && [ -r "$__gpa_f" ]; then . "$__gpa_f"; fi
    ;;
  *)
    __gpa_f=/etc/profile
    if [ -r /etc/profile ]; then . /etc/profile; fi
    __gpa_f="$HOME/.profile"
    if [ -r "$__gpa_f" ]; then . "$__gpa_f"; fi
    ;;
esac
__gpa_f=
: "$__gpa_m" end
set +x
unset __gpa_env __gpa_f __gpa_us __gpa_rs
