package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// userCmd manages users: "user add" creates one, "user password" sets one's
// password; both read the password from standard input so that it appears
// in no process list or shell history.
func userCmd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) > 0 && args[0] == "password" {
		return userPassword(ctx, cfg, args[1:], stdin, stdout, log)
	}
	if len(args) == 0 || args[0] != "add" {
		return usageError("user: 应为 \"user add\" 或 \"user password\"")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "", "submitter, reviewer, supervisor, admin or auditor")
	department := fs.String("department", "", "the submitter's department, or the departments a reviewer reviews (comma-separated)")
	projects := fs.String("projects", "", "the projects a submitter is assigned (comma-separated codes)")
	displayName := fs.String("display-name", "", "the name shown to people")
	passwordStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError("user add: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("user add: 多余的参数 " + fs.Arg(0))
	}
	if *username == "" || *role == "" {
		return usageError("user add: 需要 --username 和 --role")
	}
	if !*passwordStdin {
		return usageError("user add: 需要 --password-stdin（密码从标准输入读取）")
	}
	r, err := user.ParseRole(*role)
	if err != nil {
		return usageError("user add: --role 应为 submitter、reviewer、supervisor、admin 或 auditor")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	hash, err := auth.NewPasswordHash(password)
	if err != nil {
		return describe("user add", err)
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a := user.Account{
		Username: *username, DisplayName: *displayName, Roles: []user.Role{r},
		Departments: splitCodes(*department), Projects: splitCodes(*projects),
		// a password set from the command line is changed at its first use
		MustChangePassword: true,
	}
	created, err := st.CreateUser(ctx, a, hash, audit.Entry{Actor: audit.CLI})
	if err != nil {
		return describe("user add", err)
	}
	fmt.Fprintf(stdout, "created user %s (%s)\n", created.Username, created.Roles[0])
	return nil
}

// readPassword reads the first line of r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageError("标准输入中没有密码（--password-stdin 从标准输入读取一行作为密码）")
	}
	return line, nil
}

// splitCodes reads a comma-separated list, ignoring spaces and empty items.
func splitCodes(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// userPassword sets a user's password and ends their sessions: how an
// operator recovers a lost one (the demo passwords are printed once only).
func userPassword(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("user password", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "login name")
	passwordStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args); err != nil {
		return usageError("user password: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("user password: 多余的参数 " + fs.Arg(0))
	}
	if *username == "" || !*passwordStdin {
		return usageError("user password: 需要 --username 和 --password-stdin（新密码从标准输入读取）")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	hash, err := auth.NewPasswordHash(password)
	if err != nil {
		return describe("user password", err)
	}
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.SetPassword(ctx, *username, hash, time.Now(), nil, audit.Entry{Actor: audit.CLI})
	if errors.Is(err, user.ErrNotFound) {
		return fmt.Errorf("user password: 用户不存在：%s", *username)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "password of %s set; their sessions have ended\n", a.Username)
	return nil
}

// describe turns a validation error into one sentence naming the options.
func describe(cmd string, err error) error {
	var ve *user.ValidationError
	if !errors.As(err, &ve) {
		if errors.Is(err, user.ErrExists) {
			return errors.New(cmd + ": 用户名已存在")
		}
		return err
	}
	var parts []string
	for _, f := range []struct{ field, flag string }{
		{"username", "--username"}, {"display_name", "--display-name"}, {"password", "密码"},
		{"roles", "--role"}, {"departments", "--department"}, {"projects", "--projects"},
	} {
		if msg, ok := ve.Fields[f.field]; ok {
			parts = append(parts, f.flag+" "+msg)
		}
	}
	return errors.New(cmd + ": 输入有误：" + strings.Join(parts, "；"))
}
