package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// HashSize is the length of a chain hash (SHA-256) in bytes.
const HashSize = sha256.Size

// Genesis is the "previous hash" of the first row of the chain.
var Genesis = make([]byte, HashSize)

// Link is one audit row as the hash chain sees it: its content exactly as
// stored (JSON documents in their stored text form, nil when NULL) with its
// place in the chain and the hashes stored with it.
type Link struct {
	Seq        int64
	ID         int64
	At         time.Time
	Actor      string
	ActorID    *int64
	IP         string
	Action     string
	ObjectType string
	ObjectID   string
	Status     int
	Before     *string
	After      *string
	Detail     *string
	PrevHash   []byte
	Hash       []byte
}

// Content is the byte string the row's hash covers. It must match
// audit_row_hash in migrations/00009_security.sql: "jixiao-audit-v1|", then
// each field as "<bytes>:<text>|" ("~|" for NULL), the instant in whole
// microseconds since 1970.
func (l Link) Content() []byte {
	var b bytes.Buffer
	b.WriteString("jixiao-audit-v1|")
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
		b.WriteByte('|')
	}
	optional := func(s *string) {
		if s == nil {
			b.WriteString("~|")
			return
		}
		field(*s)
	}
	field(strconv.FormatInt(l.Seq, 10))
	field(strconv.FormatInt(l.ID, 10))
	field(strconv.FormatInt(l.At.UnixMicro(), 10))
	field(l.Actor)
	if l.ActorID == nil {
		optional(nil)
	} else {
		field(strconv.FormatInt(*l.ActorID, 10))
	}
	field(l.IP)
	field(l.Action)
	field(l.ObjectType)
	field(l.ObjectID)
	field(strconv.Itoa(l.Status))
	optional(l.Before)
	optional(l.After)
	optional(l.Detail)
	return b.Bytes()
}

// ComputeHash is SHA-256 of prev followed by the row's content.
func (l Link) ComputeHash(prev []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	h.Write(l.Content())
	return h.Sum(nil)
}

// Break says where and why a chain stops holding.
type Break struct {
	Seq    int64
	ID     int64
	Reason string // Chinese, for people
}

// Error names the row and the reason, for people.
func (b *Break) Error() string {
	return fmt.Sprintf("审计链在第 %d 条（id %d）处断开：%s", b.Seq, b.ID, b.Reason)
}

// ChainCheck walks a chain one link at a time in seq order and finds the
// first link that breaks it: a hash that does not match the content (the
// row was changed), a previous hash that is not the hash of the row before
// (a row before it was changed, removed or inserted), or a gap in seq.
type ChainCheck struct {
	// Count is the number of links checked so far.
	Count int64
	// Last is the last link checked; its Hash is the chain's end so far.
	Last Link
	// anchored: the first link's seq and previous hash are taken as given
	// (a chain exported from the middle), unless it is seq 1; otherwise the
	// chain must start at seq 1 from Genesis.
	anchored bool
}

// NewChainCheck checks a chain from its start (seq 1, previous hash Genesis).
func NewChainCheck() *ChainCheck { return &ChainCheck{} }

// NewAnchoredChainCheck checks a chain that may start anywhere: its first
// link's seq and previous hash are taken as given.
func NewAnchoredChainCheck() *ChainCheck { return &ChainCheck{anchored: true} }

// Next checks one more link; the first break is returned, nil while the
// chain holds.
func (c *ChainCheck) Next(l Link) *Break {
	brk := func(reason string) *Break { return &Break{Seq: l.Seq, ID: l.ID, Reason: reason} }
	wantPrev := Genesis
	wantSeq := int64(1)
	if c.Count > 0 {
		wantPrev, wantSeq = c.Last.Hash, c.Last.Seq+1
	} else if c.anchored && l.Seq > 1 {
		wantPrev, wantSeq = l.PrevHash, l.Seq
	}
	switch {
	case l.Seq != wantSeq:
		return brk(fmt.Sprintf("序号应为 %d（其前的记录缺失或顺序被改动）", wantSeq))
	case !bytes.Equal(l.PrevHash, wantPrev):
		return brk("所记的前一条哈希与前一条记录不符（其前的记录被改动、删除或插入）")
	case !bytes.Equal(l.ComputeHash(l.PrevHash), l.Hash):
		return brk("内容与其哈希不符（该记录被改动）")
	}
	c.Count++
	c.Last = l
	return nil
}

// HexHash is a hash as people and files read it.
func HexHash(h []byte) string { return hex.EncodeToString(h) }
