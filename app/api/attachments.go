package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/attachments"
	"jixiao/app/store"
	"jixiao/domain/evidence"
	"jixiao/domain/fields"
)

type attachmentJSON struct {
	ID              int64     `json:"id"`
	Name            string    `json:"name"`
	Size            int64     `json:"size"`
	ContentType     string    `json:"content_type"`
	SHA256          string    `json:"sha256"`
	IndicatorID     *int64    `json:"indicator_id"`
	RectificationID *int64    `json:"rectification_id"`
	UploadedBy      string    `json:"uploaded_by"`
	UploadedAt      time.Time `json:"uploaded_at"`
	Link            string    `json:"link"`
}

func toAttachmentJSON(a store.Attachment) attachmentJSON {
	return attachmentJSON{ID: a.ID, Name: a.Name, Size: a.Size, ContentType: a.ContentType, SHA256: a.SHA256,
		IndicatorID: a.IndicatorID, RectificationID: a.RectificationID, UploadedBy: a.UploadedBy, UploadedAt: a.UploadedAt.UTC(),
		Link: fmt.Sprintf("/api/v1/attachments/%d", a.ID)}
}

// optionalID reads an optional numeric form field.
func optionalID(c echo.Context, name string, pr fields.Problems) *int64 {
	raw := strings.TrimSpace(c.FormValue(name))
	if raw == "" {
		return nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		pr.Add(name, "应为正整数")
		return nil
	}
	return &id
}

func (s *Server) uploadAttachment(c echo.Context) error {
	// The file plus a little room for the multipart framing and fields.
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, s.attachments.MaxSize()+64<<10)
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return evidence.ErrTooLarge
	case err != nil:
		return fields.One(evidence.ErrInvalid, "file", "请以 multipart/form-data 上传文件（字段 file）")
	}
	pr := fields.Problems{}
	ind, rect := optionalID(c, "indicator_id", pr), optionalID(c, "rectification_id", pr)
	if err := pr.Err(evidence.ErrInvalid); err != nil {
		return err
	}
	if fh.Size > s.attachments.MaxSize() {
		return evidence.ErrTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	a, err := s.attachments.Add(c.Request().Context(), s.scope(c), s.actor(c), c.Param("code"), c.Param("period"),
		attachments.Upload{Name: fh.Filename, Content: f, IndicatorID: ind, RectificationID: rect})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAttachmentJSON(a))
}

func (s *Server) listAttachments(c echo.Context) error {
	pg, err := listPaging(c)
	if err != nil {
		return err
	}
	all, err := s.attachments.List(c.Request().Context(), s.scope(c), c.Param("code"), c.Param("period"))
	if err != nil {
		return err
	}
	as := window(all, pg)
	out := make([]attachmentJSON, len(as))
	for i, a := range as {
		out[i] = toAttachmentJSON(a)
	}
	return c.JSON(http.StatusOK, pagedJSON(out, len(all), pg))
}

// previewCSP lets a browser show a PDF or an image and nothing else: no
// script, no form, no plugin beyond the viewer, in a sandbox.
const previewCSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"

// downloadAttachment sends a file as an attachment; with ?inline=1 a PDF or
// image is shown inline under a sandboxing policy.
func (s *Server) downloadAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, content, err := s.attachments.Open(c.Request().Context(), s.scope(c), s.actor(c), id)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	disposition := "attachment"
	if c.QueryParam("inline") == "1" && inlineable(a.ContentType) {
		disposition = "inline"
		h.Set("Content-Security-Policy", previewCSP)
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
	h.Set("Content-Disposition", contentDisposition(disposition, a.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("X-Content-SHA256", a.SHA256)
	c.Response().Header().Set(echo.HeaderContentType, a.ContentType)
	c.Response().WriteHeader(http.StatusOK)
	_, err = io.Copy(c.Response(), content)
	return err
}

func inlineable(contentType string) bool {
	t, ok := evidence.TypeOf(contentType)
	return ok && t.Inline
}

// contentDisposition names the file twice: an ASCII fallback for old
// clients and the UTF-8 name (RFC 6266, RFC 5987).
func contentDisposition(kind, name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == ';' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, ascii, strings.ReplaceAll(url.PathEscape(name), "'", "%27"))
}

func (s *Server) deleteAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.attachments.Delete(c.Request().Context(), s.scope(c), s.actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
