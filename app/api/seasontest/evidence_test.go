package seasontest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/memblob"

	"jixiao/app/api/apitest"
)

type attachmentBody struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
	SHA256      string `json:"sha256"`
	IndicatorID *int64 `json:"indicator_id"`
	UploadedBy  string `json:"uploaded_by"`
}

// upload posts a file as multipart form data, with extra form fields.
func (v *env) upload(t *testing.T, username, code, period, name string, content []byte, extra ...string) (int, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(extra); i += 2 {
		_ = mw.WriteField(extra[i], extra[i+1])
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, reportPath(code, period)+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tokens[username])
	rec := httptest.NewRecorder()
	v.e.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// download fetches an attachment and returns the whole response.
func (v *env) download(t *testing.T, username string, id int64, query string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d%s", id, query), nil)
	req.Header.Set("Authorization", "Bearer "+tokens[username])
	rec := httptest.NewRecorder()
	v.e.ServeHTTP(rec, req)
	return rec
}

// pdfOf is a file that starts like a PDF, with n random bytes after.
func pdfOf(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return append([]byte("%PDF-1.7\n"), b...)
}

// TestEvidenceRoundTripsByteForByte: what is uploaded is downloaded
// unchanged with the same SHA-256, as an attachment the browser may not
// sniff; a PDF previews inline in a sandbox; the list shows who and when.
func TestEvidenceRoundTripsByteForByte(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const code, period = "63280100024T000000634", "2024"
	content := pdfOf(300 << 10)
	status, body := v.upload(t, "s_xzcw", code, period, `../../目录/佐证 "材料".pdf`, content)
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %s", status, body)
	}
	a := decode[attachmentBody](t, body)
	sum := sha256.Sum256(content)
	if a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(len(content)) || a.ContentType != "application/pdf" || a.Name != "佐证 材料.pdf" {
		t.Errorf("uploaded %+v", a)
	}
	rec := v.download(t, reviewer, a.ID, "")
	if rec.Code != http.StatusOK {
		t.Fatalf("download: %d %s", rec.Code, rec.Body)
	}
	got := rec.Body.Bytes()
	gotSum := sha256.Sum256(got)
	if !bytes.Equal(got, content) || hex.EncodeToString(gotSum[:]) != a.SHA256 {
		t.Errorf("downloaded %d bytes differ from the %d uploaded", len(got), len(content))
	}
	h := rec.Header()
	if !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Content-Disposition"), "filename*=UTF-8''") ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Type") != "application/pdf" {
		t.Errorf("download headers %v", h)
	}
	inline := v.download(t, reviewer, a.ID, "?inline=1")
	if !strings.HasPrefix(inline.Header().Get("Content-Disposition"), "inline;") || !strings.Contains(inline.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("preview headers %v", inline.Header())
	}
	list := decode[struct {
		Items []attachmentBody `json:"items"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, reportPath(code, period)+"/attachments", ""))
	if len(list.Items) != 1 || list.Items[0].UploadedBy != "s_xzcw" || list.Items[0].SHA256 != a.SHA256 {
		t.Errorf("list %+v", list.Items)
	}
	var actions []string
	rows, err := v.st.DB().Query(`SELECT action FROM audit_log WHERE object_type = 'attachment' AND object_id = $1 ORDER BY id`, fmt.Sprint(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		actions = append(actions, s)
	}
	rows.Close()
	if strings.Join(actions, ",") != "attachment.upload,attachment.download,attachment.download" {
		t.Errorf("audit %v", actions)
	}
}

// TestADownloadIsNamedForItsSniffedType: "report.html" holding a PNG is
// kept and served as "report.png" with image/png, never under a name a
// browser or desktop would open as HTML; a file stored under its old name
// before this rule is served under the type's name too.
func TestADownloadIsNamedForItsSniffedType(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const code, period = "63280100024T000000634", "2024"
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 200)...)
	status, body := v.upload(t, "s_xzcw", code, period, "report.html", png)
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %s", status, body)
	}
	a := decode[attachmentBody](t, body)
	if a.Name != "report.png" || a.ContentType != "image/png" {
		t.Errorf("kept as %q %s, want report.png image/png", a.Name, a.ContentType)
	}
	rec := v.download(t, reviewer, a.ID, "")
	if cd := rec.Header().Get("Content-Disposition"); rec.Code != http.StatusOK || !strings.Contains(cd, `filename="report.png"`) ||
		strings.Contains(cd, "html") || rec.Header().Get("Content-Type") != "image/png" {
		t.Errorf("download: %d %v", rec.Code, rec.Header())
	}
	if _, err := v.st.DB().Exec(`UPDATE attachments SET name = '旧报告.html' WHERE id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	rec = v.download(t, reviewer, a.ID, "")
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''%E6%97%A7%E6%8A%A5%E5%91%8A.png") {
		t.Errorf("a file kept under its old name downloads as %q", cd)
	}
}

// TestEvidenceRefusals: an executable named .pdf, a file over the limit, an
// upload by another department's submitter, and deleting after submit.
func TestEvidenceRefusals(t *testing.T) {
	v := newEnv(t, apitest.Options{AttachmentMaxBytes: 64 << 10})
	const code, period = "63280100024T000000638", "2024"
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 2000)...)
	status, body := v.upload(t, "s_xzcw", code, period, "report.pdf", elf)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"file"`) {
		t.Errorf("executable named .pdf: %d %s", status, body)
	}
	if status, body := v.upload(t, "s_xzcw", code, period, "big.pdf", pdfOf(64<<10)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("over the limit: %d %s", status, body)
	}
	if status, body := v.upload(t, "s_xzcw", code, period, "big.pdf", pdfOf(1<<20)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("far over the limit: %d %s", status, body)
	}
	status, body = v.upload(t, "s_xzcw", code, period, "ok.pdf", pdfOf(1000))
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %s", status, body)
	}
	a := decode[attachmentBody](t, body)
	if status, body := v.upload(t, otherSubmitter, code, period, "x.pdf", pdfOf(100)); status != http.StatusNotFound {
		t.Errorf("another department uploads: %d %s", status, body)
	}
	if rec := v.download(t, otherSubmitter, a.ID, ""); rec.Code != http.StatusNotFound {
		t.Errorf("another department downloads: %d", rec.Code)
	}
	if status, _ := v.as(t, otherSubmitter, http.MethodGet, reportPath(code, period)+"/attachments", ""); status != http.StatusNotFound {
		t.Errorf("another department lists: %d", status)
	}
	if status, _ := v.as(t, otherSubmitter, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", a.ID), ""); status != http.StatusNotFound {
		t.Errorf("another department deletes: %d", status)
	}
	if status, _ := v.upload(t, "s_mishu", code, period, "x.pdf", pdfOf(100)); status != http.StatusForbidden {
		t.Errorf("a submitter of the department not assigned to the project uploads: %d", status)
	}
	// A second file is deleted while the report is a draft; the first stays.
	status, body = v.upload(t, "s_xzcw", code, period, "second.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...))
	if status != http.StatusCreated {
		t.Fatalf("upload png: %d %s", status, body)
	}
	second := decode[attachmentBody](t, body)
	v.must(t, http.StatusNoContent, "s_xzcw", http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", second.ID), "")
	if rec := v.download(t, "s_xzcw", second.ID, ""); rec.Code != http.StatusNotFound {
		t.Errorf("a deleted file downloads: %d", rec.Code)
	}
	v.submitComplete(t, code, period)
	status, body = v.as(t, "s_xzcw", http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", a.ID), "")
	if code := errorCode(t, body); status != http.StatusConflict || (code != "not_editable" && code != "wrong_state") {
		t.Errorf("delete after submit: %d %s", status, body)
	}
	if status, _ := v.upload(t, "s_xzcw", code, period, "late.pdf", pdfOf(100)); status != http.StatusConflict {
		t.Errorf("upload after submit: %d", status)
	}
	if rec := v.download(t, "s_xzcw", a.ID, ""); rec.Code != http.StatusOK {
		t.Errorf("the file went with the refused delete: %d", rec.Code)
	}
}

// TestEvidenceRequiredForRedAndYellowLines: with the setting on, a report
// with a line below target is refused at submit until that line has a file.
func TestEvidenceRequiredForRedAndYellowLines(t *testing.T) {
	v := newEnv(t, apitest.Options{RequireEvidence: true})
	const code, period = "63280100024T000000641", "2024"
	version := v.fillComplete(t, code, period)
	var rep map[string]any
	json.Unmarshal(v.must(t, http.StatusOK, "s_xzcw", http.MethodGet, reportPath(code, period), ""), &rep)
	lines := rep["lines"].([]any)
	var low map[string]any
	for _, l := range lines {
		m := l.(map[string]any)
		if m["value"] != nil {
			low = m
			break
		}
	}
	if low == nil {
		t.Fatal("no numeric line")
	}
	id := int64(low["indicator_id"].(float64))
	patch := []map[string]any{}
	for _, l := range lines {
		m := l.(map[string]any)
		keep := map[string]any{"indicator_id": m["indicator_id"]}
		for _, k := range []string{"value", "band", "completed_on"} {
			if m[k] != nil && m[k] != "" {
				keep[k] = m[k]
			}
		}
		if m["indicator_id"] == low["indicator_id"] {
			keep["value"] = "0"
			keep["deviation_causes"] = []string{"other"}
			keep["explanation"], keep["measures"] = "未完成", "加快进度"
		}
		patch = append(patch, keep)
	}
	budget := map[string]any{"executed": rep["budget"].(map[string]any)["executed"]}
	b, _ := json.Marshal(map[string]any{"version": version, "budget": budget, "lines": patch})
	v.must(t, http.StatusOK, "s_xzcw", http.MethodPut, reportPath(code, period), string(b))
	status, body := v.as(t, "s_xzcw", http.MethodPost, reportPath(code, period)+"/submit", "")
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), ".evidence") {
		t.Fatalf("submit without evidence: %d %s", status, body)
	}
	if status, body := v.upload(t, "s_xzcw", code, period, "说明.pdf", pdfOf(100), "indicator_id", fmt.Sprint(id)); status != http.StatusCreated {
		t.Fatalf("upload: %d %s", status, body)
	}
	v.must(t, http.StatusOK, "s_xzcw", http.MethodPost, reportPath(code, period)+"/submit", "")
}

// TestEvidenceInABlobStore: with a bucket, the content goes there and not
// into PostgreSQL, and comes back unchanged.
func TestEvidenceInABlobStore(t *testing.T) {
	ctx := context.Background()
	bucket, err := blob.OpenBucket(ctx, "mem://")
	if err != nil {
		t.Fatal(err)
	}
	defer bucket.Close()
	v := newEnv(t, apitest.Options{Bucket: bucket})
	content := pdfOf(5000)
	status, body := v.upload(t, "s_ducha", "63280100024T000000700", "2024", "blob.pdf", content)
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %s", status, body)
	}
	a := decode[attachmentBody](t, body)
	var inDB int
	v.st.DB().QueryRow(`SELECT count(*) FROM attachment_contents WHERE attachment_id = $1`, a.ID).Scan(&inDB)
	if objects := countObjects(t, bucket); inDB != 0 || objects != 1 {
		t.Errorf("content rows %d, blob objects %d; want 0 and 1", inDB, objects)
	}
	if rec := v.download(t, reviewer, a.ID, ""); !bytes.Equal(rec.Body.Bytes(), content) {
		t.Errorf("the blob came back different (%d)", rec.Code)
	}
	v.must(t, http.StatusNoContent, "s_ducha", http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", a.ID), "")
	if n := countObjects(t, bucket); n != 0 {
		t.Errorf("%d objects left after the delete", n)
	}
}

func countObjects(t *testing.T, bucket *blob.Bucket) int {
	t.Helper()
	n := 0
	it := bucket.List(nil)
	for {
		if _, err := it.Next(context.Background()); err == io.EOF {
			return n
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
}

// TestASlowUploadHasTheTimeOfItsTransfer: a file that takes longer to
// arrive than the request deadline is stored all the same: only its
// transfer gets the longer time, and the database work after it starts
// with a deadline of its own.
func TestASlowUploadHasTheTimeOfItsTransfer(t *testing.T) {
	v := newEnv(t, apitest.Options{RequestTimeout: time.Second})
	srv := httptest.NewServer(v.e)
	defer srv.Close()
	const code, period = "63280100024T000000634", "2024"
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", "慢.pdf")
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		content := pdfOf(64 << 10)
		for i := 0; i < 8; i++ { // 8 pieces 300 ms apart: 2.4 s in all
			if _, err := fw.Write(content[i*len(content)/8 : (i+1)*len(content)/8]); err != nil {
				pw.CloseWithError(err)
				return
			}
			time.Sleep(300 * time.Millisecond)
		}
		pw.CloseWithError(mw.Close())
	}()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+reportPath(code, period)+"/attachments", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tokens["s_xzcw"])
	began := time.Now()
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("an upload of %s under a deadline of 1 s: %d %s", time.Since(began).Round(time.Millisecond), res.StatusCode, body)
	}
	if a := decode[attachmentBody](t, body); a.Size != 9+64<<10 || a.Name != "慢.pdf" {
		t.Errorf("stored %+v", a)
	}
}
