@echo off
if "%~1"==":snap" goto snap
rem go-path-arbiter's probe for cmd. `set` prints values raw: no value is ever expanded into
rem a command. `call` runs a go.cmd or go.bat as well as go.exe and comes back; `echo.`
rem prints an empty value as an empty line.
chcp 65001 >nul 2>nul
rem `set PATH` prints PATH and PATHEXT (every variable whose name starts with PATH)
echo __GPA_MARKER__:PATH
set PATH
echo __GPA_MARKER__:SET
set GO
echo __GPA_MARKER__:CWDSEARCH
if not defined NoDefaultCurrentDirectoryInExePath echo yes
echo __GPA_MARKER__:CWD
cd
echo __GPA_MARKER__:GOENV
call go env -json __GPA_GO_ENV_NAMES__ 2>&1
echo.
echo __GPA_MARKER__:GOENVEXIT:%ERRORLEVEL%
echo __GPA_MARKER__:END
goto :eof
:snap
rem A snapshot between the segments of cmd's AutoRun commands (a terminal's cmd runs them
rem before anything else): PATH and the Go variables as they are now, under a record that
rem names the segment that just ran.
echo __GPA_MARKER__:SNAP:%~2
set PATH
set GO
goto :eof
