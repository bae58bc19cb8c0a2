package seasontest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"jixiao/app/api/apitest"
)

// docxText opens a .docx, parses word/document.xml, and returns its
// paragraphs' text and its table rows as cell texts.
func docxText(t *testing.T, body []byte) (paragraphs []string, rows [][]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var doc []byte
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if !names[n] {
			t.Errorf("the document lacks %s", n)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var para, cell strings.Builder
	var row []string
	inCell := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("word/document.xml is not XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "tr":
				row = nil
			case "tc":
				inCell = true
				cell.Reset()
			case "p":
				para.Reset()
			}
		case xml.CharData:
			para.Write(el)
			if inCell {
				cell.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "tc":
				inCell = false
				row = append(row, cell.String())
			case "tr":
				rows = append(rows, row)
			case "p":
				paragraphs = append(paragraphs, para.String())
			}
		}
	}
	return paragraphs, rows
}

func (v *env) get(t *testing.T, username, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+tokens[username])
	rec := httptest.NewRecorder()
	v.e.ServeHTTP(rec, req)
	return rec
}

// TestTheDocumentOfAnApprovedAnnualReport holds its total, grade and every
// indicator's score, and a rectification item's text exactly as written,
// markup characters included.
func TestTheDocumentOfAnApprovedAnnualReport(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	const code, period = "63280100024T000000702", "2024"
	v.submitComplete(t, code, period)
	const item = `核对<w:t>&"数据"</w:t> 并说明`
	v.must(t, http.StatusOK, reviewer, http.MethodPost, reportPath(code, period)+"/approve",
		`{"comment": "同意", "rectifications": [{"text": "核对<w:t>&\"数据\"</w:t> 并说明"}]}`)
	rep := decode[struct {
		Score struct {
			Total string `json:"total"`
			Grade string `json:"grade"`
			Lines []struct {
				IndicatorID int64  `json:"indicator_id"`
				Score       string `json:"score"`
			} `json:"lines"`
		} `json:"score"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, reportPath(code, period), ""))
	proj := decode[struct {
		Name       string `json:"name"`
		Indicators []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"indicators"`
	}](t, v.must(t, http.StatusOK, reviewer, http.MethodGet, "/api/v1/projects/"+code, ""))

	rec := v.get(t, reviewer, reportPath(code, period)+"/document.docx")
	if rec.Code != http.StatusOK {
		t.Fatalf("document: %d %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") ||
		!strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") {
		t.Errorf("headers %v", rec.Header())
	}
	paragraphs, rows := docxText(t, rec.Body.Bytes())
	all := strings.Join(paragraphs, "\n")
	if !strings.Contains(all, "自评得分："+rep.Score.Total+" 分，等级："+rep.Score.Grade) {
		t.Errorf("no total %s and grade %s in:\n%s", rep.Score.Total, rep.Score.Grade, all)
	}
	if !strings.Contains(all, "评分规则：national 第1版") {
		t.Errorf("the rule profile that scored it is not named:\n%s", all)
	}
	if !strings.Contains(all, proj.Name+"2024年度绩效自评报告") || !strings.Contains(all, item) {
		t.Errorf("title or rectification item missing:\n%s", all)
	}
	scoreOf := map[int64]string{}
	for _, l := range rep.Score.Lines {
		scoreOf[l.IndicatorID] = l.Score
	}
	for _, in := range proj.Indicators {
		found := false
		for _, r := range rows {
			// 一级, 二级, 三级, 指标值, 实际完成值, 分值, 得分, 依据
			if len(r) == 8 && r[2] == in.Name {
				found = true
				if r[6] != scoreOf[in.ID] || r[7] == "" {
					t.Errorf("%s: score %q basis %q, want %s", in.Name, r[6], r[7], scoreOf[in.ID])
				}
			}
		}
		if !found {
			t.Errorf("indicator %s is not in the target table", in.Name)
		}
	}
}

// TestTheDepartmentDocumentListsEveryProject: a reviewer of 003001 gets one
// document with a summary row and a section per project; another
// department's submitter gets 404.
func TestTheDepartmentDocumentListsEveryProject(t *testing.T) {
	v := newEnv(t, apitest.Options{})
	rec := v.get(t, reviewer, "/api/v1/departments/003001/reports/2024-06/document.docx")
	if rec.Code != http.StatusOK {
		t.Fatalf("department document: %d %s", rec.Code, rec.Body)
	}
	paragraphs, rows := docxText(t, rec.Body.Bytes())
	all := strings.Join(paragraphs, "\n")
	summary := 0
	for _, r := range rows {
		if len(r) == 5 && strings.HasPrefix(r[0], "6328") {
			summary++
		}
	}
	if summary != 12 || strings.Count(all, "2024年1–6月绩效监控情况") < 13 {
		t.Errorf("summary rows %d; titles %d", summary, strings.Count(all, "2024年1–6月绩效监控情况"))
	}
	if rec := v.get(t, otherSubmitter, "/api/v1/departments/003001/reports/2024-06/document.docx"); rec.Code != http.StatusNotFound {
		t.Errorf("another department: %d", rec.Code)
	}
	if rec := v.get(t, otherSubmitter, reportPath("63280100024T000000702", "2024")+"/document.docx"); rec.Code != http.StatusNotFound {
		t.Errorf("another department's report: %d", rec.Code)
	}
}
