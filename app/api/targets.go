package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/targets"
	"jixiao/domain/fields"
	"jixiao/domain/project"
)

// num reads an exact decimal (a JSON string or number) for field; absent or
// null is nil, anything else malformed is a problem of the field.
func num(pr fields.Problems, raw json.RawMessage, field string) *decimal.Decimal {
	return reader{pr: pr}.number(raw, field, nil)
}

func (s *Server) targetActor(c echo.Context) targets.Actor {
	return targets.Actor{Caller: callerOf(c), IP: c.RealIP()}
}

type indicatorInput struct {
	Level1  string          `json:"level1"`
	Level2  string          `json:"level2"`
	Name    string          `json:"name"`
	Nature  string          `json:"nature"`
	Target  string          `json:"target"`
	Unit    string          `json:"unit"`
	Weight  json.RawMessage `json:"weight"`
	Accrual string          `json:"accrual"`
	// LibraryID is the library entry the indicator was inserted from.
	LibraryID  int64  `json:"library_id"`
	ValueBasis string `json:"value_basis"`
	// CopyOf is the indicator of last year's project it was copied from.
	CopyOf int64 `json:"copy_of"`
}

func (in indicatorInput) toDomain(pr fields.Problems, prefix string) project.Indicator {
	out := project.Indicator{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target, Unit: in.Unit,
		Accrual: project.Accrual(in.Accrual), LibraryID: in.LibraryID, ValueBasis: in.ValueBasis, CopyOf: in.CopyOf}
	n, err := project.ParseNature(in.Nature)
	if err != nil {
		pr.Add(prefix+"nature", "指标性质应为 >=、>、<=、<、= 或 定性")
	}
	out.Nature = n
	if w := num(pr, in.Weight, prefix+"weight"); w != nil {
		out.Weight = *w
	} else {
		pr.Add(prefix+"weight", "请填写分值权重")
	}
	return out
}

// projectInput is the body of POST /api/v1/projects (a new draft, or a copy
// with copy_from) and of PUT /api/v1/projects/{code} (with version).
type projectInput struct {
	CopyFrom        string           `json:"copy_from"`
	Code            string           `json:"code"`
	Year            int              `json:"year"`
	Department      string           `json:"department"`
	Name            string           `json:"name"`
	Category        string           `json:"category"`
	Budget          json.RawMessage  `json:"budget"`
	Goal            string           `json:"goal"`
	ExecutionWeight json.RawMessage  `json:"execution_weight"`
	Indicators      []indicatorInput `json:"indicators"`
	Version         int              `json:"version"`
}

func (in projectInput) toDomain() (project.Project, error) {
	pr := fields.Problems{}
	p := project.Project{Code: in.Code, Year: in.Year, Department: project.Department{Code: in.Department},
		Name: in.Name, Category: in.Category, Goal: in.Goal, ExecutionWeight: project.DefaultExecutionWeight}
	if b := num(pr, in.Budget, "budget"); b != nil {
		p.Budget = *b
	} else {
		pr.Add("budget", "请填写预算数（万元）")
	}
	if w := num(pr, in.ExecutionWeight, "execution_weight"); w != nil {
		p.ExecutionWeight = *w
	}
	for i, ind := range in.Indicators {
		p.Indicators = append(p.Indicators, ind.toDomain(pr, fmt.Sprintf("indicators[%d].", i)))
	}
	return p, pr.Err(project.ErrInvalid)
}

// targetProjectJSON is a project with where its targets stand.
type targetProjectJSON struct {
	projectJSON
	Status        string   `json:"status"`
	StatusLabel   string   `json:"status_label"`
	Version       int      `json:"version"`
	TargetVersion int      `json:"target_version"`
	CopiedFrom    string   `json:"copied_from,omitempty"`
	Actions       []string `json:"actions"`
	// LastResult is 结果应用 of the project this one was copied from: last
	// year's grade, the proposed and the decided budget action.
	LastResult *lastResultJSON `json:"last_result,omitempty"`
}

// lastResultJSON is last year's result as the next year's draft shows it.
type lastResultJSON struct {
	Year int `json:"year"`
	resultRowJSON
}

// targetActionPerms names the permission each action on targets needs.
var targetActionPerms = map[string]Permission{
	"edit": PermTargetsDraft, "submit": PermTargetsDraft, "approve": PermTargetsReview, "return": PermTargetsReview,
	"request_change": PermChangesRequest,
}

// targetProjectJSON renders a project with the actions this caller may take
// on its targets now (role permission × department × state).
func (s *Server) targetProjectJSON(c echo.Context, p project.Project) targetProjectJSON {
	caller := callerOf(c)
	out := targetProjectJSON{projectJSON: toProjectJSON(p), Status: string(p.Status), StatusLabel: p.Status.Label(),
		Version: p.Version, TargetVersion: p.TargetVersion, CopiedFrom: p.CopiedFrom, Actions: []string{}}
	oneLevel := false
	if p.Department.Parent != "" && (p.Status == project.StatusSubmitted || p.Status == project.StatusEndorsed) {
		// whether the 主管部门's approval is final matters only here; a failed read shows the two levels
		oneLevel, _ = s.targets.OneLevel(c.Request().Context(), p.Year)
	}
	for _, a := range targets.Actions(caller, p, oneLevel) {
		if s.enforcer.Allowed(caller.Roles, string(targetActionPerms[a])) {
			out.Actions = append(out.Actions, a)
		}
	}
	out.Assigned = caller.AssignedTo(p.Code)
	s.attachLastYear(c, p, out.Indicators)
	if p.CopiedFrom != "" {
		ctx := c.Request().Context()
		if r, err := s.store.ResultOf(ctx, s.scope(c), p.Year-1, p.CopiedFrom); err == nil {
			if settings, err := s.store.ResultSettings(ctx); err == nil {
				out.LastResult = &lastResultJSON{Year: p.Year - 1, resultRowJSON: s.resultRowJSON(c, r, settings)}
			}
		}
	}
	return out
}

func (s *Server) createProject(c echo.Context) error {
	var in projectInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a := s.targetActor(c)
	if in.Department == "" {
		in.Department = a.Caller.Department()
	}
	var p project.Project
	var err error
	if in.CopyFrom != "" {
		if in.Year == 0 {
			return fields.One(project.ErrInvalid, "year", "请填写要复制到的年度")
		}
		p, err = s.targets.Copy(c.Request().Context(), s.scope(c), a, in.CopyFrom, in.Year, in.Code)
	} else {
		p, err = in.toDomain()
		if err != nil {
			return err
		}
		p, err = s.targets.Create(c.Request().Context(), s.scope(c), a, p)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, s.targetProjectJSON(c, p))
}

func (s *Server) putProject(c echo.Context) error {
	var in projectInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		return fields.One(project.ErrInvalid, "version", "请填写读取时的版本号")
	}
	p, err := in.toDomain()
	if err != nil {
		return err
	}
	p, err = s.targets.Edit(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"), in.Version, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.targetProjectJSON(c, p))
}

func (s *Server) submitProject(c echo.Context) error {
	p, err := s.targets.Submit(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.targetProjectJSON(c, p))
}

func (s *Server) approveProject(c echo.Context) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.targets.Approve(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.targetProjectJSON(c, p))
}

func (s *Server) returnProject(c echo.Context) error {
	var in struct {
		Comment string `json:"comment"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.targets.Return(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"), in.Comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.targetProjectJSON(c, p))
}

func (s *Server) reviewProject(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	fs, err := s.targets.Review(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"findings": fs})
}

// previewReview reviews a project body as typed (a draft being edited, or
// one not yet created), storing nothing: {findings, problems}.
func (s *Server) previewReview(c echo.Context) error {
	var in projectInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Department == "" {
		in.Department = callerOf(c).Department()
	}
	p, err := in.toDomain()
	problems := map[string]string{}
	var fe *fields.Error
	if errors.As(err, &fe) {
		problems = fe.Fields
	}
	fs, more, err := s.targets.Preview(c.Request().Context(), s.scope(c), p)
	if err != nil {
		return err
	}
	for k, v := range more {
		if _, ok := problems[k]; !ok {
			problems[k] = v
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"findings": fs, "problems": problems})
}

type projectTransitionJSON struct {
	Action   string          `json:"action"`
	From     string          `json:"from"`
	To       string          `json:"to"`
	Actor    string          `json:"actor"`
	At       string          `json:"at"`
	Comment  string          `json:"comment"`
	Findings json.RawMessage `json:"findings"`
	Level    int             `json:"level"`
}

func (s *Server) projectTransitions(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	ts, err := s.targets.Transitions(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := make([]projectTransitionJSON, len(ts))
	for i, t := range ts {
		out[i] = projectTransitionJSON{Action: string(t.Action), From: string(t.From), To: string(t.To), Actor: t.Actor,
			At: t.At.UTC().Format(time.RFC3339), Comment: t.Comment, Findings: t.Findings, Level: t.Level}
	}
	return c.JSON(http.StatusOK, out)
}

type targetVersionJSON struct {
	Version         int             `json:"version"`
	Current         bool            `json:"current"`
	CreatedAt       *string         `json:"created_at"`
	CreatedBy       string          `json:"created_by"`
	ChangeID        *int64          `json:"change_id"`
	Budget          string          `json:"budget"`
	ExecutionWeight string          `json:"execution_weight"`
	Indicators      []indicatorJSON `json:"indicators"`
}

func (s *Server) projectVersions(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	vs, err := s.targets.Versions(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := make([]targetVersionJSON, len(vs))
	for i, v := range vs {
		out[i] = targetVersionJSON{Version: v.Version, Current: v.Current, CreatedBy: v.CreatedBy, ChangeID: v.ChangeID,
			Budget: money(v.Budget), ExecutionWeight: number(v.ExecutionWeight),
			Indicators: toProjectJSON(project.Project{Indicators: v.Indicators}).Indicators}
		if v.CreatedAt != nil {
			at := v.CreatedAt.UTC().Format(time.RFC3339)
			out[i].CreatedAt = &at
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// attachLastYear puts beside each indicator of a project its target and
// actual last year (through copy_of or library_id). It only informs: a
// failure is logged and the project answered without it.
func (s *Server) attachLastYear(c echo.Context, p project.Project, out []indicatorJSON) {
	facts, _, err := s.store.LastYearFacts(c.Request().Context(), s.scope(c), p.Department.Code, p.Year, p.CopiedFrom, p.Indicators)
	if err != nil {
		s.log.Warn("last year of targets", "project", p.Code, "error", err)
		return
	}
	for i, y := range facts {
		if y == nil || i >= len(out) {
			continue
		}
		out[i].LastYear = &lastYearJSON{Year: y.Year, Via: y.Via, Project: projectRefJSON{Code: y.ProjectCode, Name: y.ProjectName},
			IndicatorID: y.LastIndicatorID, Target: y.Target, Unit: y.Unit, Actual: y.Actual, Score: y.Score, Status: y.Status}
	}
}
