package api

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// bindJSON decodes a request body into v. Malformed JSON is 400 with a
// Chinese message; other refusals of the binder (413 too large, 415 not
// JSON) keep their status.
func bindJSON(c echo.Context, v any) error {
	err := (&echo.DefaultBinder{}).BindBody(c, v)
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code != http.StatusBadRequest {
		return err
	}
	if err != nil {
		return errBadRequest("请求内容不是有效的 JSON")
	}
	return nil
}
