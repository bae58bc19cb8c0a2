package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/project"
)

// PermDepartmentsManage: create departments and move them in the hierarchy
// (admins).
const PermDepartmentsManage Permission = "departments:manage"

// departmentNodeJSON is a department in the hierarchy: parent_code is null
// at the top; level is 1 there, 2 below, 3 below that.
type departmentNodeJSON struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	ParentCode *string `json:"parent_code"`
	Level      int     `json:"level"`
}

func toDepartmentNodeJSON(d project.Department) departmentNodeJSON {
	out := departmentNodeJSON{Code: d.Code, Name: d.Name, Level: max(d.Level, 1)}
	if d.Parent != "" {
		p := d.Parent
		out.ParentCode = &p
	}
	return out
}

func (s *Server) listDepartments(c echo.Context) error {
	if err := onlyQuery(c, "q", "size", "codes", "parent", "page"); err != nil {
		return err
	}
	f := store.DepartmentFilter{Q: strings.TrimSpace(c.QueryParam("q")), Parent: strings.TrimSpace(c.QueryParam("parent"))}
	if v := c.QueryParam("codes"); v != "" {
		f.Codes = strings.Split(v, ",")
		if len(f.Codes) > maxDepartmentPage {
			return errBadRequest("codes 最多 200 个")
		}
	}
	if utf8.RuneCountInString(f.Q) > maxQueryText || utf8.RuneCountInString(f.Parent) > maxQueryText {
		return errBadRequest("q 不能超过 100 个字符")
	}
	pg, err := pageOf(c, maxDepartmentPage, maxDepartmentPage)
	if err != nil {
		return err
	}
	// a page at most, as every list: a province has thousands of departments
	f.Limit, f.Offset = pg.Size, pg.Offset()
	ds, err := s.store.ListDepartments(c.Request().Context(), s.scope(c), f)
	if err != nil {
		return err
	}
	out := make([]departmentNodeJSON, len(ds))
	for i, d := range ds {
		out[i] = toDepartmentNodeJSON(d)
	}
	return c.JSON(http.StatusOK, out)
}

type departmentRequest struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	ParentCode *string `json:"parent_code"`
}

func (s *Server) departmentAudit(c echo.Context) audit.Entry {
	a := s.actor(c)
	return audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP, Status: http.StatusOK}
}

// createDepartment: admins add a department, under a parent or at the top.
func (s *Server) createDepartment(c echo.Context) error {
	var req departmentRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in := store.DepartmentInput{Code: req.Code, Name: req.Name}
	if req.ParentCode != nil {
		in.Parent = *req.ParentCode
	}
	e := s.departmentAudit(c)
	e.Status = http.StatusCreated
	d, err := s.store.AddDepartment(c.Request().Context(), in, e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toDepartmentNodeJSON(d))
}

// putDepartment: admins rename a department and move it (parent_code; null
// for the top). A move is refused while reports or targets of the
// department or its units are in review.
func (s *Server) putDepartment(c echo.Context) error {
	var req departmentRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	code := c.Param("code")
	if req.Code != "" && req.Code != code {
		return fieldProblem(http.StatusUnprocessableEntity, "invalid", "单位代码不能修改", "code", "单位代码不能修改")
	}
	// only what the admin may see (everything) can be changed; a code that
	// does not exist is 404
	ds, err := s.store.ListDepartments(c.Request().Context(), s.scope(c), store.DepartmentFilter{Codes: []string{code}})
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		return project.ErrNoDepartment
	}
	in := store.DepartmentInput{Code: code, Name: req.Name}
	if req.ParentCode != nil {
		in.Parent = *req.ParentCode
	}
	s.sessionCache.clear() // who reads and reviews which units changes at once
	d, err := s.store.UpdateDepartment(c.Request().Context(), in, s.departmentAudit(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDepartmentNodeJSON(d))
}

type reviewLevelsRequest struct {
	ReviewLevels int `json:"review_levels"`
}

// putReviewLevels: admins make a period review in one level (the
// 主管部门's approval is final) or two.
func (s *Server) putReviewLevels(c echo.Context) error {
	var req reviewLevelsRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.ReviewLevels != 1 && req.ReviewLevels != 2 {
		return fieldProblem(http.StatusUnprocessableEntity, "invalid", "审核级次应为 1 或 2", "review_levels", "审核级次应为 1 或 2")
	}
	p, err := s.store.SetReviewLevels(c.Request().Context(), c.Param("key"), req.ReviewLevels, s.departmentAudit(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPeriodJSON(p))
}
