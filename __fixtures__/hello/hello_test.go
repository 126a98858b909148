package hello

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestGreeting(t *testing.T) {
	if got := Greeting("go"); got != "hello, go" {
		t.Fatalf("Greeting = %q", got)
	}
}

// The workflows set WANT_GOVERSION, WANT_GOROOT and WANT_GOPATH from the action's outputs:
// the go that runs this test, and the environment it sees, must be those, whatever the shell.
func TestSameGo(t *testing.T) {
	if want := os.Getenv("WANT_GOVERSION"); want != "" && runtime.Version() != want {
		t.Errorf("runtime.Version() = %s, want %s", runtime.Version(), want)
	}
	if want := os.Getenv("WANT_GOROOT"); want != "" {
		got := filepath.Clean(os.Getenv("GOROOT"))
		if got == "." {
			got = filepath.Clean(runtime.GOROOT())
		}
		if !strings.EqualFold(got, filepath.Clean(want)) {
			t.Errorf("GOROOT = %s, want %s", got, want)
		}
	}
	if want := os.Getenv("WANT_GOPATH"); want != "" {
		if got := os.Getenv("GOPATH"); !strings.EqualFold(filepath.Clean(got), filepath.Clean(want)) {
			t.Errorf("GOPATH = %s, want %s", got, want)
		}
	}
}
