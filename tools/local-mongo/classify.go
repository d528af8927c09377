package main

import "bytes"

// lockMode is how a request holds the process-wide readers-writer lock.
// FerretDB v1 applies updates as read, modify, write back with nothing
// holding other writers off, so writes are serialized here instead.
type lockMode int

const (
	noLock lockMode = iota
	readLock
	writeLock
)

func (l lockMode) String() string {
	return [...]string{"none", "read", "write"}[l]
}

func commandSet(names ...string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// Commands that touch no collection data: handshakes, auth, diagnostics.
var noLockCommands = commandSet(
	"hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo",
	"endSessions", "saslStart", "saslContinue", "logout", "getParameter",
	"whatsmyuri", "getLog", "hostInfo", "connectionStatus", "getCmdLineOpts",
	"getFreeMonitoringStatus", "listCommands",
)

// Commands that only read data, so they may run side by side.
var readCommands = commandSet(
	"find", "getMore", "count", "distinct", "listCollections", "listIndexes",
	"listDatabases", "dbStats", "dbstats", "collStats", "dataSize", "explain",
	"killCursors", "serverStatus", "currentOp",
)

// handshakeCommands are the only legacy OP_QUERY commands let through unlocked.
var handshakeCommands = commandSet("hello", "isMaster", "ismaster")

// classifyCommand maps a command name to its lock; unknown names (aggregate
// included, it may write with $out/$merge) take the write lock.
func classifyCommand(name string) lockMode {
	switch {
	case noLockCommands[name]:
		return noLock
	case readCommands[name]:
		return readLock
	default:
		return writeLock
	}
}

// classify decides the lock for one request message.
func classify(m message) lockMode {
	switch m.opCode() {
	case opMsg:
		if name, ok := opMsgCommand(m); ok {
			return classifyCommand(name)
		}
	case opQuery:
		if name, ok := opQueryCommand(m); ok && handshakeCommands[name] {
			return noLock
		}
	}
	return writeLock
}

// opMsgCommand returns the first key of the body (kind 0) section.
// Drivers send the body first (the name is then at byte 26), but kind 1
// document sequences may precede it, so sections are walked.
func opMsgCommand(m message) (string, bool) {
	end := len(m)
	if m.flags()&flagChecksumPresent != 0 {
		end -= 4
	}
	off := headerLen + 4
	for off+5 <= end {
		kind := m[off]
		size := int(m.int32At(off + 1))
		switch kind {
		case 0:
			return firstKey(m[off+1 : end])
		case 1:
			if size < 4 {
				return "", false
			}
			off += 1 + size
		default:
			return "", false
		}
	}
	return "", false
}

// opQueryCommand returns the first key of an OP_QUERY's query document,
// looking inside a {$query: {...}} wrapper.
func opQueryCommand(m message) (string, bool) {
	off := headerLen + 4 // flags
	nul := bytes.IndexByte(m[min(off, len(m)):], 0)
	if nul < 0 {
		return "", false
	}
	off += nul + 1 + 8 // collection name, numberToSkip, numberToReturn
	if off > len(m) {
		return "", false
	}
	doc := m[off:]
	name, ok := firstKey(doc)
	if ok && (name == "$query" || name == "query") && len(doc) > 5 && doc[4] == 0x03 {
		inner := 4 + 1 + len(name) + 1
		return firstKey(doc[inner:])
	}
	return name, ok
}

// firstKey reads the name of a BSON document's first element.
func firstKey(doc []byte) (string, bool) {
	if len(doc) < 6 || doc[4] == 0 {
		return "", false
	}
	nul := bytes.IndexByte(doc[5:], 0)
	if nul < 0 {
		return "", false
	}
	return string(doc[5 : 5+nul]), true
}
