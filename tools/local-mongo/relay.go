package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
)

// relay passes one client's requests to its backend connection, one request
// and its reply at a time.
type relay struct {
	f       *front
	client  net.Conn
	backend net.Conn
	fromCli *bufio.Reader
	fromBe  *bufio.Reader
}

func newRelay(f *front, client, backend net.Conn) *relay {
	return &relay{
		f: f, client: client, backend: backend,
		fromCli: bufio.NewReaderSize(client, 64<<10),
		fromBe:  bufio.NewReaderSize(backend, 64<<10),
	}
}

func (r *relay) run() {
	for {
		req, err := readMessage(r.fromCli)
		if err == nil {
			err = r.exchange(req)
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				r.f.log.Debug("connection closed", "err", err)
			}
			return
		}
	}
}

// exchange relays one request and whatever replies belong to it.
func (r *relay) exchange(req message) error {
	mode := classify(req)
	release := r.f.acquire(mode)
	reply, err := r.roundTrip(req)
	release()
	if err != nil || reply == nil {
		return err
	}
	// The lock is released before writing, so a slow client holds no one up.
	for {
		if _, err := r.client.Write(reply); err != nil {
			return err
		}
		// Exhaust replies keep coming without requests.
		if !reply.moreToCome() {
			return nil
		}
		if reply, err = readMessage(r.fromBe); err != nil {
			return err
		}
	}
}

// roundTrip sends req and reads its reply; nil for a moreToCome request.
func (r *relay) roundTrip(req message) (message, error) {
	if _, err := r.backend.Write(req); err != nil {
		return nil, err
	}
	if req.moreToCome() {
		return nil, r.fence()
	}
	return readMessage(r.fromBe)
}

// fence waits until the backend has finished a moreToCome request (so its
// write completes under the lock): it sends a ping on the same connection,
// which FerretDB answers in order, and drops replies up to the ping's.
// FerretDB v1 does reply to moreToCome requests; that reply is dropped too.
func (r *relay) fence() error {
	id := -1 - r.f.fenceIDs.Add(1)&0x3fffffff
	if _, err := r.backend.Write(pingMessage(id)); err != nil {
		return err
	}
	for {
		m, err := readMessage(r.fromBe)
		if err != nil {
			return fmt.Errorf("fence: %w", err)
		}
		if m.responseTo() == id {
			return nil
		}
	}
}
