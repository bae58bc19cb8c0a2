package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/accounts"
	"jixiao/app/store"
	"jixiao/domain/user"
)

// resetJSON is a request to reset a user's password or second factor that
// waits for (or was decided by) a second person. actions are what the
// caller may do with it now: "confirm", "reject".
type resetJSON struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Username    string     `json:"username"`
	DisplayName string     `json:"display_name"`
	Roles       []string   `json:"roles"`
	RequestedBy string     `json:"requested_by"`
	RequestedAt time.Time  `json:"requested_at"`
	ExpiresAt   time.Time  `json:"expires_at"`
	Status      string     `json:"status"`
	DecidedBy   string     `json:"decided_by"`
	DecidedAt   *time.Time `json:"decided_at"`
	Comment     string     `json:"comment"`
	Actions     []string   `json:"actions"`
}

func toResetJSON(r store.Reset, caller user.Caller) resetJSON {
	out := resetJSON{ID: r.ID, Kind: string(r.Kind), Username: r.Username, DisplayName: r.DisplayName, Roles: []string{},
		RequestedBy: r.RequestedBy, RequestedAt: r.RequestedAt, ExpiresAt: r.ExpiresAt, Status: string(r.Status),
		DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt, Comment: r.Comment, Actions: []string{}}
	for _, role := range r.Roles {
		out.Roles = append(out.Roles, string(role))
	}
	if r.Status == user.ResetPending {
		if user.CheckConfirmer(caller, r.RequestedByID, r.UserID) == nil {
			out.Actions = append(out.Actions, "confirm", "reject")
		} else if r.RequestedByID == caller.ID {
			out.Actions = append(out.Actions, "reject")
		}
	}
	return out
}

func (s *Server) accountActor(c echo.Context) accounts.Actor {
	return accounts.Actor{Caller: callerOf(c), IP: c.RealIP()}
}

// respondReset answers a reset: 200 with the account when it was applied,
// 202 with the request when it waits for a second person.
func (s *Server) respondReset(c echo.Context, out accounts.Outcome) error {
	if out.Pending != nil {
		return c.JSON(http.StatusAccepted, toResetJSON(*out.Pending, callerOf(c)))
	}
	return c.JSON(http.StatusOK, toUserJSON(out.Account))
}

// listResets lists reset requests (?status=pending: those that wait for a
// second person), for administrators and auditors.
func (s *Server) listResets(c echo.Context) error {
	if err := onlyQuery(c, "status", "page", "size"); err != nil {
		return err
	}
	pg, err := pageOf(c, defaultListPage, maxListPage)
	if err != nil {
		return err
	}
	all, err := s.accounts.Resets(c.Request().Context(), c.QueryParam("status"))
	if err != nil {
		return err
	}
	caller := callerOf(c)
	rs := window(all, pg)
	out := make([]resetJSON, len(rs))
	for i, r := range rs {
		out[i] = toResetJSON(r, caller)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
}

// confirmReset is the second person's confirmation: the reset applies.
func (s *Server) confirmReset(c echo.Context) error {
	id, err := resetID(c)
	if err != nil {
		return err
	}
	var in struct{}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, _, err := s.accounts.Confirm(c.Request().Context(), s.accountActor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toResetJSON(r, callerOf(c)))
}

// rejectReset turns a reset request down (or withdraws one's own).
func (s *Server) rejectReset(c echo.Context) error {
	id, err := resetID(c)
	if err != nil {
		return err
	}
	var in struct {
		Comment string `json:"comment"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if len([]rune(in.Comment)) > 500 {
		return user.FieldError("comment", "意见不超过 500 字")
	}
	r, _, err := s.accounts.Reject(c.Request().Context(), s.accountActor(c), id, in.Comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toResetJSON(r, callerOf(c)))
}

func resetID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(c.Param("id")), 10, 64)
	if err != nil || id < 1 {
		return 0, errNotFound
	}
	return id, nil
}
