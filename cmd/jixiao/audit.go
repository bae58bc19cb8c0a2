package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/audit"
)

// auditLine is one row of an audit export: JSON lines, one row per line in
// chain order. JSON documents are kept as the exact text that was hashed.
type auditLine struct {
	Seq        int64     `json:"seq"`
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	Actor      string    `json:"actor"`
	ActorID    *int64    `json:"actor_id"`
	IP         string    `json:"ip"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	Status     int       `json:"status"`
	Before     *string   `json:"before"`
	After      *string   `json:"after"`
	Detail     *string   `json:"detail"`
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

func lineOf(l audit.Link) auditLine {
	return auditLine{
		Seq: l.Seq, ID: l.ID, At: l.At.UTC(), Actor: l.Actor, ActorID: l.ActorID, IP: l.IP, Action: l.Action,
		ObjectType: l.ObjectType, ObjectID: l.ObjectID, Status: l.Status, Before: l.Before, After: l.After,
		Detail: l.Detail, PrevHash: audit.HexHash(l.PrevHash), Hash: audit.HexHash(l.Hash),
	}
}

func (a auditLine) link() (audit.Link, error) {
	l := audit.Link{
		Seq: a.Seq, ID: a.ID, At: a.At, Actor: a.Actor, ActorID: a.ActorID, IP: a.IP, Action: a.Action,
		ObjectType: a.ObjectType, ObjectID: a.ObjectID, Status: a.Status, Before: a.Before, After: a.After, Detail: a.Detail,
	}
	var err error
	if l.PrevHash, err = hex.DecodeString(a.PrevHash); err != nil || len(l.PrevHash) != audit.HashSize {
		return l, fmt.Errorf("prev_hash 不是 64 位十六进制")
	}
	if l.Hash, err = hex.DecodeString(a.Hash); err != nil || len(l.Hash) != audit.HashSize {
		return l, fmt.Errorf("hash 不是 64 位十六进制")
	}
	return l, nil
}

// auditCmd verifies the audit hash chain and exports it for off-site keeping.
func auditCmd(ctx context.Context, cfg config.Config, args []string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError(`audit: want "audit verify" or "audit export"`)
	}
	switch args[0] {
	case "verify":
		fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		file := fs.String("file", "", "verify an exported file instead of the database")
		compare := fs.Bool("compare", false, "with --file: also check that the database still holds the exported rows")
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
			return usageError("audit verify [--file F [--compare]]")
		}
		if *file == "" {
			st, err := openMigrated(ctx, cfg, log)
			if err != nil {
				return err
			}
			defer st.Close()
			return verifyDatabase(ctx, st, stdout)
		}
		last, err := verifyFile(*file, stdout)
		if err != nil || !*compare || last == nil {
			return err
		}
		st, err := openMigrated(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := verifyDatabase(ctx, st, stdout); err != nil {
			return err
		}
		// the chain in the database holds, so one equal hash means every row
		// up to it is the same as in the file
		h, err := st.AuditHashAt(ctx, last.Seq)
		if err != nil {
			return err
		}
		if !bytes.Equal(h, last.Hash) {
			return fmt.Errorf("数据库中第 %d 条记录的哈希与导出文件不符：导出后审计记录被改写", last.Seq)
		}
		fmt.Fprintf(stdout, "数据库与导出文件一致（至第 %d 条）\n", last.Seq)
		return nil
	case "export":
		fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		since := fs.String("since", "", "the first day (YYYY-MM-DD, local time) or instant (RFC 3339) to export")
		out := fs.String("out", "", "the file to write (default standard output)")
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || *since == "" {
			return usageError("audit export --since DATE [--out FILE]")
		}
		from, err := parseSince(*since)
		if err != nil {
			return err
		}
		st, err := openMigrated(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer st.Close()
		return exportAudit(ctx, st, from, *out, stdout)
	}
	return usageError(fmt.Sprintf("audit: unknown subcommand %q", args[0]))
}

func parseSince(s string) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError(fmt.Sprintf("audit export: --since %q is not a date such as 2024-07-01", s))
}

func verifyDatabase(ctx context.Context, st *store.Store, stdout io.Writer) error {
	v, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if v.Break != nil {
		return v.Break
	}
	fmt.Fprintf(stdout, "审计链完整：%d 条记录，链头第 %d 条，哈希 %s\n", v.Rows, v.HeadSeq, audit.HexHash(v.HeadHash))
	return nil
}

func exportAudit(ctx context.Context, st *store.Store, since time.Time, path string, stdout io.Writer) (err error) {
	w := stdout
	var f *os.File
	if path != "" {
		if f, err = os.OpenFile(path+".partial", os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			return fmt.Errorf("写不了导出文件 %s：%v", path, err)
		}
		defer func() {
			if err != nil {
				f.Close()
				os.Remove(path + ".partial")
			}
		}()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n, err := st.ExportAudit(ctx, since, func(l audit.Link) error { return enc.Encode(lineOf(l)) })
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("audit export: %w", err)
	}
	if f != nil {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("audit export: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("audit export: %w", err)
		}
		if err := os.Rename(path+".partial", path); err != nil {
			return fmt.Errorf("audit export: %w", err)
		}
		fmt.Fprintf(stdout, "已导出 %d 条审计记录到 %s\n", n, path)
	}
	return nil
}

// maxAuditLine bounds one line of an export file (a row with its documents).
const maxAuditLine = 16 << 20

// verifyFile checks an exported file: each row's hash against its content
// and each row's link to the one before. The first row's previous hash is
// taken as given (an export may start anywhere); compare it with the
// database or an earlier export. It returns the last row, nil for an empty file.
func verifyFile(path string, stdout io.Writer) (*audit.Link, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("读不了导出文件 %s：%v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxAuditLine)
	check := audit.NewAnchoredChainCheck()
	var first int64
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var a auditLine
		if err := dec.Decode(&a); err != nil {
			return nil, fmt.Errorf("导出文件第 %d 行不是有效的审计记录：%v", n, err)
		}
		l, err := a.link()
		if err != nil {
			return nil, fmt.Errorf("导出文件第 %d 行：%v", n, err)
		}
		if brk := check.Next(l); brk != nil {
			return nil, fmt.Errorf("导出文件第 %d 行：%w", n, brk)
		}
		if n == 1 {
			first = l.Seq
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("导出文件有一行超过 %d 字节", maxAuditLine)
		}
		return nil, fmt.Errorf("读导出文件 %s 时出错：%v", path, err)
	}
	if check.Count == 0 {
		fmt.Fprintln(stdout, "导出文件为空")
		return nil, nil
	}
	fmt.Fprintf(stdout, "导出文件完整：%d 条记录（第 %d–%d 条），末条哈希 %s\n", check.Count, first, check.Last.Seq, audit.HexHash(check.Last.Hash))
	last := check.Last
	return &last, nil
}
