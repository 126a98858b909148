# go-path-arbiter's probe for fish: the same records as the POSIX probe, read in fish.
# Values are printed with printf, never pasted into a command.
set -g __gpa_m __GPA_MARKER__
function __gpa_rec
    printf '%s:%s\n' $__gpa_m $argv[1]
end
# what a traced start-up (scripts/fish-start.fish) kept for these records
if set -q __gpa_fishdirs
    __gpa_rec FISHDIRS
    printf '%s\n' $__gpa_fishdirs
end
if set -q __gpa_fishuserpaths
    __gpa_rec FISHUSERPATHS
    printf '%s\n' $__gpa_fishuserpaths
end
__gpa_rec PATH
printf '%s\n' (string join : -- $PATH)
for n in __GPA_GO_VARS__
    if set -qx $n
        __gpa_rec ENV:$n
        if string match -q '*PATH' -- $n
            printf '%s\n' (string join : -- $$n)
        else
            printf '%s\n' (string join ' ' -- $$n)
        end
    else
        __gpa_rec UNSET:$n
    end
end
for d in $PATH
    test -n "$d"; or set d .
    for t in go gofmt
        if test -f $d/$t -a -x $d/$t
            __gpa_rec HIT:$t
            printf '%s\n' $d/$t
        end
    end
end
__gpa_rec WHICH
command -v go; or true
__gpa_rec KIND
type -t go 2>/dev/null; or true
__gpa_rec FNBODY
if functions -q go
    functions --no-details go
end
__gpa_rec FNSITE
if functions -q go
    functions -D -v go
end
if type -q go
    __gpa_rec GOENV
    go env -json __GPA_GO_ENV_NAMES__ 2>&1
    set -l rc $status
    printf '\n'
    __gpa_rec GOENVEXIT:$rc
end
if test "$GPA_ENV_DUMP" = 1
    __gpa_rec ENV0
    env -0 2>/dev/null; or env
    printf '\n'
end
__gpa_rec END
