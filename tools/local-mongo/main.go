// Command local-mongo serves a MongoDB-compatible database on a loopback
// address for local development and tests: an embedded FerretDB (SQLite)
// behind a front that makes single-document writes atomic.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	os.Exit(run())
}

func run() int {
	listen := flag.String("listen", "127.0.0.1:0", "loopback TCP address (port 0 picks a free port)")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files (required, created if missing)")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error (warn shows every failed command)")
	ephemeral := flag.Bool("ephemeral", false, "delete -data-dir on exit (for a temporary directory of the parent's)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "local-mongo: invalid -log-level:", *logLevel)
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(log)

	if err := checkLoopback(*listen); err != nil {
		fmt.Fprintln(os.Stderr, "local-mongo:", err)
		return 2
	}
	dir, err := prepareDataDir(*dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "local-mongo:", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watchStdin(cancel, log)

	if *ephemeral {
		// Deferred first, so it runs last; it also covers a parent that was killed.
		defer os.RemoveAll(dir)
	}
	be, err := startBackend(dir, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "local-mongo: starting FerretDB:", err)
		return 1
	}
	defer be.stop(log)

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "local-mongo:", err)
		return 1
	}
	fr := newFront(be.socket, log)
	served := make(chan struct{})
	go func() {
		defer close(served)
		fr.serve(ln)
	}()

	// The parent reads this line to learn the port (port 0 avoids races).
	fmt.Printf("LISTENING %s\n", ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "data", dir)

	<-ctx.Done()
	log.Info("stopping")
	ln.Close()
	<-served // no client is accepted after this, so closeAll sees them all
	fr.closeAll()
	return 0
}

// checkLoopback refuses any address reachable from outside this machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -listen %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-listen %q: only loopback addresses are allowed", addr)
	}
	return nil
}

func prepareDataDir(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("-data-dir is required")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", err
	}
	return abs, nil
}
