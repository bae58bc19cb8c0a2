package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/store"
	"jixiao/domain/fields"
	"jixiao/domain/project"
)

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
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	all, err := s.targets.Changes(c.Request().Context(), s.scope(c), c.Param("code"))
	if err != nil {
		return err
	}
	cs := window(all, pg)
	out := make([]targetChangeJSON, len(cs))
	for i, ch := range cs {
		out[i] = toTargetChangeJSON(ch)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
}

// targetChangeQueue lists the adjustment requests the caller may see:
// ?status=pending is a reviewer's queue.
func (s *Server) targetChangeQueue(c echo.Context) error {
	if err := onlyQuery(c, "status", "department", "page", "size"); err != nil {
		return err
	}
	pg, err := pageOf(c, defaultListPage, maxListPage)
	if err != nil {
		return err
	}
	all, err := s.targets.Queue(c.Request().Context(), s.scope(c), c.QueryParam("status"), c.QueryParam("department"))
	if err != nil {
		return err
	}
	cs := window(all, pg)
	out := make([]targetChangeJSON, len(cs))
	for i, ch := range cs {
		out[i] = toTargetChangeJSON(ch)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
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
	return c.JSON(http.StatusOK, s.reportJSON(c, rec))
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
	if err := onlyQuery(c, "year"); err != nil {
		return err
	}
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
