package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"

	"jixiao/app/store"
	"jixiao/app/targets"
	"jixiao/domain/fields"
	"jixiao/domain/project"
	"jixiao/domain/user"
)

// num reads an exact decimal (a JSON string or number) for field; absent or
// null is nil, anything else malformed is a problem of the field.
func num(pr fields.Problems, raw json.RawMessage, field string) *decimal.Decimal {
	return reader{pr: pr}.number(raw, field)
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
}

func (in indicatorInput) toDomain(pr fields.Problems, prefix string) project.Indicator {
	out := project.Indicator{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: in.Target, Unit: in.Unit,
		Accrual: project.Accrual(in.Accrual)}
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
}

// toTargetProjectJSON renders a project with the actions the caller may take
// on its targets now.
func toTargetProjectJSON(p project.Project, caller user.Caller) targetProjectJSON {
	out := targetProjectJSON{projectJSON: toProjectJSON(p), Status: string(p.Status), StatusLabel: p.Status.Label(),
		Version: p.Version, TargetVersion: p.TargetVersion, CopiedFrom: p.CopiedFrom, Actions: targets.Actions(caller, p)}
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
	return c.JSON(http.StatusCreated, toTargetProjectJSON(p, callerOf(c)))
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
	return c.JSON(http.StatusOK, toTargetProjectJSON(p, callerOf(c)))
}

func (s *Server) submitProject(c echo.Context) error {
	p, err := s.targets.Submit(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTargetProjectJSON(p, callerOf(c)))
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
	return c.JSON(http.StatusOK, toTargetProjectJSON(p, callerOf(c)))
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
	return c.JSON(http.StatusOK, toTargetProjectJSON(p, callerOf(c)))
}

func (s *Server) reviewProject(c echo.Context) error {
	fs, err := s.targets.Review(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"findings": fs})
}

type projectTransitionJSON struct {
	Action   string          `json:"action"`
	From     string          `json:"from"`
	To       string          `json:"to"`
	Actor    string          `json:"actor"`
	At       string          `json:"at"`
	Comment  string          `json:"comment"`
	Findings json.RawMessage `json:"findings"`
}

func (s *Server) projectTransitions(c echo.Context) error {
	ts, err := s.targets.Transitions(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := make([]projectTransitionJSON, len(ts))
	for i, t := range ts {
		out[i] = projectTransitionJSON{Action: string(t.Action), From: string(t.From), To: string(t.To), Actor: t.Actor,
			At: t.At.UTC().Format(time.RFC3339), Comment: t.Comment, Findings: t.Findings}
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

// changeItemInput is one item of an adjustment request.
type changeItemInput struct {
	Op          string          `json:"op"`
	IndicatorID int64           `json:"indicator_id"`
	Target      *string         `json:"target"`
	Unit        *string         `json:"unit"`
	Weight      json.RawMessage `json:"weight"`
	Indicator   *indicatorInput `json:"indicator"`
}

func (s *Server) requestTargetChange(c echo.Context) error {
	var in struct {
		Reason string            `json:"reason"`
		Items  []changeItemInput `json:"items"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	pr := fields.Problems{}
	items := make([]project.ChangeItem, len(in.Items))
	for i, it := range in.Items {
		f := fmt.Sprintf("items[%d].", i)
		items[i] = project.ChangeItem{Op: project.ChangeOp(it.Op), IndicatorID: it.IndicatorID, Target: it.Target, Unit: it.Unit,
			Weight: num(pr, it.Weight, f+"weight")}
		if it.Op == string(project.OpAdd) {
			if it.Indicator == nil {
				pr.Add(f+"indicator", "新增指标时请填写指标内容")
				continue
			}
			items[i].Indicator = it.Indicator.toDomain(pr, f+"indicator.")
		}
	}
	if err := pr.Err(project.ErrInvalid); err != nil {
		return err
	}
	ch, err := s.targets.RequestChange(c.Request().Context(), s.scope(c), s.targetActor(c), c.Param("code"), in.Reason, items)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toTargetChangeJSON(ch))
}

type targetChangeItemJSON struct {
	Op          string         `json:"op"`
	IndicatorID *int64         `json:"indicator_id,omitempty"`
	Target      *string        `json:"target,omitempty"`
	Unit        *string        `json:"unit,omitempty"`
	Weight      *string        `json:"weight,omitempty"`
	Indicator   *indicatorJSON `json:"indicator,omitempty"`
}

type targetChangeJSON struct {
	ID            int64                  `json:"id"`
	Project       string                 `json:"project"`
	Status        string                 `json:"status"`
	Reason        string                 `json:"reason"`
	Items         []targetChangeItemJSON `json:"items"`
	BaseVersion   int                    `json:"base_version"`
	ResultVersion *int                   `json:"result_version"`
	RequestedBy   string                 `json:"requested_by"`
	RequestedAt   string                 `json:"requested_at"`
	DecidedBy     string                 `json:"decided_by"`
	DecidedAt     *string                `json:"decided_at"`
	Comment       string                 `json:"comment"`
}

func toTargetChangeJSON(ch store.TargetChange) targetChangeJSON {
	out := targetChangeJSON{ID: ch.ID, Project: ch.ProjectCode, Status: string(ch.Status), Reason: ch.Reason,
		Items: make([]targetChangeItemJSON, len(ch.Items)), BaseVersion: ch.BaseVersion, ResultVersion: ch.ResultVersion,
		RequestedBy: ch.RequestedBy, RequestedAt: ch.RequestedAt.UTC().Format(time.RFC3339), DecidedBy: ch.DecidedBy, Comment: ch.Comment}
	if ch.DecidedAt != nil {
		at := ch.DecidedAt.UTC().Format(time.RFC3339)
		out.DecidedAt = &at
	}
	for i, it := range ch.Items {
		j := targetChangeItemJSON{Op: string(it.Op), Target: it.Target, Unit: it.Unit, Weight: nullable(it.Weight, number)}
		if it.IndicatorID != 0 {
			id := it.IndicatorID
			j.IndicatorID = &id
		}
		if it.Op == project.OpAdd {
			ind := toProjectJSON(project.Project{Indicators: []project.Indicator{it.Indicator}}).Indicators[0]
			j.Indicator = &ind
		}
		out.Items[i] = j
	}
	return out
}

func (s *Server) listTargetChanges(c echo.Context) error {
	cs, err := s.targets.Changes(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	out := make([]targetChangeJSON, len(cs))
	for i, ch := range cs {
		out[i] = toTargetChangeJSON(ch)
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (s *Server) decideTargetChange(c echo.Context, approve bool) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return errNotFound
	}
	var in struct {
		Comment string `json:"comment"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	ch, err := s.targets.Decide(c.Request().Context(), s.scope(c), s.targetActor(c), id, approve, in.Comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTargetChangeJSON(ch))
}

func (s *Server) approveTargetChange(c echo.Context) error { return s.decideTargetChange(c, true) }
func (s *Server) rejectTargetChange(c echo.Context) error  { return s.decideTargetChange(c, false) }

func (s *Server) retargetReport(c echo.Context) error {
	a := s.targetActor(c)
	rec, err := s.targets.MoveReport(c.Request().Context(), s.scope(c), a, c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReportJSON(rec))
}

type spendingJSON struct {
	Subject string `json:"subject"`
	Name    string `json:"name"`
	Amount  string `json:"amount"`
}

type reconciliationJSON struct {
	Department   departmentJSON `json:"department"`
	Year         int            `json:"year"`
	Projects     int            `json:"projects"`
	TargetsTotal string         `json:"targets_total"`
	BudgetTotal  *string        `json:"budget_total"`
	Difference   *string        `json:"difference"`
	Spending     []spendingJSON `json:"spending"`
}

func toReconciliationJSON(r project.Reconciliation) reconciliationJSON {
	out := reconciliationJSON{Department: departmentJSON{Code: r.Department.Code, Name: r.Department.Name}, Year: r.Year,
		Projects: r.Projects, TargetsTotal: money(r.TargetsTotal), BudgetTotal: nullable(r.BudgetTotal, money),
		Difference: nullable(r.Difference, money), Spending: make([]spendingJSON, len(r.Spending))}
	for i, l := range r.Spending {
		out.Spending[i] = spendingJSON{Subject: l.Subject, Name: l.Name, Amount: money(l.Amount)}
	}
	return out
}

func (s *Server) reconciliation(c echo.Context) error {
	year, err := queryYear(c)
	if err != nil {
		return err
	}
	if year == 0 {
		return errBadRequest("请指定年度，例如 year=2024")
	}
	r, err := s.targets.Reconciliation(c.Request().Context(), s.scope(c), c.Param("code"), year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReconciliationJSON(r))
}
