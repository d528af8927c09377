package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Framing of MongoDB wire protocol messages. Every message starts with a
// 16-byte header: messageLength, requestID, responseTo, opCode (int32, LE).
const (
	headerLen = 16
	// maxMsgLen matches FerretDB's own limit (wire.MaxMsgLen, 48 MB).
	maxMsgLen = 48_000_000

	opReply = 1
	opQuery = 2004
	opMsg   = 2013

	flagChecksumPresent = 1 << 0
	flagMoreToCome      = 1 << 1
)

var errBadLength = errors.New("invalid message length")

// message is one complete wire message, header included.
type message []byte

// readMessage reads exactly one message, however many reads that takes.
func readMessage(r io.Reader) (message, error) {
	var size [4]byte
	if _, err := io.ReadFull(r, size[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(size[:])))
	if n < headerLen || n > maxMsgLen {
		return nil, fmt.Errorf("%w: %d", errBadLength, n)
	}
	m := make(message, n)
	copy(m, size[:])
	if _, err := io.ReadFull(r, m[4:]); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return m, nil
}

func (m message) int32At(off int) int32 {
	return int32(binary.LittleEndian.Uint32(m[off : off+4]))
}

func (m message) requestID() int32  { return m.int32At(4) }
func (m message) responseTo() int32 { return m.int32At(8) }
func (m message) opCode() int32     { return m.int32At(12) }

// flags returns OP_MSG flag bits, 0 for other opcodes.
func (m message) flags() uint32 {
	if m.opCode() != opMsg || len(m) < headerLen+4 {
		return 0
	}
	return uint32(m.int32At(16))
}

// moreToCome tells that the sender expects no reply (requests) or that more
// replies follow without a request (exhaust replies).
func (m message) moreToCome() bool { return m.flags()&flagMoreToCome != 0 }

// pingMessage builds OP_MSG {ping: 1, $db: "admin"} with the given request id.
func pingMessage(requestID int32) message {
	doc := []byte{0, 0, 0, 0}
	doc = append(doc, 0x10)
	doc = append(doc, "ping\x00"...)
	doc = binary.LittleEndian.AppendUint32(doc, 1)
	doc = append(doc, 0x02)
	doc = append(doc, "$db\x00"...)
	doc = binary.LittleEndian.AppendUint32(doc, uint32(len("admin")+1))
	doc = append(doc, "admin\x00"...)
	doc = append(doc, 0x00)
	binary.LittleEndian.PutUint32(doc, uint32(len(doc)))

	m := make(message, headerLen, headerLen+5+len(doc))
	binary.LittleEndian.PutUint32(m[4:], uint32(requestID))
	binary.LittleEndian.PutUint32(m[12:], opMsg)
	m = binary.LittleEndian.AppendUint32(m, 0) // flags
	m = append(m, 0)                           // section kind 0: body
	m = append(m, doc...)
	binary.LittleEndian.PutUint32(m, uint32(len(m)))
	return m
}
