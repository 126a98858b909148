// A stand-in for MSYS2's usr\bin\bash.exe in the Windows lane (wine), where no MSYS2 exists:
// not a shell. It runs nothing of the script; it checks that it was started the way
// setup-msys2's wrapper starts bash (`-leo pipefail <script>`) and prints, in the probe's
// record format, what it was started with: its arguments, the wrapper's variables, PATH in
// MSYS form and its root. The lane uses it to check the launch itself: `msys2` found through
// PATHEXT, the batch file started through cmd /c, the quoting of paths with spaces.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func fail(format string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "msys2 stand-in: "+format+"\n", a...)
	os.Exit(2)
}

// msys writes a Windows PATH as MSYS shows it: C:\x;D:\y -> /c/x:/d/y
func msys(p string) string {
	var out []string
	for _, e := range strings.Split(p, ";") {
		if len(e) >= 2 && e[1] == ':' {
			e = "/" + strings.ToLower(e[:1]) + strings.ReplaceAll(e[2:], `\`, "/")
		}
		if e != "" {
			out = append(out, strings.TrimSuffix(e, "/"))
		}
	}
	return strings.Join(out, ":")
}

func main() {
	args := os.Args[1:]
	if len(args) != 3 || args[0] != "-leo" || args[1] != "pipefail" {
		fail("unexpected arguments %q", args)
	}
	script, err := os.ReadFile(args[2])
	if err != nil {
		fail("%v", err)
	}
	m := regexp.MustCompile(`(?m)^M='(GPA[0-9a-f]+)'`).FindSubmatch(script)
	if m == nil {
		fail("no marker in %s", args[2])
	}
	marker := string(m[1])
	rec := func(key, value string) { fmt.Printf("%s:%s\n%s\n", marker, key, value) }
	exe, _ := os.Executable()
	rec("ARGS", strings.Join(args, "\n"))
	rec("PATH", msys(os.Getenv("PATH")))
	rec("MSYSTEM", os.Getenv("MSYSTEM"))
	if v, ok := os.LookupEnv("MSYS2_PATH_TYPE"); ok {
		rec("MSYS2_PATH_TYPE", v)
	}
	rec("MSYSROOT", filepath.ToSlash(filepath.Dir(filepath.Dir(filepath.Dir(exe)))))
	rec("CHERE_INVOKING", os.Getenv("CHERE_INVOKING"))
	fmt.Printf("%s:END\n", marker)
}
