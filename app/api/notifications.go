package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/reminders"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
)

// errInvalidInput is the kind of the field problems the season's handlers
// find in a request themselves.
var errInvalidInput = errors.New("invalid input")

type notificationJSON struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

// listNotifications lists the caller's newest notifications (100 at most;
// ?unread=true for unread ones only) with the number unread.
func (s *Server) listNotifications(c echo.Context) error {
	ns, unread, err := s.store.ListNotifications(c.Request().Context(), callerOf(c).ID, c.QueryParam("unread") == "true", 100)
	if err != nil {
		return err
	}
	out := make([]notificationJSON, len(ns))
	for i, n := range ns {
		out[i] = notificationJSON{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link, CreatedAt: n.CreatedAt.UTC(), ReadAt: n.ReadAt}
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out, "unread": unread})
}

// markNotificationsRead marks the caller's notifications read: {ids:[…]}
// or {all:true}.
func (s *Server) markNotificationsRead(c echo.Context) error {
	var in struct {
		IDs []int64 `json:"ids"`
		All bool    `json:"all"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if !in.All && len(in.IDs) == 0 {
		return fields.One(errInvalidInput, "ids", "请指定要标为已读的通知，或 all: true")
	}
	ids := in.IDs
	if in.All {
		ids = nil
	}
	caller := callerOf(c)
	n, err := s.store.MarkRead(c.Request().Context(), caller.ID, ids, s.now().UTC())
	if err != nil {
		return err
	}
	e := s.auditEntry(c, caller)
	e.Action, e.ObjectType, e.ObjectID, e.Status = "notifications.read", "user", caller.Username, 200
	e.Detail = audit.JSON(map[string]any{"ids": in.IDs, "all": in.All, "updated": n})
	if err := s.store.AppendAudit(c.Request().Context(), e); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"updated": n})
}

// putMyEmail sets where the caller's reminders are mailed ("" for none).
func (s *Server) putMyEmail(c echo.Context) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	email := strings.TrimSpace(in.Email)
	if !reminders.CheckEmail(email) {
		return fields.One(errInvalidInput, "email", "电子邮件地址格式有误")
	}
	caller := callerOf(c)
	if err := s.store.SetEmail(c.Request().Context(), caller.ID, email, s.auditEntry(c, caller)); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"email": email})
}
