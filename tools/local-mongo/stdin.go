package main

import (
	"context"
	"io"
	"log/slog"
	"os"
)

// watchStdin stops the server when stdin, a pipe held by the parent, reaches
// EOF: the parent has exited or died, so nothing is left listening.
// A terminal, /dev/null or a file is not watched (they say nothing about the parent).
func watchStdin(cancel context.CancelFunc, log *slog.Logger) {
	fi, err := os.Stdin.Stat()
	if err != nil || fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) == 0 {
		return
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		log.Info("stdin closed, stopping")
		cancel()
	}()
}
