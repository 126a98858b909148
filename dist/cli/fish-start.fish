# fish's start-up, run here as fish runs it, with every change to PATH and the Go
# variables recorded where it happens. Started as `fish --no-config -i <this file>` (a
# terminal) or `fish --no-config -l <this file>` (a login session): --no-config keeps fish
# from reading its files before the watch is set, and from its universal variables, so
# those are read from fish_variables here first, as fish reads them. Then, in fish's own
# order: $__fish_data_dir/config.fish (which sources every conf.d snippet), the system's
# config.fish, the user's config.fish. An --on-variable handler prints a record after each
# change with `status stack-trace`, which names the file and line that made it.
set -g __gpa_m __GPA_MARKER__
# no job control (a terminal's fish has it): the jobs a startup file starts stay in the
# shell's process group, and end with it
status job-control none
# fish's data folder and HOME, and below the universal fish_user_paths, are printed by the
# probe after the start-up (in a terminal only the probe's output is its answer)
set -g __gpa_fishdirs $__fish_data_dir $HOME
function __gpa_record
    set -l fields
    for n in PATH __GPA_GO_VARS__
        if set -q $n
            if string match -q '*PATH' -- $n
                set -a fields s(string join : -- $$n)
            else
                set -a fields s(string join ' ' -- $$n)
            end
        else
            set -a fields u
        end
    end
    # an alias is a function in fish; it is reported by the probe, not here
    set -a fields ''
    printf '\n%sT\x1f%s\x1f\x1f%s\x1e' $__gpa_m "$argv[1]" (string join \x1f -- $fields) >&2
end
# fish_add_path sets fish_user_paths, and fish's own handler then rewrites PATH: the stack
# of that second change ends in fish's config.fish, so the first is recorded too
function __gpa_watch_user_paths --on-variable fish_user_paths
    __gpa_record "fish_user_paths "(status stack-trace | string collect)
end
# one handler for each followed variable
for __gpa_n in PATH __GPA_GO_VARS__
    function __gpa_watch_$__gpa_n --on-variable $__gpa_n
        __gpa_record (status stack-trace | string collect)
    end
end
set -e __gpa_n
# inside an event handler a stack trace ends at the event: fish_add_path's caller is
# recorded around the call instead
if functions -q fish_add_path
    functions -c fish_add_path __gpa_fish_add_path
    function fish_add_path --wraps __gpa_fish_add_path
        __gpa_record "call "(status stack-trace | string collect)
        __gpa_fish_add_path $argv
        set -l __gpa_status $status
        __gpa_record return
        return $__gpa_status
    end
end
__gpa_record start
set -l __gpa_uvars $__fish_config_dir/fish_variables
if test -r $__gpa_uvars
    while read -l __gpa_line
        set -l __gpa_flag -U
        set -l __gpa_rest (string replace -r '^SETUVAR ' '' -- $__gpa_line)
        or continue
        if string match -q -- '--export *' $__gpa_rest
            set __gpa_flag -Ux
            set __gpa_rest (string replace -- '--export ' '' $__gpa_rest)
        end
        set -l __gpa_name (string split -m1 : -- $__gpa_rest)[1]
        set -l __gpa_value (string split -m1 : -- $__gpa_rest)[2]
        string match -qr '^[A-Za-z_][A-Za-z0-9_]*$' -- $__gpa_name
        or continue
        set -l __gpa_items
        for __gpa_item in (string split '\x1e' -- $__gpa_value)
            set -a __gpa_items (string unescape -- $__gpa_item)
        end
        set $__gpa_flag $__gpa_name $__gpa_items
    end <$__gpa_uvars
    __gpa_record "universal $__gpa_uvars"
    set -g __gpa_fishuserpaths $__gpa_uvars $fish_user_paths
end
for __gpa_file in $__fish_data_dir/config.fish $__fish_sysconf_dir/config.fish $__fish_config_dir/config.fish
    if test -f $__gpa_file -a -r $__gpa_file
        source $__gpa_file
    end
end
set -e __gpa_file
for __gpa_n in PATH __GPA_GO_VARS__
    functions -e __gpa_watch_$__gpa_n
end
set -e __gpa_n
functions -e __gpa_watch_user_paths
if functions -q __gpa_fish_add_path
    functions -e fish_add_path
    functions -c __gpa_fish_add_path fish_add_path
    functions -e __gpa_fish_add_path
end
__gpa_record end
