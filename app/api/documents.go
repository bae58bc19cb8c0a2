package api

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/domain/evidence"
)

// reportDocument sends a report's document (.docx).
func (s *Server) reportDocument(c echo.Context) error {
	var buf bytes.Buffer
	name, err := s.documents.ReportDocument(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), &buf)
	if err != nil {
		return err
	}
	return sendDocx(c, name, buf.Bytes())
}

// departmentDocument sends the document of every project of a department.
func (s *Server) departmentDocument(c echo.Context) error {
	var buf bytes.Buffer
	name, err := s.documents.DepartmentDocument(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"), &buf)
	if err != nil {
		return err
	}
	return sendDocx(c, name, buf.Bytes())
}

func sendDocx(c echo.Context, name string, body []byte) error {
	h := c.Response().Header()
	h.Set("Content-Disposition", contentDisposition("attachment", name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, evidence.DOCX.ContentType, body)
}
