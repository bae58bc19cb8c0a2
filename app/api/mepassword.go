package api

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/domain/user"
)

type ownPasswordRequest struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// putMyPassword lets a signed-in user change their own password
// (accounts.ChangeOwnPassword): checked like a login, every other session
// of the user ends, this one stays.
func (s *Server) putMyPassword(c echo.Context) error {
	var req ownPasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller := callerOf(c)
	sess, _ := sessionOf(c)
	err := s.accounts.ChangeOwnPassword(c.Request().Context(), caller, sess.ID, req.Current, req.New, s.auditEntry(c, caller), s.trail(c))
	if errors.Is(err, user.ErrNotFound) {
		return errUnauthorized
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
