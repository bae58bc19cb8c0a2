package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/workbooks"
	"jixiao/domain/project"
)

// importPath is the upload route; it has its own body limit (Deps.ImportMaxBytes).
const importPath = "/api/v1/imports/targets"

type importIndicatorJSON struct {
	Level1 string `json:"level1"`
	Level2 string `json:"level2"`
	Name   string `json:"name"`
	Nature string `json:"nature"`
	Target string `json:"target"`
	Unit   string `json:"unit"`
	Weight string `json:"weight"`
	Kind   string `json:"kind"`
}

type importProjectJSON struct {
	Code            string                `json:"code"`
	CodeAssigned    bool                  `json:"code_assigned"`
	Name            string                `json:"name"`
	Category        string                `json:"category"`
	Department      departmentJSON        `json:"department"`
	Year            int                   `json:"year"`
	Budget          string                `json:"budget"`
	Goal            string                `json:"goal"`
	ExecutionWeight string                `json:"execution_weight"`
	Sheet           string                `json:"sheet"`
	Row             int                   `json:"row"`
	Indicators      []importIndicatorJSON `json:"indicators"`
}

type importJSON struct {
	OK          bool             `json:"ok"`
	DryRun      bool             `json:"dry_run"`
	Stored      bool             `json:"stored"`
	Year        int              `json:"year"`
	Departments []departmentJSON `json:"departments"`
	// CreatedDepartments are the units the import creates (a dry run: would
	// create) under the 主管部门 the table names beside them.
	CreatedDepartments []createdDepartmentJSON `json:"created_departments"`
	Projects           []importProjectJSON     `json:"projects"`
	Unchanged          []string                `json:"unchanged"`
	Errors             []workbooks.Problem     `json:"errors"`
	Error              *apiError               `json:"error,omitempty"`
}

type createdDepartmentJSON struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code"`
	Level      int    `json:"level"`
}

func toImportJSON(res workbooks.ImportResult, dryRun bool) importJSON {
	out := importJSON{OK: res.OK(), DryRun: dryRun, Stored: res.Stored, Year: res.Year, Departments: []departmentJSON{},
		Projects: []importProjectJSON{}, Unchanged: append([]string{}, res.Unchanged...), Errors: append([]workbooks.Problem{}, res.Problems...)}
	out.CreatedDepartments = []createdDepartmentJSON{}
	for _, d := range res.Created {
		out.CreatedDepartments = append(out.CreatedDepartments, createdDepartmentJSON{Code: d.Code, Name: d.Name, ParentCode: d.Parent, Level: d.Level})
	}
	for _, d := range res.Departments {
		out.Departments = append(out.Departments, departmentJSON{Code: d.Code, Name: d.Name})
	}
	for _, imp := range res.Projects {
		p := imp.Project
		pj := importProjectJSON{Code: p.Code, CodeAssigned: imp.CodeAssigned, Name: p.Name, Category: p.Category,
			Department: departmentJSON{Code: p.Department.Code, Name: p.Department.Name}, Year: p.Year, Budget: money(p.Budget),
			Goal: p.Goal, ExecutionWeight: number(p.ExecutionWeight), Sheet: imp.Sheet, Row: imp.Row, Indicators: []importIndicatorJSON{}}
		for _, in := range p.Indicators {
			pj.Indicators = append(pj.Indicators, importIndicatorJSON{Level1: in.Level1, Level2: in.Level2, Name: in.Name,
				Nature: string(in.Nature), Target: in.Target, Unit: in.Unit, Weight: number(in.Weight), Kind: string(in.Kind())})
		}
		out.Projects = append(out.Projects, pj)
	}
	if !out.OK {
		out.Error = &apiError{Code: "validation", Message: "导入文件有误，未导入任何数据：请按 errors 所指的工作表、行、列修改后重试"}
	}
	return out
}

// importTargets reads the multipart field "file" and imports it (or, with
// ?dry_run=true, only reads it). With any error the answer is 422 with every
// error and nothing is stored.
func (s *Server) importTargets(c echo.Context) error {
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	dryRun := c.QueryParam("dry_run") == "true" || c.QueryParam("dry_run") == "1"
	data, name, err := s.uploadedFile(c)
	if err != nil {
		return err
	}
	res, err := s.workbooks.ImportTargets(c.Request().Context(), s.scope(c), s.actor(c), workbooks.ImportRequest{
		Data: data, Filename: name, Year: year, Sheet: c.QueryParam("sheet"), DryRun: dryRun})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if !res.OK() {
		status = http.StatusUnprocessableEntity
	}
	return c.JSON(status, toImportJSON(res, dryRun))
}

var errTooLarge = func(limit int64) error {
	return newProblem(http.StatusRequestEntityTooLarge, "too_large", "文件过大：上限为 "+sizeText(limit))
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(n>>10, 10) + " KB"
}

// uploadedFile reads the "file" part of a multipart body, at most
// the workbooks' import limit, without spooling anything to disk.
func (s *Server) uploadedFile(c echo.Context) ([]byte, string, error) {
	importMax := s.workbooks.MaxBytes()
	req := c.Request()
	if req.ContentLength > importMax+64<<10 {
		return nil, "", errTooLarge(importMax)
	}
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEMultipartForm {
		return nil, "", errBadRequest("请以 multipart/form-data 上传文件，字段名为 file")
	}
	req.Body = http.MaxBytesReader(c.Response(), req.Body, importMax+64<<10)
	mr, err := req.MultipartReader()
	if err != nil {
		return nil, "", errBadRequest("请以 multipart/form-data 上传文件，字段名为 file")
	}
	for range 16 {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, "", errTooLarge(importMax)
			}
			return nil, "", errBadRequest("上传内容不完整或格式有误")
		}
		if part.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, importMax+1))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, "", errTooLarge(importMax)
			}
			return nil, "", errBadRequest("上传内容不完整（传输中断），请重新上传")
		}
		if int64(len(data)) > importMax {
			return nil, "", errTooLarge(importMax)
		}
		return data, part.FileName(), nil
	}
	return nil, "", errBadRequest("请上传文件：表单字段 file 缺失")
}

// targetsTemplate answers an empty target table of a year (this year when
// none is asked): the headings and layout the importer reads, for a person
// to fill in and import.
func (s *Server) targetsTemplate(c echo.Context) error {
	if err := onlyQuery(c, "year"); err != nil {
		return err
	}
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	if year == 0 {
		year = s.now().Year()
	}
	d := &download{c: c, name: "targets-template-" + strconv.Itoa(year) + ".xlsx"}
	// the national practice: 10 of a project's 100 points for budget
	// execution, which the importer reads back from this heading
	return workbooks.WriteTargets(d, workbooks.TargetTable{Year: year, Total: decimal.Zero, ExecutionWeight: decimal.NewFromInt(10),
		Projects: func(func(project.Project, error) bool) {}})
}
