# shellcheck shell=bash
# bash's start-up files, sourced here one by one in the order bash reads them, with every
# command traced. bash ignores a PS4 from the environment when it runs as root, so the
# trace is set up here: before each command, PS4 prints the file and line bash is about to
# run and the values go-path-arbiter follows. A value that changes between two records was
# changed by the command of the first. Started as
#   bash --norc -i <this file>               an interactive terminal (Linux)
#   bash --login --noprofile -i <this file>  a login terminal (macOS Terminal, Git Bash)
#   bash --login --noprofile <this file>     the login session (Linux)
# The probe follows this text in the same file.
# The files sourced are the user's and the system's own: nothing to follow here.
# shellcheck disable=SC1090,SC1091
__gpa_m='__GPA_MARKER__'
__gpa_sysrc=${GPA_BASH_SYSRC-}
unset GPA_BASH_SYSRC
# a terminal's bash has no positional parameters; startup files sourced here see none either
set --
# with a terminal bash has job control, which puts each job a startup file starts in a
# process group of its own: without it they stay in the shell's, and end with it
set +m
__gpa_us=$'\037'
__gpa_rs=$'\036'
PS4=$'\n'"${__gpa_m}T${__gpa_us}"'${BASH_SOURCE[0]-}'"${__gpa_us}"'${LINENO}'
for __gpa_n in PATH __GPA_GO_VARS__; do
  PS4+="${__gpa_us}\${${__gpa_n}+s}\${${__gpa_n}-}"
done
PS4+="${__gpa_us}"'${BASH_ALIASES[go]+s}${BASH_ALIASES[go]-}'"${__gpa_rs}"
unset __gpa_n __gpa_us __gpa_rs
set -x
if shopt -q login_shell; then
  if [ -r /etc/profile ]; then . /etc/profile; fi
  if [ -r ~/.bash_profile ]; then
    . ~/.bash_profile
  elif [ -r ~/.bash_login ]; then
    . ~/.bash_login
  elif [ -r ~/.profile ]; then
    . ~/.profile
  fi
elif [[ $- == *i* ]]; then
  if [ -n "$__gpa_sysrc" ] && [ -r "$__gpa_sysrc" ]; then . "$__gpa_sysrc"; fi
  if [ -r ~/.bashrc ]; then . ~/.bashrc; fi
fi
: "$__gpa_m" end
set +x
unset __gpa_sysrc
# an interactive bash writes its history when it exits: never the probe's commands
unset HISTFILE
