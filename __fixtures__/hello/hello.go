// Package hello is the small module the real-runner workflows build and test in every shell.
package hello

// Greeting says hello.
func Greeting(name string) string { return "hello, " + name }
