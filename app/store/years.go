package store

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// AnnualLine is an indicator's line in an annual self-evaluation.
type AnnualLine struct {
	IndicatorID int64
	Value       *string
	Score       string
	Light       string
}

// AnnualResult is a project's annual self-evaluation as stored: its status,
// total, grade and execution rate, with its lines.
type AnnualResult struct {
	ProjectCode   string
	Status        string
	Total         decimal.Decimal
	Grade         string
	ExecutionRate *decimal.Decimal
	Lines         map[int64]AnnualLine
}

// ProjectChain lists the projects linked to code by copied_from, backwards
// and forwards, that the scope sees, oldest year first (at most 20).
func (s *Store) ProjectChain(ctx context.Context, sc Scope, code string) ([]project.Project, error) {
	first, err := s.GetProject(ctx, sc, code)
	if err != nil {
		return nil, err
	}
	chain := []project.Project{first}
	seen := map[string]bool{code: true}
	for cur := first; cur.CopiedFrom != "" && !seen[cur.CopiedFrom] && len(chain) < 20; {
		p, err := s.GetProject(ctx, sc, cur.CopiedFrom)
		if err != nil {
			break // not visible, or gone
		}
		seen[p.Code] = true
		chain = append([]project.Project{p}, chain...)
		cur = p
	}
	for cur := first; len(chain) < 20; {
		cond, args := sc.where("p")
		var next []string
		if err := s.db.WithContext(ctx).Raw(`SELECT p.code FROM projects p WHERE p.copied_from = ? AND `+cond+` ORDER BY p.year, p.code LIMIT 1`,
			append([]any{cur.Code}, args...)...).Scan(&next).Error; err != nil {
			return nil, fmt.Errorf("project chain of %s: %w", code, err)
		}
		if len(next) == 0 || seen[next[0]] {
			break
		}
		p, err := s.GetProject(ctx, sc, next[0])
		if err != nil {
			return nil, err
		}
		seen[p.Code] = true
		chain = append(chain, p)
		cur = p
	}
	return chain, nil
}

// AnnualResults reads the annual self-evaluations (period key = the
// project's year) of the given projects, whatever their status.
func (s *Store) AnnualResults(ctx context.Context, codes []string) (map[string]AnnualResult, error) {
	out := map[string]AnnualResult{}
	if len(codes) == 0 {
		return out, nil
	}
	var heads []struct {
		ID            int64
		ProjectCode   string
		Status        string
		Total         decimal.Decimal
		Grade         string
		ExecutionRate decimal.NullDecimal
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT r.id, r.project_code, r.status, r.total, r.grade, r.execution_rate
		FROM reports r JOIN projects p ON p.code = r.project_code
		WHERE r.project_code = ANY(?) AND r.period_key = p.year::text`, textArray(codes)).Scan(&heads).Error; err != nil {
		return nil, fmt.Errorf("annual results: %w", err)
	}
	ids := make([]int64, 0, len(heads))
	byID := map[int64]string{}
	for _, h := range heads {
		r := AnnualResult{ProjectCode: h.ProjectCode, Status: h.Status, Total: h.Total, Grade: h.Grade, Lines: map[int64]AnnualLine{}}
		if h.ExecutionRate.Valid {
			v := h.ExecutionRate.Decimal
			r.ExecutionRate = &v
		}
		out[h.ProjectCode] = r
		ids = append(ids, h.ID)
		byID[h.ID] = h.ProjectCode
	}
	var lines []struct {
		ReportID int64
		AnnualLine
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT report_id, indicator_id, value::text AS value, score::text AS score, light
		FROM report_lines WHERE report_id = ANY(?)`, ints(ids)).Scan(&lines).Error; err != nil {
		return nil, fmt.Errorf("annual result lines: %w", err)
	}
	for _, l := range lines {
		l.Value = trimStored(l.Value)
		out[byID[l.ReportID]].Lines[l.IndicatorID] = l.AnnualLine
	}
	return out, nil
}

// DepartmentProject is a project of a department in some year, with the
// project it was copied from.
type DepartmentProject struct {
	Code       string
	Name       string
	Year       int
	CopiedFrom string
	Status     string
}

// DepartmentProjectsAllYears lists a department's projects of every year
// the scope sees, oldest year first (at most 5,000).
func (s *Store) DepartmentProjectsAllYears(ctx context.Context, sc Scope, department string) ([]DepartmentProject, error) {
	cond, args := sc.where("p")
	var out []DepartmentProject
	if err := s.db.WithContext(ctx).Raw(`SELECT p.code, p.name, p.year, p.copied_from, p.status FROM projects p
		WHERE p.department_code = ? AND `+cond+` ORDER BY p.year, p.code LIMIT 5000`, append([]any{department}, args...)...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("projects of %s by year: %w", department, err)
	}
	return out, nil
}
