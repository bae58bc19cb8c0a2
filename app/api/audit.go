package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/domain/audit"
)

type auditEntryJSON struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	ActorID    int64           `json:"actor_id,omitempty"`
	IP         string          `json:"ip"`
	Action     string          `json:"action"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id"`
	Status     int             `json:"status"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
	Detail     json.RawMessage `json:"detail"`
}

type auditListJSON struct {
	Items []auditEntryJSON `json:"items"`
	Total int              `json:"total"`
}

func (s *Server) listAudit(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	es, total, err := s.store.ListAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := auditListJSON{Items: make([]auditEntryJSON, len(es)), Total: total}
	for i, e := range es {
		out.Items[i] = auditEntryJSON{
			ID: e.ID, At: e.At, Actor: e.Actor, ActorID: e.ActorID, IP: e.IP, Action: e.Action,
			ObjectType: e.ObjectType, ObjectID: e.ObjectID, Status: e.Status,
			Before: e.Before, After: e.After, Detail: e.Detail,
		}
	}
	return c.JSON(http.StatusOK, out)
}

// auditFilter reads ?actor=&action=&object_type=&object_id=&from=&to=&page=&page_size=.
// from and to are dates (to includes its whole day) or RFC 3339 instants.
func auditFilter(c echo.Context) (audit.Filter, error) {
	if err := onlyQuery(c, "actor", "action", "object_type", "object_id", "from", "to", "page", "page_size"); err != nil {
		return audit.Filter{}, err
	}
	f := audit.Filter{
		Actor: c.QueryParam("actor"), Action: c.QueryParam("action"),
		ObjectType: c.QueryParam("object_type"), ObjectID: c.QueryParam("object_id"),
	}
	var err error
	if f.From, err = queryInstant(c, "from", false); err != nil {
		return f, err
	}
	if f.To, err = queryInstant(c, "to", true); err != nil {
		return f, err
	}
	if f.Page, err = queryInt(c, "page", 1, 1<<30); err != nil {
		return f, err
	}
	if f.PageSize, err = queryInt(c, "page_size", 1, audit.MaxPageSize); err != nil {
		return f, err
	}
	return f, nil
}

func queryInstant(c echo.Context, name string, endOfDay bool) (time.Time, error) {
	v := c.QueryParam(name)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	if err != nil {
		return time.Time{}, errBadRequest(name + " 应为日期（2024-06-30）或时间（2024-06-30T08:00:00+08:00）")
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

func queryInt(c echo.Context, name string, lo, hi int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errBadRequest(name + " 应为 " + strconv.Itoa(lo) + " 到 " + strconv.Itoa(hi) + " 之间的整数")
	}
	return n, nil
}
