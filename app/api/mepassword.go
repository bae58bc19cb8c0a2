package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/app/auth"
	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/user"
)

type ownPasswordRequest struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// putMyPassword lets a signed-in user change their own password. The
// current password is checked like a login (it counts toward the lockout of
// the username, so a stolen session cannot guess it); every other session
// of the user ends, this one stays.
func (s *Server) putMyPassword(c echo.Context) error {
	var req ownPasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	caller := callerOf(c)
	sess, _ := sessionOf(c)
	ctx := c.Request().Context()
	p := fields.Problems{}
	if req.Current == "" {
		p.Add("current", "请输入当前密码")
	}
	if req.New == "" {
		p.Add("new", "请输入新密码")
	} else if err := user.ValidatePassword(req.New); err != nil {
		p.Add("new", err.Error())
	} else if req.New == req.Current {
		p.Add("new", "新密码不能与当前密码相同")
	}
	if err := p.Err(user.ErrInvalid); err != nil {
		return err
	}
	now := s.now()
	entry := s.auditEntry(c, caller)
	entry.ObjectType, entry.ObjectID = "user", caller.Username
	attemptID, failures, err := s.admitLogin(ctx, caller.Username, entry.IP, now)
	if err != nil {
		return err
	}
	var hash string
	var reason string
	var reused bool
	herr := s.hashing(ctx, func() error {
		_, stored, err := s.store.UserForLogin(ctx, caller.Username)
		if err != nil {
			return err
		}
		if verr := auth.VerifyPassword(stored, req.Current); verr != nil {
			reason = "wrong current password"
			return nil
		}
		// none of the last passwords again (security.go)
		if reused, err = s.passwordReused(ctx, caller.ID, req.New); err != nil || reused {
			return err
		}
		hash, err = auth.HashPassword(req.New)
		return err
	})
	if reused {
		s.cancelStep(ctx, attemptID)
		return user.FieldError("new", reusedPasswordMessage)
	}
	if herr != nil {
		if err := s.store.CancelLogin(context.WithoutCancel(ctx), attemptID); err != nil {
			s.log.Error("cancel a password check", "error", err)
		}
		return herr
	}
	if reason != "" {
		entry.Action, entry.Status = audit.LoginFailed, http.StatusUnprocessableEntity
		entry.Detail = audit.JSON(map[string]string{"reason": reason, "via": "PUT /api/v1/me/password"})
		if err := s.store.FinishLogin(ctx, attemptID, nil, entry); err != nil {
			return err
		}
		markAudited(c)
		if locked := s.lockout.Check(append(failures, now), now); locked != nil {
			s.gate.remember(caller.Username, now, locked)
			return locked
		}
		return user.FieldError("current", "当前密码不正确")
	}
	entry.Status = http.StatusNoContent
	if err := s.store.ChangeOwnPassword(ctx, attemptID, caller.ID, hash, sess.ID, entry); err != nil {
		if errors.Is(err, user.ErrNotFound) {
			return errUnauthorized
		}
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
