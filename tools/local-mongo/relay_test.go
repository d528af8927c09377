package main

import (
	"io"
	"log/slog"
	"net"
	"testing"
)

// fakeBackend answers every request with a copy of it whose responseTo is
// the request id, moreToCome requests included (as FerretDB v1 does).
func fakeBackend(t *testing.T, conn net.Conn) {
	t.Helper()
	go func() {
		defer conn.Close()
		for {
			m, err := readMessage(conn)
			if err != nil {
				return
			}
			reply := append(message{}, m...)
			copy(reply[8:12], m[4:8])
			copy(reply[16:20], []byte{0, 0, 0, 0})
			if _, err := conn.Write(reply); err != nil {
				return
			}
		}
	}()
}

func socketPair(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	a, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	b, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, b
}

func TestRelayDropsRepliesToMoreToCome(t *testing.T) {
	// Socket pairs, not net.Pipe: real sockets buffer, and the relay relies on
	// that (it sends its fence ping before reading the dropped reply).
	clientSide, frontClient := socketPair(t)
	frontBackend, backendSide := socketPair(t)
	fakeBackend(t, backendSide)
	f := newFront("", slog.New(slog.NewTextHandler(io.Discard, nil)))
	go newRelay(f, frontClient, frontBackend).run()
	defer clientSide.Close()

	go func() {
		clientSide.Write(opMsgWith(flagMoreToCome, bodySection("insert")))
		clientSide.Write(opMsgWith(0, bodySection("find")))
	}()
	reply, err := readMessage(clientSide)
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := opMsgCommand(reply); name != "find" {
		t.Fatalf("first reply is for %q, want find", name)
	}
}
