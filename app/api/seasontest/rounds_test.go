package seasontest

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"jixiao/app/api/apitest"
)

type todoList struct {
	Items []struct {
		Kind    string `json:"kind"`
		Project struct{ Code, Name string }
		Period  string  `json:"period"`
		Due     *string `json:"due"`
		Overdue bool    `json:"overdue"`
		Link    string  `json:"link"`
		Text    string  `json:"text"`
		By      string  `json:"by"`
		ByName  string  `json:"by_name"`
		At      *string `json:"at"`
	} `json:"items"`
}

// todosOf lists the user's to-dos of a period as "kind code".
func (v *env) todosOf(t *testing.T, username, period string) []string {
	t.Helper()
	l := decode[todoList](t, v.must(t, http.StatusOK, username, http.MethodGet, "/api/v1/todos", ""))
	var out []string
	for _, it := range l.Items {
		if it.Period == period {
			out = append(out, it.Kind+" "+it.Project.Code)
			if it.Link != reportPath(it.Project.Code, it.Period)[len("/api/v1"):] || it.Project.Name == "" {
				t.Errorf("to-do %+v: link or name", it)
			}
		}
	}
	sort.Strings(out)
	return out
}

type roundBody struct {
	ID       int64  `json:"id"`
	Due      string `json:"due"`
	Status   string `json:"status"`
	Progress struct {
		Total, Filled, Submitted, Approved, Returned, Overdue int
	} `json:"progress"`
}

// TestARoundMakesToDosThatMoveToTheReviewerOnSubmit: a round for 003001
// makes a to-do for the submitter of each of its 12 projects; a submitted
// report leaves its submitter's list for the reviewer's; the round counts.
func TestARoundMakesToDosThatMoveToTheReviewerOnSubmit(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const period = "2024-06"
	due := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
	for u := range offices {
		if got := v.todosOf(t, u, period); len(got) != 0 {
			t.Fatalf("%s has to-dos before any round: %v", u, got)
		}
	}
	if status, body := v.as(t, "s_xzcw", http.MethodPost, "/api/v1/rounds", `{"period": "2024-06", "departments": ["003001"], "due": "`+due+`"}`); status != http.StatusForbidden {
		t.Fatalf("a submitter opens a round: %d %s", status, body)
	}
	otherNotes := len(v.notesOf(t, otherSubmitter))
	created := decode[roundBody](t, v.must(t, http.StatusCreated, reviewer, http.MethodPost, "/api/v1/rounds",
		`{"period": "2024-06", "departments": ["003001"], "due": "`+due+`", "note": "请按时填报"}`))
	if created.ID == 0 || created.Due != due || created.Status != "open" {
		t.Fatalf("created %+v", created)
	}
	// every submitter of the department is told, with the round's note, once
	for u := range offices {
		n := 0
		for _, note := range v.notesOf(t, u) {
			if note.Kind == "round_opened" && strings.Contains(note.Title, "2024年1–6月监控") &&
				strings.Contains(note.Body, "说明：请按时填报") && note.Link == "/mine?period=2024-06" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s has %d notices of the round, want 1", u, n)
		}
	}
	if got := len(v.notesOf(t, otherSubmitter)); got != otherNotes {
		t.Errorf("another department's submitter was told of the round: %d notices, %d before", got, otherNotes)
	}
	total := 0
	for u, projects := range offices {
		got := v.todosOf(t, u, period)
		total += len(got)
		if len(got) != len(projects) {
			t.Errorf("%s: to-dos %v, want one per project %v", u, got, projects)
		}
		for _, it := range got {
			if it[:5] != "fill " {
				t.Errorf("%s: %s is not a report to fill", u, it)
			}
		}
	}
	if total != 12 {
		t.Errorf("%d to-dos for the 12 projects", total)
	}
	// a report to fill says what the round asks and who opened it
	for u := range offices {
		l := decode[todoList](t, v.must(t, http.StatusOK, u, http.MethodGet, "/api/v1/todos", ""))
		for _, it := range l.Items {
			if it.Kind == "fill" && it.Period == period && (it.Text != "请按时填报" || it.By != reviewer || it.ByName == "") {
				t.Errorf("%s: a report to fill without the round's note or opener: %+v", u, it)
			}
		}
		break
	}
	if got := v.todosOf(t, otherSubmitter, period); len(got) != 0 {
		t.Errorf("another department's submitter has to-dos: %v", got)
	}
	if got := v.todosOf(t, reviewer, period); len(got) != 0 {
		t.Errorf("the reviewer has to-dos before anything is submitted: %v", got)
	}

	const a, b = "63280100024T000000639", "63280100024T000000637"
	v.submitComplete(t, a, period)
	v.submitComplete(t, b, period)
	if got := v.todosOf(t, "s_mishu", period); len(got) != 0 {
		t.Errorf("s_mishu still has %v after submitting", got)
	}
	if got, want := fmt.Sprint(v.todosOf(t, reviewer, period)), fmt.Sprint([]string{"review " + b, "review " + a}); got != want {
		t.Errorf("reviewer's to-dos %s, want %s", got, want)
	}
	l := decode[todoList](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/todos", ""))
	for _, it := range l.Items {
		if it.Period == period && (it.Due == nil || *it.Due != due || it.Overdue) {
			t.Errorf("review to-do without the round's due date: %+v", it)
		}
	}

	path := fmt.Sprintf("/api/v1/rounds/%d", created.ID)
	got := decode[roundBody](t, v.must(t, http.StatusOK, "s_xzcw", http.MethodGet, path, ""))
	if p := got.Progress; p.Total != 12 || p.Submitted != 2 || p.Filled != 2 || p.Overdue != 0 {
		t.Errorf("progress %+v", p)
	}
	if status, _ := v.as(t, otherSubmitter, http.MethodGet, path, ""); status != http.StatusNotFound {
		t.Errorf("another department reads the round: %d", status)
	}
	if status, body := v.as(t, reviewer, http.MethodPost, "/api/v1/rounds", `{"period": "2024-06", "departments": ["003001"], "due": "`+due+`"}`); status != http.StatusConflict {
		t.Errorf("a second open round for the same department: %d %s", status, body)
	}
	if status, body := v.as(t, reviewer, http.MethodPost, "/api/v1/rounds", `{"period": "2024-06", "departments": ["999001"], "due": "`+due+`"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("a round for a department the reviewer does not review: %d %s", status, body)
	}
	if status, body := v.as(t, reviewer, http.MethodPost, path+"/extend", `{"due": "2000-01-01"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("extend to an earlier day: %d %s", status, body)
	}
	later := time.Now().AddDate(0, 0, 21).Format(time.DateOnly)
	if got := decode[roundBody](t, v.must(t, http.StatusOK, admin, http.MethodPost, path+"/extend", `{"due": "`+later+`"}`)); got.Due != later {
		t.Errorf("extended to %s, want %s", got.Due, later)
	}
	list := decode[struct {
		Items []roundBody `json:"items"`
	}](t, v.must(t, http.StatusOK, "s_jingji", http.MethodGet, "/api/v1/rounds", ""))
	if len(list.Items) != 1 || list.Items[0].ID != created.ID {
		t.Errorf("rounds a submitter sees: %+v", list.Items)
	}
	v.must(t, http.StatusOK, reviewer, http.MethodPost, path+"/close", "")
	if got := v.todosOf(t, "s_xzcw", period); len(got) != 0 {
		t.Errorf("to-dos of a closed round: %v", got)
	}
	if status, _ := v.as(t, reviewer, http.MethodPost, path+"/close", ""); status != http.StatusConflict {
		t.Errorf("close twice: %d", status)
	}
}
