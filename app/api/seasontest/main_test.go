package seasontest

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/api/apitest"
	"jixiao/app/auth"
	"jixiao/app/dbtest"
	"jixiao/app/seed"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

func TestMain(m *testing.M) { dbtest.Main(m, "season") }

const testPassword = "Test-Passw0rd"

// The Golmud submitters by office (as in the demo accounts), the reviewer of
// 003001, an admin, and a submitter and project of another department.
var (
	offices = map[string][]string{
		"s_xzcw":    {"63280100024R000014831", "63280100024T000000634", "63280100024T000000638", "63280100024T000000641"},
		"s_mishu":   {"63280100024T000000639"},
		"s_zonghe2": {"63280100024T000000637"},
		"s_ducha":   {"63280100024T000000700", "63280100024T000000702"},
		"s_jingji":  {"63280100024T000000642"},
		"s_xinxi":   {"63280100024T000000703", "63280100024T000000704", "63280100024T000000705"},
	}
	// ownerOf is the submitter of each Golmud project.
	ownerOf = func() map[string]string {
		m := map[string]string{}
		for u, ps := range offices {
			for _, p := range ps {
				m[p] = u
			}
		}
		return m
	}()
)

const (
	reviewer        = "s_reviewer"
	admin           = "s_admin"
	otherSubmitter  = "s_other"
	otherDepartment = "999001"
	otherProject    = "99900100024T000000001"
)

var (
	seedOnce sync.Once
	tokens   = map[string]string{}
)

// env is the router on the package's database with a token per user.
type env struct {
	e  *echo.Echo
	st *store.Store
}

// newEnv seeds the Golmud data, a second department and the users once,
// signs each user in, and returns the router built with d.
func newEnv(t *testing.T, d apitest.Options) *env {
	t.Helper()
	st := dbtest.Open(t)
	if d.Security == nil {
		// the season is tested without second factors (the sign-in steps
		// are app/api's security tests)
		d.Security = &user.Security{PasswordMaxAge: user.DefaultSecurity.PasswordMaxAge, IdleLimit: user.DefaultSecurity.IdleLimit}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e := apitest.New(st, d)
	seedOnce.Do(func() {
		ctx := context.Background()
		ds, err := seed.Golmud2024()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ds.Periods {
			if err := st.SavePeriod(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		other := ds.Projects[6]
		other.Code, other.Name = otherProject, "其他单位专项资金"
		other.Department = project.Department{Code: otherDepartment, Name: "其他单位"}
		if err := st.SaveProjects(ctx, append(ds.Projects, other)); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		accounts := []user.Account{
			{Username: reviewer, DisplayName: "审核人", Roles: []user.Role{user.Reviewer}, Departments: []string{"003001"}},
			{Username: admin, Roles: []user.Role{user.Admin}},
			{Username: otherSubmitter, Roles: []user.Role{user.Submitter}, Departments: []string{otherDepartment}, Projects: []string{otherProject}},
		}
		for u, ps := range offices {
			accounts = append(accounts, user.Account{Username: u, Roles: []user.Role{user.Submitter}, Departments: []string{"003001"}, Projects: ps})
		}
		for _, a := range accounts {
			if _, err := st.CreateUser(ctx, a, hash, audit.Entry{Actor: audit.CLI}); err != nil {
				t.Fatalf("create %s: %v", a.Username, err)
			}
			tokens[a.Username] = apitest.Login(t, e, a.Username, testPassword)
		}
	})
	return &env{e: e, st: st}
}

// do sends a JSON request as the user ("" for nobody).
func do(t *testing.T, h http.Handler, username, method, path, body string) (int, []byte) {
	t.Helper()
	return apitest.Do(t, h, tokens[username], method, path, body)
}

// as sends a JSON request as the user.
func (v *env) as(t *testing.T, username, method, path, body string) (int, []byte) {
	t.Helper()
	return do(t, v.e, username, method, path, body)
}

// must sends a request and fails the test unless the status is want.
func (v *env) must(t *testing.T, want int, username, method, path, body string) []byte {
	t.Helper()
	status, resp := v.as(t, username, method, path, body)
	if status != want {
		t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, username, status, want, resp)
	}
	return resp
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	return apitest.Decode[T](t, body)
}

func reportPath(code, period string) string { return "/api/v1/projects/" + code + "/reports/" + period }

type indicatorJSON struct {
	ID      int64  `json:"id"`
	Nature  string `json:"nature"`
	Target  string `json:"target"`
	Kind    string `json:"kind"`
	Accrual string `json:"accrual"`
}

// fillComplete saves a report with every line on target (at mid-year, m/12
// of a cumulative target to date and the full target projected) and the
// budget executed in step with time, so that it can be submitted. It
// returns the saved version.
func (v *env) fillComplete(t *testing.T, code, period string) int {
	t.Helper()
	owner := ownerOf[code]
	if code == otherProject {
		owner = otherSubmitter
	}
	p := decode[struct {
		Budget     string          `json:"budget"`
		Indicators []indicatorJSON `json:"indicators"`
	}](t, v.must(t, http.StatusOK, owner, http.MethodGet, "/api/v1/projects/"+code, ""))
	cur := decode[struct {
		Version int `json:"version"`
	}](t, v.must(t, http.StatusOK, owner, http.MethodGet, reportPath(code, period), ""))
	final := !strings.Contains(period, "-")
	budget := decimal.RequireFromString(p.Budget)
	// the share of the year to date: m/12 (1 for the annual period)
	share := decimal.NewFromInt(1)
	if !final {
		m, _ := strconv.Atoi(period[5:])
		share = decimal.NewFromInt(int64(m)).Div(decimal.NewFromInt(12))
	}
	lines := []map[string]any{}
	for _, in := range p.Indicators {
		l := map[string]any{"indicator_id": in.ID}
		switch in.Kind {
		case "qualitative":
			l["band"] = "achieved"
		case "deadline":
			if final {
				l["completed_on"] = "2024-12-01"
			} else {
				l["likelihood"] = "certain"
			}
		default:
			target := decimal.RequireFromString(strings.TrimSpace(in.Target))
			l["value"] = target.String()
			if !final {
				if in.Accrual == "cumulative" {
					l["value"] = target.Mul(share).RoundCeil(4).String()
				}
				l["projected"] = target.String()
				l["likelihood"] = "certain"
			}
		}
		lines = append(lines, l)
	}
	b := map[string]any{"executed": budget.String()}
	if !final {
		b = map[string]any{"executed": budget.Mul(share).RoundCeil(2).StringFixed(2), "projected": budget.String()}
	}
	body, _ := json.Marshal(map[string]any{"version": cur.Version, "budget": b, "lines": lines})
	saved := decode[struct {
		Version int `json:"version"`
	}](t, v.must(t, http.StatusOK, owner, http.MethodPut, reportPath(code, period), string(body)))
	return saved.Version
}

// submitComplete fills a report and submits it as its owner.
func (v *env) submitComplete(t *testing.T, code, period string) {
	t.Helper()
	v.fillComplete(t, code, period)
	owner := ownerOf[code]
	if code == otherProject {
		owner = otherSubmitter
	}
	v.must(t, http.StatusOK, owner, http.MethodPost, reportPath(code, period)+"/submit", "")
}

// statusOf reads a report's status as the reviewer.
func (v *env) statusOf(t *testing.T, code, period string) string {
	t.Helper()
	return decode[struct {
		Status string `json:"status"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, reportPath(code, period), "")).Status
}

// errorCode is the code of an error body.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	return decode[struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}](t, body).Error.Code
}

var hashPassword = auth.HashPassword
