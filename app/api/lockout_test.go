package api_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/app/api/apitest"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// peakRSS reads the process's peak resident set size (VmHWM) in MiB.
func peakRSS(t *testing.T) float64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("VmHWM %q: %v", rest, err)
			}
			return float64(kb) / 1024
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// passwordsChecked counts the logins of a username whose password was
// verified: the failures for a wrong password and the successes.
func passwordsChecked(t *testing.T, st interface {
	ListAudit(context.Context, audit.Filter) ([]audit.Entry, int, error)
}, username string) int {
	t.Helper()
	n := 0
	for _, action := range []string{audit.LoginFailed, audit.LoginSucceeded} {
		es, _, err := st.ListAudit(context.Background(), audit.Filter{Action: action, ObjectType: "user", ObjectID: username, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if action == audit.LoginSucceeded || strings.Contains(string(e.Detail), "wrong password") {
				n++
			}
		}
	}
	return n
}

// B1: 200 parallel logins for one username, the right password among them,
// check at most 5 passwords and never let the right one through once locked.
func TestParallelLoginsCheckAtMostFivePasswords(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("race_target"))
	// reset the peak resident set size, so that VmHWM is this test's peak
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("cannot reset the peak RSS (%v): the figure includes earlier tests", err)
	}
	startRSS := peakRSS(t)
	const tries = 200
	codes := make([]int, tries)
	var wg sync.WaitGroup
	start := make(chan struct{})
	began := time.Now()
	for i := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			pw := "Wrong-Passw0rd" + strconv.Itoa(i)
			if i == tries*3/4 {
				pw = testPassword
			}
			codes[i] = tryLogin(t, e.anon(), "race_target", pw).Code
		}()
	}
	close(start)
	wg.Wait()
	took := time.Since(began)
	peak := peakRSS(t)
	checked := passwordsChecked(t, st, "race_target")
	byCode := map[int]int{}
	for _, c := range codes {
		byCode[c]++
	}
	t.Logf("200 parallel logins for one username: %d passwords checked, answers %v, peak RSS %.1f MiB (%.1f MiB before), took %s",
		checked, byCode, peak, startRSS, took.Round(time.Millisecond))
	if checked > user.DefaultLockout.MaxFailures {
		t.Errorf("%d passwords checked, want at most %d", checked, user.DefaultLockout.MaxFailures)
	}
	if byCode[http.StatusOK] > 0 && checked > user.DefaultLockout.MaxFailures {
		t.Errorf("the right password got through after the lock")
	}
	if byCode[http.StatusUnauthorized]+byCode[http.StatusOK] > user.DefaultLockout.MaxFailures {
		t.Errorf("%d answers that checked a password", byCode[http.StatusUnauthorized]+byCode[http.StatusOK])
	}
	if byCode[http.StatusTooManyRequests] < tries-user.DefaultLockout.MaxFailures {
		t.Errorf("only %d refusals 429", byCode[http.StatusTooManyRequests])
	}
	switch {
	case raceDetector:
		t.Logf("the race detector inflates memory: peak RSS is checked without it (make memory-check)")
	case peak > 300:
		t.Errorf("peak RSS %.1f MiB, want under 300", peak)
	}
}

// B1: one address cannot lock every account: past a number of failures
// from one address, its logins are refused before any password or lockout
// counter is touched, while other addresses sign in as usual.
func TestOneAddressCannotLockEveryAccount(t *testing.T) {
	throttle := user.Throttle{MaxFailures: 8, Window: 15 * time.Minute}
	e, st := newAPIWith(t, apitest.Options{LoginThrottle: throttle})
	const attacker = "203.0.113.66:4000"
	fromAttacker := func(r *http.Request) { r.RemoteAddr = attacker }
	victims := []string{"thr_a", "thr_b", "thr_c", "thr_d"}
	for _, v := range victims {
		createUser(t, st, submitterOf(v))
	}
	throttled := 0
	for round := 0; round < 5; round++ {
		for _, v := range victims {
			rec := tryLoginWith(t, e.anon(), v, "Wrong-Passw0rd", fromAttacker)
			if rec.Code == http.StatusTooManyRequests && errorBody(t, rec.Body.Bytes()).Code == "throttled" {
				throttled++
			}
		}
	}
	if throttled != 20-throttle.MaxFailures {
		t.Errorf("%d tries throttled, want %d", throttled, 20-throttle.MaxFailures)
	}
	// 8 failures spread over 4 accounts: none reached the lockout of 5
	fromElsewhere := func(r *http.Request) { r.RemoteAddr = "198.51.100.9:4000" }
	for _, v := range victims {
		if rec := tryLoginWith(t, e.anon(), v, testPassword, fromElsewhere); rec.Code != http.StatusOK {
			t.Errorf("%s from another address: %d %s", v, rec.Code, rec.Body)
		}
	}
	if rec := tryLoginWith(t, e.anon(), "thr_a", testPassword, fromAttacker); rec.Code != http.StatusTooManyRequests {
		t.Errorf("the throttled address signed in: %d", rec.Code)
	}
}

// TestTriesBeingCheckedAreNotFailures: four wrong and four right passwords
// sent at once for one username. Tries still being checked are not
// failures: none of the eight is refused as locked (those beyond the five
// being checked wait as busy), and afterwards, with four failures at most,
// the user signs in.
func TestTriesBeingCheckedAreNotFailures(t *testing.T) {
	e, st := newAPI(t)
	createUser(t, st, submitterOf("race_mixed"))
	const tries = 8
	answers := make([]*httptest.ResponseRecorder, tries)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			pw := testPassword
			if i%2 == 0 {
				pw = "Wrong-Passw0rd" + strconv.Itoa(i)
			}
			answers[i] = tryLogin(t, e.anon(), "race_mixed", pw)
		}()
	}
	close(start)
	wg.Wait()
	byCode := map[string]int{}
	for _, rec := range answers {
		code := strconv.Itoa(rec.Code)
		if rec.Code >= 400 {
			code += " " + errorBody(t, rec.Body.Bytes()).Code
		}
		byCode[code]++
	}
	t.Logf("four wrong and four right passwords at once: %v", byCode)
	if byCode["429 locked"] > 0 {
		t.Errorf("a try was refused as locked while the others were still being checked: %v", byCode)
	}
	if byCode["200"] == 0 {
		t.Errorf("no right password got through: %v", byCode)
	}
	if rec := tryLogin(t, e.anon(), "race_mixed", testPassword); rec.Code != http.StatusOK {
		t.Errorf("signing in afterwards: %d %s", rec.Code, rec.Body)
	}
}
