// Package backup backs up and restores the database with PostgreSQL's own
// pg_dump and pg_restore in their custom archive format, after checking that
// the tools are of a version that can read the server and the archive.
package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Tools says where pg_dump and pg_restore are.
type Tools struct {
	// Dir holds pg_dump and pg_restore; empty looks them up in PATH.
	Dir string
	// Timeout bounds one run of a tool; zero means an hour.
	Timeout time.Duration
}

func (t Tools) path(name string) string {
	if t.Dir == "" {
		return name
	}
	return filepath.Join(t.Dir, name)
}

func (t Tools) timeout() time.Duration {
	if t.Timeout <= 0 {
		return time.Hour
	}
	return t.Timeout
}

// Version is a PostgreSQL version as tools and servers print it.
type Version struct {
	Major int
	Text  string // "15.20"
}

var versionPattern = regexp.MustCompile(`(\d+)(\.\d+)?`)

// ParseVersion reads the first version number in s ("pg_dump (PostgreSQL)
// 15.20 (Debian 15.20-0+deb12u1)" → 15, "15.20").
func ParseVersion(s string) (Version, error) {
	m := versionPattern.FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("no version number in %q", s)
	}
	major, err := strconv.Atoi(m[1])
	if err != nil {
		return Version{}, fmt.Errorf("version %q: %w", s, err)
	}
	return Version{Major: major, Text: m[0]}, nil
}

// ToolVersion runs "<tool> --version".
func (t Tools) ToolVersion(ctx context.Context, tool string) (Version, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, t.path(tool), "--version").Output()
	if err != nil {
		return Version{}, fmt.Errorf("找不到可用的 %s（%v）：请安装 PostgreSQL 客户端，或用 JIXIAO_PG_BIN 指明其目录", tool, err)
	}
	v, err := ParseVersion(strings.TrimPrefix(strings.TrimSpace(string(out)), tool))
	if err != nil {
		return Version{}, fmt.Errorf("%s --version: %w", tool, err)
	}
	return v, nil
}

// connection turns a postgres:// URL into a libpq URL without the password
// (kept out of the process list) and the environment that carries it.
// Only parameters libpq knows are passed on.
func connection(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, errors.New("DATABASE_URL must be a postgres:// URL")
	}
	env := os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
		}
		u.User = url.User(u.User.Username())
	}
	q := url.Values{}
	for k, v := range u.Query() {
		switch k {
		case "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name", "target_session_attrs", "options":
			q[k] = v
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), env, nil
}

// run runs a tool with the connection's environment; its standard error
// becomes the error's text.
func (t Tools) run(ctx context.Context, env []string, tool string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, t.path(tool), args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = msg[:2000] + "…"
		}
		return nil, fmt.Errorf("%s: %v: %s", tool, err, msg)
	}
	return stdout.Bytes(), nil
}

// Archive is what the header of a custom-format archive says.
type Archive struct {
	DumpedFrom Version // the server's version
	DumpedBy   Version // pg_dump's version
	Entries    int     // table of contents entries
}

// Inspect reads an archive's table of contents with pg_restore --list.
func (t Tools) Inspect(ctx context.Context, file string) (Archive, error) {
	out, err := t.run(ctx, os.Environ(), "pg_restore", "--list", file)
	if err != nil {
		return Archive{}, fmt.Errorf("%s 不是可读的 pg_dump 自定义格式备份：%w", file, err)
	}
	var a Archive
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, "Dumped from database version:"):
			a.DumpedFrom, err = ParseVersion(line[strings.Index(line, ":")+1:])
		case strings.Contains(line, "Dumped by pg_dump version:"):
			a.DumpedBy, err = ParseVersion(line[strings.Index(line, ":")+1:])
		case line != "" && !strings.HasPrefix(line, ";"):
			a.Entries++
		}
		if err != nil {
			return Archive{}, fmt.Errorf("%s: %w", file, err)
		}
	}
	if a.DumpedFrom.Major == 0 || a.DumpedBy.Major == 0 {
		return Archive{}, fmt.Errorf("%s: 备份文件头中没有 PostgreSQL 版本", file)
	}
	return a, nil
}

// Dump writes the database of dsn, whose server is at version server, to
// file in pg_dump's custom format. It writes next to file first and renames
// once the archive is complete and readable, so that file is never half a
// backup. It returns the file's SHA-256.
func (t Tools) Dump(ctx context.Context, dsn string, server Version, file string) (Archive, []byte, error) {
	tool, err := t.ToolVersion(ctx, "pg_dump")
	if err != nil {
		return Archive{}, nil, err
	}
	if tool.Major < server.Major {
		return Archive{}, nil, fmt.Errorf("pg_dump %s 不能备份 PostgreSQL %s 的服务器：请使用 %d 或更新版本的 pg_dump（JIXIAO_PG_BIN）",
			tool.Text, server.Text, server.Major)
	}
	conn, env, err := connection(dsn)
	if err != nil {
		return Archive{}, nil, err
	}
	partial := file + ".partial"
	defer os.Remove(partial)
	if _, err := t.run(ctx, env, "pg_dump", "--format=custom", "--file="+partial, "--dbname="+conn); err != nil {
		return Archive{}, nil, err
	}
	a, err := t.Inspect(ctx, partial)
	if err != nil {
		return Archive{}, nil, err
	}
	// the archive holds password hashes and sealed secrets: owner only
	if err := os.Chmod(partial, 0o600); err != nil {
		return Archive{}, nil, fmt.Errorf("backup: %w", err)
	}
	sum, err := syncAndHash(partial)
	if err != nil {
		return Archive{}, nil, err
	}
	if err := os.Rename(partial, file); err != nil {
		return Archive{}, nil, fmt.Errorf("backup: %w", err)
	}
	return a, sum, nil
}

// CheckRestore checks that pg_restore can read the archive and that the
// target server is not older than the one it was dumped from.
func (t Tools) CheckRestore(ctx context.Context, file string, server Version) (Archive, error) {
	tool, err := t.ToolVersion(ctx, "pg_restore")
	if err != nil {
		return Archive{}, err
	}
	a, err := t.Inspect(ctx, file)
	if err != nil {
		return Archive{}, err
	}
	if tool.Major < a.DumpedBy.Major {
		return Archive{}, fmt.Errorf("备份由 pg_dump %s 写成，pg_restore %s 读不了：请使用 %d 或更新版本的 pg_restore（JIXIAO_PG_BIN）",
			a.DumpedBy.Text, tool.Text, a.DumpedBy.Major)
	}
	if server.Major < a.DumpedFrom.Major {
		return Archive{}, fmt.Errorf("备份来自 PostgreSQL %s，不能恢复到较旧的 PostgreSQL %s", a.DumpedFrom.Text, server.Text)
	}
	return a, nil
}

// Restore loads an archive into the database of dsn in one transaction:
// all of it or nothing. keepOwners restores the owners and privileges
// recorded in the archive (the same roles must exist); otherwise the
// restoring role owns everything.
func (t Tools) Restore(ctx context.Context, dsn, file string, keepOwners bool) error {
	conn, env, err := connection(dsn)
	if err != nil {
		return err
	}
	args := []string{"--exit-on-error", "--single-transaction", "--dbname=" + conn}
	if !keepOwners {
		args = append(args, "--no-owner", "--no-privileges")
	}
	_, err = t.run(ctx, env, "pg_restore", append(args, file)...)
	return err
}

// FileHash is the SHA-256 of a file.
func FileHash(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

func syncAndHash(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return nil, err
	}
	return FileHash(path)
}

// Hex is a hash as people read it.
func Hex(h []byte) string { return hex.EncodeToString(h) }
