package main

import (
	"context"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// backend is an embedded FerretDB (SQLite handler) reachable only through a
// Unix socket in a private temporary directory: the front is the sole client.
type backend struct {
	dir    string
	socket string
	cancel context.CancelFunc
	done   chan struct{}
}

func startBackend(dataDir string, log *slog.Logger) (*backend, error) {
	dir, err := os.MkdirTemp("", "local-mongo-") // mode 0700
	if err != nil {
		return nil, err
	}
	socket := filepath.Join(dir, "ferretdb.sock")
	// Escaped so that unusual characters in the path survive FerretDB's url.Parse.
	// synchronous(normal): in WAL mode a commit no longer waits for an fsync. Every write
	// holds the front's write lock, so an fsync per write capped writes for everyone; a
	// process crash still loses nothing (only a power cut may drop the last commits).
	sqliteURL := "file:" + (&url.URL{Path: dataDir + "/"}).EscapedPath() + "?_pragma=synchronous(normal)"
	fdb, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    log,
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}

	ctx, cancel := context.WithCancel(context.Background())
	b := &backend{dir: dir, socket: socket, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(b.done)
		fdb.Run(ctx)
	}()
	return b, nil
}

// stop ends FerretDB (bounded wait) and removes the socket directory.
func (b *backend) stop(log *slog.Logger) {
	b.cancel()
	select {
	case <-b.done:
	case <-time.After(5 * time.Second):
		log.Error("FerretDB did not stop within 5s")
	}
	if err := os.RemoveAll(b.dir); err != nil {
		log.Error("could not remove socket directory", "err", err)
	}
}
