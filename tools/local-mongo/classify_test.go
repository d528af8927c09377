package main

import (
	"encoding/binary"
	"testing"
)

func TestClassifyOpMsg(t *testing.T) {
	cases := map[string]lockMode{
		"hello": noLock, "isMaster": noLock, "ismaster": noLock, "ping": noLock,
		"saslStart": noLock, "endSessions": noLock, "buildInfo": noLock,
		"find": readLock, "getMore": readLock, "count": readLock, "listIndexes": readLock,
		"listDatabases": readLock, "killCursors": readLock,
		"aggregate": writeLock, "insert": writeLock, "update": writeLock,
		"findAndModify": writeLock, "renameCollection": writeLock, "someFutureCommand": writeLock,
	}
	for name, want := range cases {
		if got := classify(opMsgWith(0, bodySection(name))); got != want {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
}

func TestClassifyCommandNameAtByte26(t *testing.T) {
	m := opMsgWith(0, bodySection("find"))
	if got := string(m[26:30]); got != "find" {
		t.Fatalf("name at byte 26 = %q", got)
	}
}

func TestClassifyBodyAfterDocumentSequence(t *testing.T) {
	m := opMsgWith(0, sequenceSection("documents", bsonDoc("_id")), bodySection("find"))
	if got := classify(m); got != readLock {
		t.Fatalf("got %v, want read", got)
	}
}

func TestClassifyWithChecksum(t *testing.T) {
	m := opMsgWith(flagChecksumPresent, bodySection("ping"))
	m = binary.LittleEndian.AppendUint32(m, 0xdeadbeef)
	binary.LittleEndian.PutUint32(m, uint32(len(m)))
	if got := classify(m); got != noLock {
		t.Fatalf("got %v, want none", got)
	}
}

func TestClassifyMalformedTakesWriteLock(t *testing.T) {
	for name, m := range map[string]message{
		"no sections":   opMsgWith(0),
		"unknown kind":  opMsgWith(0, []byte{7, 5, 0, 0, 0, 0}),
		"empty body":    opMsgWith(0, []byte{0, 5, 0, 0, 0, 0}),
		"no NUL in key": opMsgWith(0, []byte{0, 9, 0, 0, 0, 0x10, 'p', 'i', 'n', 'g'}),
		"compressed":    withHeader(2012, []byte{1, 2, 3, 4}),
	} {
		if got := classify(m); got != writeLock {
			t.Errorf("%s: got %v, want write", name, got)
		}
	}
}

func TestClassifyOpQuery(t *testing.T) {
	wrapped := append([]byte{0, 0, 0, 0, 0x03}, "$query\x00"...)
	wrapped = append(wrapped, bsonDoc("hello")...)
	wrapped = append(wrapped, 0)
	binary.LittleEndian.PutUint32(wrapped, uint32(len(wrapped)))

	cases := map[string]struct {
		m    message
		want lockMode
	}{
		"isMaster": {opQueryWith(bsonDoc("isMaster")), noLock},
		"ismaster": {opQueryWith(bsonDoc("ismaster")), noLock},
		"wrapped":  {opQueryWith(wrapped), noLock},
		"ping":     {opQueryWith(bsonDoc("ping")), writeLock},
		"find":     {opQueryWith(bsonDoc("find")), writeLock},
	}
	for name, c := range cases {
		if got := classify(c.m); got != c.want {
			t.Errorf("%s: got %v, want %v", name, got, c.want)
		}
	}
}
