// A stand-in for wsl.exe in the Windows lane (wine), where no WSL exists. It is built for
// Windows and answers the way wsl.exe answers, as Microsoft's WSL documentation describes it,
// but the "distribution" is this Linux machine: the command runs in a real Linux shell,
// started through wine (which runs Unix programs as they are), with the HOME, user, login
// shell and PATH the distribution's entry in wsl-standin.json (beside this program) gives.
// What crosses into it is what crosses into WSL: WSL_DISTRO_NAME, the variables WSLENV names
// (/p a path, /l a path list, translated to the drive mount; /w not at all), and the Windows
// PATH appended in its /mnt/<drive> form (unless the entry says appendWindowsPath false).
// Drive C is /mnt/c in those translated values only: this machine has no /mnt/c.
//
//	wsl --list [--quiet|-q] [--verbose|-v]   the distributions, UTF-16LE unless WSL_UTF8=1
//	wsl [-d NAME] [-u USER] [--cd DIR] [-e|--exec CMD ARGS... | [--] CMDLINE... ]
//
// With no command it starts the user's login shell as a login shell, as a new WSL terminal
// does. A bare command line runs through the login shell's -c. The Linux side's stdout and
// stderr are files, copied out when it ends (wine hands a Unix program no pipes of its own),
// and its exit code comes back through a file. "hang": true never answers (a VM that does not
// start).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
)

type distro struct {
	Name              string `json:"name"`
	Home              string `json:"home"`
	User              string `json:"user"`
	Shell             string `json:"shell"`
	Path              string `json:"path"`
	AppendWindowsPath *bool  `json:"appendWindowsPath"`
	Hang              bool   `json:"hang"`
}

type config struct {
	Distros []distro `json:"distros"`
}

func emit(s string, toErr bool) {
	out := os.Stdout
	if toErr {
		out = os.Stderr
	}
	if os.Getenv("WSL_UTF8") == "1" {
		out.WriteString(s)
		return
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i] = byte(c)
		b[2*i+1] = byte(c >> 8)
	}
	out.Write(b)
}

// mnt writes a Windows path as WSL's drive mount shows it: C:\x\y -> /mnt/c/x/y
func mnt(p string) string {
	if len(p) >= 2 && p[1] == ':' {
		rest := strings.TrimRight(strings.ReplaceAll(p[2:], `\`, "/"), "/")
		return "/mnt/" + strings.ToLower(p[:1]) + rest
	}
	return p
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// unixPath: wine's drive Z is the Unix root
func unixPath(win string) string {
	if strings.HasPrefix(strings.ToUpper(win), `Z:\`) {
		return strings.ReplaceAll(win[2:], `\`, "/")
	}
	return win
}

func main() {
	self, _ := os.Executable()
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(self), "wsl-standin.json"))
	if err != nil {
		emit("wsl stand-in: no wsl-standin.json beside it\r\n", true)
		os.Exit(1)
	}
	var cfg config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		emit("wsl stand-in: "+err.Error()+"\r\n", true)
		os.Exit(1)
	}
	args := os.Args[1:]
	if len(args) > 0 && (args[0] == "--list" || args[0] == "-l") {
		if len(cfg.Distros) == 0 {
			emit("Windows Subsystem for Linux has no installed distributions.\r\n", false)
			os.Exit(-1)
		}
		for _, d := range cfg.Distros {
			emit(d.Name+"\r\n", false)
		}
		return
	}
	if len(cfg.Distros) == 0 {
		emit("Windows Subsystem for Linux has no installed distributions.\r\n", false)
		os.Exit(-1)
	}
	d := cfg.Distros[0]
	user := ""
	cd := ""
	var command []string
	viaShell := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func() string {
			if i+1 >= len(args) {
				emit("Invalid command line argument: "+a+"\r\n", false)
				os.Exit(-1)
			}
			i++
			return args[i]
		}
		switch a {
		case "-d", "--distribution":
			name := next()
			found := false
			for _, x := range cfg.Distros {
				if strings.EqualFold(x.Name, name) {
					d, found = x, true
				}
			}
			if !found {
				emit("There is no distribution with the supplied name.\r\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n", false)
				os.Exit(-1)
			}
		case "-u", "--user":
			user = next()
		case "--cd":
			cd = next()
		case "-e", "--exec":
			command = args[i+1:]
			i = len(args)
		case "--":
			command = args[i+1:]
			viaShell = true
			i = len(args)
		default:
			command = args[i:]
			viaShell = true
			i = len(args)
		}
	}
	if d.Hang {
		time.Sleep(time.Hour)
	}
	home := d.Home
	if user != "" && user != d.User {
		home = filepath.ToSlash(filepath.Join(filepath.Dir(d.Home), user))
	} else {
		user = d.User
	}
	linuxPath := d.Path
	if d.AppendWindowsPath == nil || *d.AppendWindowsPath {
		for _, e := range strings.Split(os.Getenv("PATH"), ";") {
			if e != "" {
				linuxPath += ":" + mnt(e)
			}
		}
	}
	vars := []string{"WSL_DISTRO_NAME=" + d.Name, "HOME=" + home, "USER=" + user, "LOGNAME=" + user,
		"SHELL=" + d.Shell, "PATH=" + linuxPath, "TERM=xterm-256color", "LANG=C.UTF-8"}
	for _, e := range strings.Split(os.Getenv("WSLENV"), ":") {
		parts := strings.SplitN(e, "/", 2)
		name, flags := parts[0], ""
		if len(parts) == 2 {
			flags = parts[1]
		}
		if name == "" || strings.Contains(flags, "w") {
			continue
		}
		v := os.Getenv(name)
		switch {
		case strings.Contains(flags, "l"):
			var out []string
			for _, x := range strings.Split(v, ";") {
				if x != "" {
					out = append(out, mnt(x))
				}
			}
			v = strings.Join(out, ":")
		case strings.Contains(flags, "p"):
			v = mnt(v)
		}
		vars = append(vars, name+"="+v)
	}
	var line []string
	switch {
	case len(command) == 0:
		// a new WSL terminal: the login shell, as a login shell
		line = []string{"exec", "-a", "-" + filepath.Base(d.Shell), d.Shell}
	case viaShell:
		line = []string{d.Shell, "-c", strings.Join(command, " ")}
	default:
		line = command
	}
	dir, err := os.MkdirTemp(`Z:\tmp`, "gpa-wsl-standin-")
	if err != nil {
		emit("wsl stand-in: "+err.Error()+"\r\n", true)
		os.Exit(1)
	}
	// os.Exit runs no deferred call: each way out below removes the folder first
	exit := func(code int) {
		os.RemoveAll(dir)
		os.Exit(code)
	}
	u := unixPath(dir)
	in, _ := os.Create(filepath.Join(dir, "in"))
	buf := make([]byte, 64*1024)
	for {
		n, err := os.Stdin.Read(buf)
		if n > 0 {
			in.Write(buf[:n])
		}
		if err != nil {
			break
		}
	}
	in.Close()
	quoted := make([]string, len(line))
	for i, w := range line {
		quoted[i] = quote(w)
	}
	envWords := make([]string, len(vars))
	for i, v := range vars {
		envWords[i] = quote(v)
	}
	start := home
	if cd != "" && cd != "~" {
		start = cd
	}
	// bash for `exec -a` (the login shell's argv[0] starts with "-")
	script := fmt.Sprintf("cd %s 2>/dev/null || cd /\nenv -i %s bash -c %s <%s >%s 2>%s\necho $? >%s.tmp && mv %s.tmp %s\n",
		quote(start), strings.Join(envWords, " "), quote(strings.Join(quoted, " ")),
		quote(u+"/in"), quote(u+"/out"), quote(u+"/err"), quote(u+"/rc"), quote(u+"/rc"), quote(u+"/rc"))
	if err := os.WriteFile(filepath.Join(dir, "launch.sh"), []byte(script), 0o644); err != nil {
		emit("wsl stand-in: "+err.Error()+"\r\n", true)
		exit(1)
	}
	devnull, _ := os.Open(os.DevNull)
	if _, err := os.StartProcess(`Z:\bin\sh`, []string{"sh", u + "/launch.sh"}, &os.ProcAttr{
		Files: []*os.File{devnull, devnull, devnull},
	}); err != nil {
		emit("wsl stand-in: "+err.Error()+"\r\n", true)
		exit(1)
	}
	// wine gives no handle to wait on for a Unix program: its exit code comes as a file
	var rc []byte
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "rc")); err == nil {
			rc = b
			break
		}
		time.Sleep(15 * time.Millisecond)
	}
	out, _ := os.ReadFile(filepath.Join(dir, "out"))
	errb, _ := os.ReadFile(filepath.Join(dir, "err"))
	os.Stdout.Write(out)
	os.Stderr.Write(errb)
	code := 0
	fmt.Sscanf(strings.TrimSpace(string(rc)), "%d", &code)
	exit(code)
}
