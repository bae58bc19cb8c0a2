package api

import (
	"context"
	"net/http"

	gojson "github.com/goccy/go-json"
	"github.com/labstack/echo/v4"
)

// Every list answers one page: `page` (from 1) and `size` (at most a
// maximum), with a default size when none is asked for, as
// GET /api/v1/projects does; the answer carries `total`, `page` and `size`.
// No request gets a whole table of a province.
const (
	defaultListPage = 50
	maxListPage     = 500
)

// paging is a page of a list as asked for.
type paging struct {
	Page, Size int
}

// Offset is the rows before the page.
func (p paging) Offset() int { return (p.Page - 1) * p.Size }

// window cuts the page out of rows already read: the answer is bounded,
// though the read is not. It serves the lists that are a caller's own and
// short beside a province's tables (a report's attachments and
// rectifications, a project's target changes, a reviewer's rounds, to-dos
// and change queue, the account resets); the province's lists (projects,
// reports, users, contacts, departments, audit) are cut in their queries.
func window[T any](rows []T, p paging) []T {
	lo := min(p.Offset(), len(rows))
	return rows[lo:min(lo+p.Size, len(rows))]
}

// pageOf reads page and size (default def, at most hi); bad values are 400.
func pageOf(c echo.Context, def, hi int) (paging, error) {
	page, err := queryInt(c, "page", 1, 100000)
	if err != nil {
		return paging{}, err
	}
	size, err := queryInt(c, "size", 1, hi)
	if err != nil {
		return paging{}, err
	}
	return paging{Page: max(page, 1), Size: cmpOr(size, def)}, nil
}

// listPaging reads page and size of a list that takes no other query
// parameter (anything else is 400), with the default and maximum sizes.
func listPaging(c echo.Context) (paging, error) {
	if err := onlyQuery(c, "page", "size"); err != nil {
		return paging{}, err
	}
	return pageOf(c, defaultListPage, maxListPage)
}

// pageJSON is a page of a list as every list answers it.
type pageJSON[T any] struct {
	Items []T `json:"items"`
	// Total counts every item, on every page.
	Total int `json:"total"`
	Page  int `json:"page"`
	Size  int `json:"size"`
}

func pagedJSON[T any](items []T, total int, p paging) pageJSON[T] {
	return pageJSON[T]{Items: items, Total: total, Page: p.Page, Size: p.Size}
}

// provinceJSON answers with what make gives, kept a moment under key by the
// store (JIXIAO_DASHBOARD_CACHE_MS) when shared is true: an answer that is
// the same for everyone who sees the whole province (an auditor's first
// pages, opened by many at once on the deadline's days) is then made once a
// moment, not once per caller. A write through this server is seen at once.
func (s *Server) provinceJSON(c echo.Context, shared bool, key string, make func(ctx context.Context) (any, error)) error {
	ctx := c.Request().Context()
	if !shared {
		v, err := make(ctx)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
	body, err := s.store.ProvinceAnswer(ctx, key, func(ctx context.Context) ([]byte, error) {
		v, err := make(ctx)
		if err != nil {
			return nil, err
		}
		return gojson.Marshal(v)
	})
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, body)
}
