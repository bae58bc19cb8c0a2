package api

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openapiDoc is the OpenAPI 3 description of the API; a test keeps it true
// to the route table.
//
//go:embed openapi.json
var openapiDoc []byte

func (s *Server) openapi(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapiDoc)
}
