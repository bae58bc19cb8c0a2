package seed

import (
	"context"
	"errors"
	"fmt"
	"io"

	"jixiao/app/auth"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// FinanceBureau is the department of the demo reviewer, 格尔木市财政局. Its
// code is ours (the disclosure gives none); it runs no project in the data.
var FinanceBureau = project.Department{Code: "009001", Name: "格尔木市财政局"}

// DemoUsers are the demo accounts of the Golmud data, without passwords:
// one submitter for each office (科室) of 格尔木市人民政府办公室 that runs
// projects, with the projects it runs; the finance bureau's reviewer of
// 003001; an administrator and an auditor. The assignment of projects to
// offices is documented in the README ("Demo accounts").
func DemoUsers() []user.Account {
	const office = "003001"
	submitter := func(username, name string, projects ...string) user.Account {
		return user.Account{Username: username, DisplayName: name, Roles: []user.Role{user.Submitter},
			Departments: []string{office}, Projects: projects}
	}
	return []user.Account{
		submitter("xzcw", "行政财务科（机关事务管理科）",
			"63280100024R000014831", "63280100024T000000634", "63280100024T000000638", "63280100024T000000641"),
		submitter("mishu", "秘书科", "63280100024T000000639"),
		submitter("zonghe2", "综合二科", "63280100024T000000637"),
		submitter("ducha", "督查室（信访科）", "63280100024T000000700", "63280100024T000000702"),
		submitter("jingji", "经济发展研究室（金融工作科）", "63280100024T000000642"),
		submitter("xinxi", "信息技术科", "63280100024T000000703", "63280100024T000000704", "63280100024T000000705"),
		{Username: "reviewer", DisplayName: "格尔木市财政局绩效审核人", Roles: []user.Role{user.Reviewer}, Departments: []string{office}},
		{Username: "admin", DisplayName: "系统管理员", Roles: []user.Role{user.Admin}},
		{Username: "auditor", DisplayName: "审计员", Roles: []user.Role{user.Auditor}},
	}
}

// EnsureDemoUsers creates the finance bureau's department and every demo
// account that does not exist yet, as the actor "cli". The password of each
// new account comes from password (the same one for all, from the
// environment) or, when it is "", is generated and printed to out once;
// existing accounts are left alone and reported as "exists". It expects the
// Golmud data to be seeded.
func EnsureDemoUsers(ctx context.Context, st *store.Store, password string, out io.Writer) error {
	entry := audit.Entry{Actor: audit.CLI}
	if _, err := st.EnsureDepartment(ctx, FinanceBureau.Code, FinanceBureau.Name, entry); err != nil {
		return err
	}
	if password != "" {
		if err := user.ValidatePassword(password); err != nil {
			return fmt.Errorf("JIXIAO_DEMO_PASSWORD: %w", err)
		}
	}
	for _, a := range DemoUsers() {
		_, err := st.GetUser(ctx, a.Username)
		if err == nil {
			fmt.Fprintf(out, "%-9s exists\n", a.Username)
			continue
		}
		if !errors.Is(err, user.ErrNotFound) {
			return err
		}
		pw, generated := password, false
		if pw == "" {
			if pw, err = GeneratePassword(); err != nil {
				return err
			}
			generated = true
		}
		hash, err := auth.NewPasswordHash(pw)
		if err != nil {
			return err
		}
		if _, err := st.CreateUser(ctx, a, hash, entry); err != nil {
			if errors.Is(err, user.ErrExists) { // created meanwhile by another run
				fmt.Fprintf(out, "%-9s exists\n", a.Username)
				continue
			}
			return err
		}
		if generated {
			fmt.Fprintf(out, "%-9s created  %-9s password %s\n", a.Username, a.Roles[0], pw)
		} else {
			fmt.Fprintf(out, "%-9s created  %-9s password from JIXIAO_DEMO_PASSWORD\n", a.Username, a.Roles[0])
		}
	}
	return nil
}

// GeneratePassword returns a random password that meets the policy: 16
// base64url characters (96 bits) with a hyphen in the middle, drawn again
// in the rare case that they miss a class.
func GeneratePassword() (string, error) {
	for {
		a, err := auth.NewToken()
		if err != nil {
			return "", err
		}
		pw := a[:8] + "-" + a[8:16]
		if user.ValidatePassword(pw) == nil {
			return pw, nil
		}
	}
}
