package main

import "encoding/binary"

// Helpers that build raw wire messages for the tests.

func bsonDoc(firstKey string) []byte {
	d := []byte{0, 0, 0, 0, 0x10}
	d = append(d, firstKey+"\x00"...)
	d = binary.LittleEndian.AppendUint32(d, 1)
	d = append(d, 0)
	binary.LittleEndian.PutUint32(d, uint32(len(d)))
	return d
}

func withHeader(opCode int32, body []byte) message {
	m := make(message, headerLen, headerLen+len(body))
	binary.LittleEndian.PutUint32(m[4:], 42)
	binary.LittleEndian.PutUint32(m[12:], uint32(opCode))
	m = append(m, body...)
	binary.LittleEndian.PutUint32(m, uint32(len(m)))
	return m
}

func opMsgWith(flags uint32, sections ...[]byte) message {
	body := binary.LittleEndian.AppendUint32(nil, flags)
	for _, s := range sections {
		body = append(body, s...)
	}
	return withHeader(opMsg, body)
}

func bodySection(command string) []byte { return append([]byte{0}, bsonDoc(command)...) }

func sequenceSection(id string, docs ...[]byte) []byte {
	s := []byte{1, 0, 0, 0, 0}
	s = append(s, id+"\x00"...)
	for _, d := range docs {
		s = append(s, d...)
	}
	binary.LittleEndian.PutUint32(s[1:], uint32(len(s)-1))
	return s
}

func opQueryWith(doc []byte) message {
	body := binary.LittleEndian.AppendUint32(nil, 0)
	body = append(body, "admin.$cmd\x00"...)
	body = binary.LittleEndian.AppendUint32(body, 0)
	body = binary.LittleEndian.AppendUint32(body, ^uint32(0))
	return withHeader(opQuery, append(body, doc...))
}
