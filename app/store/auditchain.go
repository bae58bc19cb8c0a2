package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"

	"jixiao/domain/audit"
)

// chainBatch is how many audit rows one query of a walk reads.
const chainBatch = 1000

// AuditVerification is the outcome of walking the audit hash chain.
type AuditVerification struct {
	// Rows is the number of rows that held before the break (all when none).
	Rows int64
	// HeadSeq and HeadHash are the chain's end as the database records it.
	HeadSeq  int64
	HeadHash []byte
	// Break is the first row that breaks the chain; nil when it holds.
	Break *audit.Break
}

const linkSelect = `SELECT seq, id, at, actor, actor_id, ip, action, object_type, object_id, status,
	before::text, after::text, detail::text, prev_hash, hash FROM audit_log`

func scanLinks(rows *sql.Rows) ([]audit.Link, error) {
	defer rows.Close()
	var out []audit.Link
	for rows.Next() {
		var l audit.Link
		var actorID sql.NullInt64
		if err := rows.Scan(&l.Seq, &l.ID, &l.At, &l.Actor, &actorID, &l.IP, &l.Action, &l.ObjectType, &l.ObjectID,
			&l.Status, &l.Before, &l.After, &l.Detail, &l.PrevHash, &l.Hash); err != nil {
			return nil, err
		}
		if actorID.Valid {
			l.ActorID = &actorID.Int64
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// walkAudit reads the audit rows with seq >= from in seq order, a batch at
// a time, and hands each to fn until fn says stop or the rows end.
func (s *Store) walkAudit(ctx context.Context, from int64, fn func(audit.Link) (bool, error)) error {
	for {
		rows, err := s.sql.QueryContext(ctx, numbered(linkSelect+` WHERE seq >= ? ORDER BY seq LIMIT ?`), from, chainBatch)
		if err != nil {
			return fmt.Errorf("read audit chain: %w", err)
		}
		links, err := scanLinks(rows)
		if err != nil {
			return fmt.Errorf("read audit chain: %w", err)
		}
		for _, l := range links {
			more, err := fn(l)
			if err != nil || !more {
				return err
			}
		}
		if len(links) < chainBatch {
			return nil
		}
		from = links[len(links)-1].Seq + 1
	}
}

// sealBatch is how many audit rows one call of audit_seal links.
const sealBatch = 1000

// sealRounds bounds the calls of one SealAudit: more rows than this many
// batches are left to the next call.
const sealRounds = 1000

// SealAudit links the committed audit rows that are not yet in the hash
// chain into it (migration 00032), a batch at a time, and returns how many
// it sealed. Rows committed while it runs may be left to the next call.
func (s *Store) SealAudit(ctx context.Context) (int64, error) {
	var total int64
	for range sealRounds {
		var n int64
		if err := s.sql.QueryRowContext(ctx, numbered(`SELECT audit_seal(?)`), sealBatch).Scan(&n); err != nil {
			return total, fmt.Errorf("seal audit rows: %w", err)
		}
		total += n
		if n < sealBatch {
			break
		}
	}
	return total, nil
}

// VerifyAudit seals the rows written so far (on a standby, which takes no
// writes, its primary does), then walks the whole audit chain from its
// first row and finds the first row that breaks it, then checks that the
// chain ends where its head says (rows removed from the end).
func (s *Store) VerifyAudit(ctx context.Context) (AuditVerification, error) {
	var v AuditVerification
	if _, err := s.SealAudit(ctx); err != nil && !isReadOnly(err) {
		return v, err
	}
	if err := s.sql.QueryRowContext(ctx, `SELECT seq, hash FROM audit_chain_head`).Scan(&v.HeadSeq, &v.HeadHash); err != nil {
		return v, fmt.Errorf("read audit chain head: %w", err)
	}
	check := audit.NewChainCheck()
	// rows appended during the walk are past the head read above: the next
	// verification covers them
	err := s.walkAudit(ctx, 0, func(l audit.Link) (bool, error) {
		if l.Seq > v.HeadSeq {
			return false, nil
		}
		v.Break = check.Next(l)
		return v.Break == nil, nil
	})
	if err != nil {
		return v, err
	}
	v.Rows = check.Count
	if v.Break != nil {
		return v, nil
	}
	switch {
	case check.Last.Seq < v.HeadSeq:
		v.Break = &audit.Break{Seq: check.Last.Seq + 1, Reason: fmt.Sprintf("链头记到第 %d 条，其后的记录缺失（被删除）", v.HeadSeq)}
	case v.HeadSeq > 0 && !bytes.Equal(check.Last.Hash, v.HeadHash):
		v.Break = &audit.Break{Seq: check.Last.Seq, ID: check.Last.ID, Reason: "链头所记哈希与最后一条记录不符"}
	}
	return v, nil
}

// ExportAudit seals the rows written so far, then hands fn every audit row
// from the first one written at or after since to the end, in chain order,
// so that the rows form one unbroken piece of the chain. It returns how many
// rows it handed over.
func (s *Store) ExportAudit(ctx context.Context, since time.Time, fn func(audit.Link) error) (int64, error) {
	if _, err := s.SealAudit(ctx); err != nil {
		return 0, err
	}
	var from sql.NullInt64
	if err := s.sql.QueryRowContext(ctx, numbered(`SELECT min(seq) FROM audit_log WHERE at >= ?`), since).Scan(&from); err != nil {
		return 0, fmt.Errorf("export audit: %w", err)
	}
	if !from.Valid {
		return 0, nil
	}
	var n int64
	err := s.walkAudit(ctx, from.Int64, func(l audit.Link) (bool, error) {
		n++
		return true, fn(l)
	})
	return n, err
}

// AuditHashAt reads the hash stored with the row of a seq, to compare an
// exported copy with the database; nil when there is no such row.
func (s *Store) AuditHashAt(ctx context.Context, seq int64) ([]byte, error) {
	var h []byte
	err := s.sql.QueryRowContext(ctx, numbered(`SELECT hash FROM audit_log WHERE seq = ?`), seq).Scan(&h)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit hash at %d: %w", seq, err)
	}
	return h, nil
}
