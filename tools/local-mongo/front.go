package main

import (
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
)

// front accepts TCP clients and relays each over its own backend connection
// to FerretDB's Unix socket (cursors belong to a connection).
type front struct {
	socket string
	log    *slog.Logger

	// lock is process-wide: see lockMode.
	lock sync.RWMutex
	// fenceIDs numbers the pings sent after moreToCome requests.
	fenceIDs atomic.Int32

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func newFront(socket string, log *slog.Logger) *front {
	return &front{socket: socket, log: log, conns: map[net.Conn]struct{}{}}
}

// serve accepts clients until ln is closed.
func (f *front) serve(ln net.Listener) {
	for {
		client, err := ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				f.log.Error("accept failed", "err", err)
			}
			return
		}
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			f.handle(client)
		}()
	}
}

func (f *front) handle(client net.Conn) {
	defer client.Close()
	backend, err := net.Dial("unix", f.socket)
	if err != nil {
		f.log.Error("backend dial failed", "err", err)
		return
	}
	defer backend.Close()
	if !f.track(client, backend) {
		return
	}
	defer f.untrack(client, backend)
	newRelay(f, client, backend).run()
}

// track registers a connection pair; false once closeAll has run.
func (f *front) track(conns ...net.Conn) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conns == nil {
		return false
	}
	for _, c := range conns {
		f.conns[c] = struct{}{}
	}
	return true
}

func (f *front) untrack(conns ...net.Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range conns {
		delete(f.conns, c)
	}
}

// closeAll closes every open connection and waits for their relays to end.
func (f *front) closeAll() {
	f.mu.Lock()
	for c := range f.conns {
		c.Close()
	}
	f.conns = nil
	f.mu.Unlock()
	f.wg.Wait()
}

// acquire takes the lock a request needs and returns its release.
func (f *front) acquire(mode lockMode) func() {
	switch mode {
	case readLock:
		f.lock.RLock()
		return f.lock.RUnlock
	case writeLock:
		f.lock.Lock()
		return f.lock.Unlock
	default:
		return func() {}
	}
}
