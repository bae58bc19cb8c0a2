package api

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/report"
)

type reportListProjectJSON struct {
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	Department departmentJSON `json:"department"`
}

type reportListItemJSON struct {
	Project       reportListProjectJSON `json:"project"`
	Period        string                `json:"period"`
	PeriodKind    string                `json:"period_kind"`
	Status        string                `json:"status"`
	StatusLabel   string                `json:"status_label"`
	Version       int                   `json:"version"`
	Saved         bool                  `json:"saved"`
	Light         string                `json:"light"`
	Score         *string               `json:"score"`
	Grade         string                `json:"grade"`
	ExecutionRate *string               `json:"execution_rate"`
	Blocking      int                   `json:"blocking"`
	UpdatedAt     *string               `json:"updated_at"`
	UpdatedBy     string                `json:"updated_by"`
	// UpdatedByName is the display name of updated_by.
	UpdatedByName string `json:"updated_by_name"`
	// Returned says who sent a returned report back, when and why; null
	// in every other state.
	Returned *returnedJSON `json:"returned"`
}

// returnedJSON is the step that returned a report, as a list shows it.
type returnedJSON struct {
	By      string `json:"by"`
	ByName  string `json:"by_name"`
	At      string `json:"at"`
	Comment string `json:"comment"`
}

type reportListJSON struct {
	Items []reportListItemJSON `json:"items"`
	Total int                  `json:"total"`
	Page  int                  `json:"page"`
	Size  int                  `json:"size"`
}

// Paging of the report list.
const (
	defaultPageSize = 50
	maxPageSize     = 200
	maxQueryText    = 100 // characters of q
)

// listReports is the reviewer's queue and every report list: one row per
// project × period the caller may see.
func (s *Server) listReports(c echo.Context) error {
	f, err := reportFilter(c)
	if err != nil {
		return err
	}
	sc := s.scope(c)
	return s.provinceJSON(c, sc.All(), "reports?"+c.QueryString(), func(ctx context.Context) (any, error) {
		items, total, err := s.reports.List(ctx, sc, f)
		if err != nil {
			return nil, err
		}
		out := reportListJSON{Items: make([]reportListItemJSON, len(items)), Total: total, Page: f.Page, Size: f.Size}
		for i, it := range items {
			out.Items[i] = toReportListItemJSON(it)
		}
		return out, nil
	})
}

// reportFilter reads the list's query; anything it does not support is 400.
func reportFilter(c echo.Context) (store.ReportFilter, error) {
	if err := onlyQuery(c, "period", "status", "department", "light", "q", "page", "size", "sort"); err != nil {
		return store.ReportFilter{}, err
	}
	f := store.ReportFilter{Period: c.QueryParam("period"), Department: c.QueryParam("department"), Q: strings.TrimSpace(c.QueryParam("q"))}
	if f.Period != "" {
		if _, err := period.Parse(f.Period); err != nil {
			return f, errBadRequest("period 应为期间，例如 2024-06 或 2024")
		}
	}
	if v := c.QueryParam("status"); v != "" {
		st, err := report.ParseStatus(v)
		if err != nil {
			return f, errBadRequest("status 应为 draft、submitted、approved 或 returned")
		}
		f.Status = st
	}
	if v := c.QueryParam("light"); v != "" {
		l, err := report.ParseLight(v)
		if err != nil {
			return f, errBadRequest("light 应为 red、yellow、green、blue 或 grey")
		}
		f.Light = l
	}
	if utf8.RuneCountInString(f.Q) > maxQueryText {
		return f, errBadRequest("q 不能超过 100 个字符")
	}
	var err error
	if f.Page, err = queryInt(c, "page", 1, 100000); err != nil {
		return f, err
	}
	if f.Size, err = queryInt(c, "size", 1, maxPageSize); err != nil {
		return f, err
	}
	f.Page, f.Size = max(f.Page, 1), cmpOr(f.Size, defaultPageSize)
	if v := c.QueryParam("sort"); v != "" {
		name, desc := strings.CutPrefix(v, "-")
		sort, ok := store.ParseReportSort(name)
		if !ok {
			return f, errBadRequest("sort 应为 project、period、status、light、score 或 updated_at，前加 - 表示倒序")
		}
		f.Sort, f.Desc = sort, desc
	}
	return f, nil
}

func cmpOr(v, fallback int) int {
	if v == 0 {
		return fallback
	}
	return v
}

func toReportListItemJSON(it store.ReportListItem) reportListItemJSON {
	out := reportListItemJSON{
		Project: reportListProjectJSON{Code: it.ProjectCode, Name: it.ProjectName,
			Department: departmentJSON{Code: it.DepartmentCode, Name: it.DepartmentName}},
		Period: it.Period.Key, PeriodKind: string(it.Period.Kind), Status: string(it.Status), StatusLabel: it.Status.Label(),
		Version: it.Version, Saved: it.Saved, Light: string(it.Light), Score: nullable(it.Total, score2), Grade: it.Grade,
		ExecutionRate: nullable(it.ExecutionRate, plain), Blocking: it.Blocking, UpdatedBy: it.UpdatedBy, UpdatedByName: it.UpdatedByName,
	}
	if t := it.Returned; t != nil {
		out.Returned = &returnedJSON{By: t.Actor, ByName: it.ReturnedByName, At: t.At.UTC().Format(time.RFC3339), Comment: t.Comment}
	}
	if it.UpdatedAt != nil {
		at := it.UpdatedAt.UTC().Format(time.RFC3339)
		out.UpdatedAt = &at
	}
	return out
}
