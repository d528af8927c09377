package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestReadMessageAcrossShortReads(t *testing.T) {
	a := opMsgWith(0, bodySection("find"))
	b := opMsgWith(flagMoreToCome, bodySection("insert"))
	r := iotest.OneByteReader(bytes.NewReader(append(append([]byte{}, a...), b...)))

	for _, want := range []message{a, b} {
		got, err := readMessage(r)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("got %v, %v; want %v", got, err, want)
		}
	}
	if _, err := readMessage(r); !errors.Is(err, io.EOF) {
		t.Fatalf("at end: %v, want EOF", err)
	}
}

func TestReadMessageTruncated(t *testing.T) {
	m := opMsgWith(0, bodySection("find"))
	if _, err := readMessage(bytes.NewReader(m[:len(m)-1])); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v, want ErrUnexpectedEOF", err)
	}
}

func TestReadMessageLengthLimits(t *testing.T) {
	for _, n := range []int32{0, 15, -1, maxMsgLen + 1} {
		hdr := binary.LittleEndian.AppendUint32(nil, uint32(n))
		if _, err := readMessage(bytes.NewReader(hdr)); !errors.Is(err, errBadLength) {
			t.Errorf("length %d: got %v, want errBadLength", n, err)
		}
	}
}

func TestMoreToCome(t *testing.T) {
	if !opMsgWith(flagMoreToCome, bodySection("insert")).moreToCome() {
		t.Error("flag bit 1 not seen")
	}
	if opMsgWith(0, bodySection("insert")).moreToCome() {
		t.Error("moreToCome without the flag")
	}
	if opQueryWith(bsonDoc("isMaster")).moreToCome() {
		t.Error("OP_QUERY has no moreToCome")
	}
}

func TestPingMessage(t *testing.T) {
	m := pingMessage(-7)
	if m.requestID() != -7 || m.opCode() != opMsg || int(m.int32At(0)) != len(m) {
		t.Fatalf("bad header: %v", m[:headerLen])
	}
	if name, ok := opMsgCommand(m); !ok || name != "ping" {
		t.Fatalf("command = %q, %v", name, ok)
	}
}
