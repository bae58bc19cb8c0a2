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

	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// userCmd manages users: "user add" creates one, reading the password from
// standard input so that it appears in no process list or shell history.
func userCmd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError("user: want \"user add\"")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "", "submitter, reviewer, admin or auditor")
	department := fs.String("department", "", "the submitter's department, or the departments a reviewer reviews (comma-separated)")
	projects := fs.String("projects", "", "the projects a submitter is assigned (comma-separated codes)")
	displayName := fs.String("display-name", "", "the name shown to people")
	passwordStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError("user add: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("user add: unexpected argument " + fs.Arg(0))
	}
	if *username == "" || *role == "" {
		return usageError("user add: --username and --role are required")
	}
	if !*passwordStdin {
		return usageError("user add: --password-stdin is required (the password is read from standard input)")
	}
	r, err := user.ParseRole(*role)
	if err != nil {
		return usageError("user add: --role must be submitter, reviewer, admin or auditor")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	hash, err := auth.NewPasswordHash(password)
	if err != nil {
		return describe(err)
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
		return describe(err)
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
		return "", usageError("user add: no password on standard input")
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

// describe turns a validation error into a line per field for the terminal.
func describe(err error) error {
	var ve *user.ValidationError
	if !errors.As(err, &ve) {
		if errors.Is(err, user.ErrExists) {
			return errors.New("user add: 用户名已存在")
		}
		return err
	}
	var b strings.Builder
	b.WriteString("user add: 输入有误")
	for _, f := range []struct{ field, flag string }{
		{"username", "--username"}, {"display_name", "--display-name"}, {"password", "password"},
		{"roles", "--role"}, {"departments", "--department"}, {"projects", "--projects"},
	} {
		if msg, ok := ve.Fields[f.field]; ok {
			fmt.Fprintf(&b, "\n  %s: %s", f.flag, msg)
		}
	}
	return errors.New(b.String())
}
