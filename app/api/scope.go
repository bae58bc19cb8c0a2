package api

import (
	"github.com/labstack/echo/v4"

	"jixiao/app/store"
)

// scope is what the caller may see.
func (s *Server) scope(c echo.Context) store.Scope {
	return store.ScopeAll()
}
