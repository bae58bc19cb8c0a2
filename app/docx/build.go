package docx

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/monitor"
	"jixiao/domain/period"
	"jixiao/domain/project"
	"jixiao/domain/rectify"
	"jixiao/domain/report"
)

// Service builds report documents from what is stored.
type Service struct {
	store   *store.Store
	reports *reports.Service
	now     func() time.Time
}

// NewService returns the document use cases.
func NewService(st *store.Store, rs *reports.Service, now func() time.Time) *Service {
	return &Service{store: st, reports: rs, now: now}
}

// ReportDocument writes the document of one report the caller sees, and
// returns its file name. The download is audited.
func (s *Service) ReportDocument(ctx context.Context, sc store.Scope, a reports.Actor, code, periodKey string, w io.Writer) (string, error) {
	r, err := s.report(ctx, sc, code, periodKey)
	if err != nil {
		return "", err
	}
	if err := s.audit(ctx, a, "report", code+"/"+periodKey); err != nil {
		return "", err
	}
	return r.Title + ".docx", Write(w, Document{Title: r.Title, Reports: []Report{r}}, s.now())
}

// DepartmentDocument writes one document with every project of a
// department the caller sees for a period: a summary table, then each
// project's report. A department the scope does not cover is
// project.ErrNotFound.
func (s *Service) DepartmentDocument(ctx context.Context, sc store.Scope, a reports.Actor, dept, periodKey string, w io.Writer) (string, error) {
	per, err := period.Parse(periodKey)
	if err != nil {
		return "", err
	}
	all, err := s.store.ListProjects(ctx, sc, store.ProjectFilter{Year: per.Year, Department: dept})
	if err != nil {
		return "", err
	}
	// only approved targets have reports (a draft, such as a department's
	// overall target set still being written, has none yet)
	ps := all[:0]
	for _, p := range all {
		if p.Status == "" || p.Status == project.StatusApproved {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 || !sc.SeesDepartment(dept) {
		return "", fmt.Errorf("department %s: %w", dept, project.ErrNotFound)
	}
	doc := Document{Summary: true, Department: ps[0].Department.Name + "（" + dept + "）", PeriodLabel: periodLabel(per)}
	for _, p := range ps {
		r, err := s.report(ctx, sc, p.Code, periodKey)
		if err != nil {
			return "", err
		}
		doc.Reports = append(doc.Reports, r)
	}
	doc.Title = ps[0].Department.Name + periodTitle(per)
	if err := s.audit(ctx, a, "department", dept+"/"+periodKey); err != nil {
		return "", err
	}
	return doc.Title + ".docx", Write(w, doc, s.now())
}

func (s *Service) audit(ctx context.Context, a reports.Actor, objectType, id string) error {
	return s.store.AppendAudit(ctx, audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP,
		Action: "report.document", ObjectType: objectType, ObjectID: id, Status: 200})
}

func (s *Service) report(ctx context.Context, sc store.Scope, code, periodKey string) (Report, error) {
	rec, err := s.reports.Get(ctx, sc, code, periodKey)
	if err != nil {
		return Report{}, err
	}
	items, err := s.store.ListRectifications(ctx, sc, code, periodKey)
	if err != nil {
		return Report{}, err
	}
	return FromRecord(rec, items), nil
}

// periodTitle is the document's kind and period: 2024年度绩效自评报告 or
// 2024年1–6月绩效监控情况.
func periodTitle(p period.Period) string {
	if p.Kind == period.KindFinal {
		return fmt.Sprintf("%d年度绩效自评报告", p.Year)
	}
	return fmt.Sprintf("%d年1–%d月绩效监控情况", p.Year, p.CutoffMonth)
}

func periodLabel(p period.Period) string {
	if p.Kind == period.KindFinal {
		return fmt.Sprintf("%d年度", p.Year)
	}
	return fmt.Sprintf("%d年1–%d月", p.Year, p.CutoffMonth)
}

func opt(d *decimal.Decimal, f func(decimal.Decimal) string) string {
	if d == nil {
		return "—"
	}
	return f(*d)
}

func money(d decimal.Decimal) string { return d.StringFixed(2) }
func plain(d decimal.Decimal) string { return d.String() }
func percent(d decimal.Decimal) string {
	return d.Mul(decimal.NewFromInt(100)).Round(2).String() + "%"
}

var natureSymbols = map[project.Nature]string{
	project.NatureGE: "≥", project.NatureGT: ">", project.NatureLE: "≤", project.NatureLT: "<", project.NatureEQ: "=", project.NatureQualitative: "定性",
}

// unfilled is what the document says of a report never saved, in place of
// a status, a light, a score or a grade.
const unfilled = "未填报"

var lightLabels = map[report.Light]string{
	report.LightRed: "红", report.LightYellow: "黄", report.LightGreen: "绿", report.LightBlue: "蓝", report.LightGrey: unfilled,
}

// FromRecord is the document's view of a report and its rectification items.
func FromRecord(rec store.ReportRecord, items []rectify.Item) Report {
	p, r, ev := rec.Project, rec.Report, rec.Evaluation
	monitorPeriod := rec.Period.Kind != period.KindFinal
	out := Report{Title: p.Name + periodTitle(rec.Period), Code: p.Code, Name: p.Name, Department: p.Department.Name,
		Category: p.Category, Budget: money(p.Budget), Goal: p.Goal, Status: r.Status.Label(), Monitor: monitorPeriod,
		Adjusted: money(ev.Budget.Adjusted), Executed: opt(r.Budget.Executed, money), Projected: opt(r.Budget.Projected, money),
		TimeProgress: percent(ev.TimeProgress), Rate: opt(ev.Budget.Rate, percent), ExecutionScore: money(ev.Score.Execution.Score),
		BudgetReason: r.Budget.Reason, Total: money(ev.Total), Grade: string(ev.Grade), TotalBasis: ev.Score.Basis,
		ExecutedLabel: "全年执行数（万元）", ValueLabel: "实际完成值", TotalLabel: "自评得分"}
	out.Filled, out.TargetNotice = rec.Saved, rec.TargetNotice()
	if rec.Saved {
		out.RuleProfile = ev.RuleProfile.Label()
	}
	if !rec.Saved {
		// nobody filled it: no score, no grade, no light (not 0, not 差)
		out.Status, out.Total, out.Grade, out.ExecutionScore = unfilled, "", "", ""
	}
	if monitorPeriod {
		out.ExecutedLabel = fmt.Sprintf("1–%d月执行数（万元）", rec.Period.CutoffMonth)
		out.ValueLabel = fmt.Sprintf("1–%d月完成值", rec.Period.CutoffMonth)
		out.TotalLabel = "预计得分"
	}
	evals := map[int64]monitor.LineEvaluation{}
	for _, le := range ev.Lines {
		evals[le.IndicatorID] = le
	}
	for _, in := range p.Indicators {
		l, _, _ := r.Line(in.ID)
		le := evals[in.ID]
		target := strings.TrimSpace(natureSymbols[in.Nature] + " " + in.Target + " " + in.Unit)
		value := opt(l.Value, plain)
		switch {
		case l.NotApplicable:
			value = "不适用：" + l.NotApplicableReason
		case l.CompletedOn != "":
			value = "已完成（" + l.CompletedOn + "）"
		case l.Band != report.BandNone:
			value = l.Band.Label()
		}
		line := Line{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Target: target, Value: value,
			Projected: opt(l.Projected, plain), Weight: plain(in.Weight), Score: money(le.Score.Score), Light: lightLabels[le.Light],
			Basis: le.Score.Basis}
		if !rec.Saved {
			line.Score, line.Light, line.Basis = "", unfilled, ""
		}
		if le.Score.Adjusted != nil {
			line.Basis += "（审核调整：" + le.Score.Reason + "）"
		}
		out.Lines = append(out.Lines, line)
		if l.Explanation != "" || l.Measures != "" || len(l.DeviationCauses) > 0 {
			causes := make([]string, len(l.DeviationCauses))
			for i, c := range l.DeviationCauses {
				causes[i] = c.Label()
			}
			d := Deviation{Name: in.Name, Causes: strings.Join(causes, "、"), Explanation: l.Explanation, Measures: l.Measures}
			if l.Likelihood != "" {
				d.Likelihood = l.Likelihood.Label()
			}
			out.Deviations = append(out.Deviations, d)
		}
	}
	for _, it := range items {
		x := Rectification{Text: it.Text, Status: it.Status.Label(), Answer: it.Answer}
		if it.Due != nil {
			x.Due = it.Due.Format(time.DateOnly)
		}
		out.Rectifications = append(out.Rectifications, x)
	}
	return out
}
