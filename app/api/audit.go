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
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	ActorID int64     `json:"actor_id,omitempty"`
	// ActorName is the actor's display name ("" when none).
	ActorName string `json:"actor_name"`
	IP        string `json:"ip"`
	Action    string `json:"action"`
	// ActionName is the action in words ("审核通过").
	ActionName string `json:"action_name"`
	ObjectType string `json:"object_type"`
	// ObjectTypeName is the kind of object in words ("报告").
	ObjectTypeName string `json:"object_type_name"`
	ObjectID       string `json:"object_id"`
	// ObjectName is what the object is for people: a report as its
	// project's name and period, a user by name ("" when unknown).
	ObjectName string          `json:"object_name"`
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
	names, err := s.store.AuditNames(c.Request().Context(), es)
	if err != nil {
		return err
	}
	out := auditListJSON{Items: make([]auditEntryJSON, len(es)), Total: total}
	for i, e := range es {
		out.Items[i] = auditEntryJSON{
			ID: e.ID, At: e.At, Actor: e.Actor, ActorID: e.ActorID, ActorName: names["user:"+e.Actor], IP: e.IP,
			Action: e.Action, ActionName: audit.ActionName(e.Action),
			ObjectType: e.ObjectType, ObjectTypeName: audit.ObjectTypeName(e.ObjectType), ObjectID: e.ObjectID,
			ObjectName: names[e.ObjectType+":"+e.ObjectID], Status: e.Status,
			Before: e.Before, After: e.After, Detail: e.Detail,
		}
	}
	return c.JSON(http.StatusOK, out)
}

type namedJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// auditVocabulary lists the actions and the kinds of object of the trail
// with their names: the choices of the audit page's filters.
func (s *Server) auditVocabulary(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	out := struct {
		Actions     []namedJSON `json:"actions"`
		ObjectTypes []namedJSON `json:"object_types"`
	}{}
	for _, a := range audit.Actions() {
		out.Actions = append(out.Actions, namedJSON{a.Code, a.Name})
	}
	for _, o := range audit.ObjectTypes() {
		out.ObjectTypes = append(out.ObjectTypes, namedJSON{o.Code, o.Name})
	}
	return c.JSON(http.StatusOK, out)
}

// auditFilter reads ?actor=&action=&object_type=&object_id=&from=&to=&page=&page_size= (or size=).
// from and to are dates (to includes its whole day) or RFC 3339 instants.
func auditFilter(c echo.Context) (audit.Filter, error) {
	if err := onlyQuery(c, "actor", "action", "object_type", "object_id", "from", "to", "page", "page_size", "size"); err != nil {
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
	// size, as every other list names it, is the same as page_size
	size, err := queryInt(c, "size", 1, audit.MaxPageSize)
	if err != nil {
		return f, err
	}
	if size != 0 {
		if f.PageSize != 0 && f.PageSize != size {
			return f, errBadRequest("size 与 page_size 同义，只能指定一个")
		}
		f.PageSize = size
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
