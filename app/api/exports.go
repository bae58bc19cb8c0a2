package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"jixiao/app/workbooks"
	"jixiao/domain/project"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download sets the headers of a workbook attachment on its first byte, so
// that an error found before anything is written still answers as JSON.
type download struct {
	c           echo.Context
	name        string
	contentType string // "" for a workbook
	started     bool
}

// Write sends b, with the headers first.
func (d *download) Write(b []byte) (int, error) {
	if !d.started {
		d.started = true
		h := d.c.Response().Header()
		ct := d.contentType
		if ct == "" {
			ct = xlsxType
		}
		h.Set(echo.HeaderContentType, ct)
		h.Set(echo.HeaderContentDisposition, `attachment; filename="`+safeName(d.name)+`"`)
		h.Set("Cache-Control", "no-store")
		d.c.Response().WriteHeader(http.StatusOK)
	}
	return d.c.Response().Write(b)
}

// exportTable answers GET /api/v1/exports/{table}.xlsx: the table of what
// the caller may see (404 for a department outside their scope).
func (s *Server) exportTable(table string) echo.HandlerFunc {
	return func(c echo.Context) error {
		year, err := queryYear(c)
		if err != nil {
			return err
		}
		req := workbooks.ExportRequest{Table: table, Year: year, Period: c.QueryParam("period"), Department: c.QueryParam("department"),
			Kind: project.ProjectKind(c.QueryParam("kind"))}
		name := table + "-"
		switch req.Kind {
		case "", project.KindProject:
		case project.KindDepartment:
			name = table + "-overall-" // the file's name says the layout
		default:
			return errBadRequest("kind 应为 project 或 department")
		}
		switch {
		case table == "targets" && year == 0:
			return errBadRequest("请指定年度，例如 year=2024")
		case table == "monitoring" && req.Period == "":
			return errBadRequest("请指定监控期间，例如 period=2024-06")
		case table == "self-evaluation" && req.Period == "" && year == 0:
			return errBadRequest("请指定年度，例如 year=2024")
		case req.Period != "":
			name += req.Period
		default:
			name += strconv.Itoa(year)
		}
		if req.Department != "" {
			name += "-" + req.Department
		}
		d := &download{c: c, name: name + ".xlsx"}
		err = s.workbooks.Export(c.Request().Context(), s.scope(c), s.actor(c), req, d)
		if err != nil && d.started {
			// the workbook was cut off; the client sees a broken download
			s.log.Error("export failed midway", "table", table, "error", err,
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		}
		return err
	}
}

// safeName keeps a file name to letters, digits, "-", "_" and ".".
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			b[i] = '_'
		}
	}
	return string(b)
}
