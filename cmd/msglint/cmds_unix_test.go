//go:build unix

package main

import (
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the scripts' extra commands.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// mkfifo NAME...: make named pipes (special-file tests; [unix] only)
	"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
		for _, a := range args {
			ts.Check(syscall.Mkfifo(ts.MkAbs(a), 0o644))
		}
	},
}
