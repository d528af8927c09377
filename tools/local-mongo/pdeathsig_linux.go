//go:build linux

package main

import "golang.org/x/sys/unix"

// A second line of defence besides stdin EOF: the kernel sends SIGTERM when
// the parent dies. Set in init, which runs on the main thread (that thread
// lives as long as the process, as PR_SET_PDEATHSIG requires). Linux ties the
// signal to the parent's spawning thread: a server started from a Node worker
// thread stops when that thread ends.
func init() {
	_ = unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGTERM), 0, 0, 0)
}
