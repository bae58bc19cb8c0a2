package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestAClientThatLeftIsNotAFailure: a request cancelled because its client
// went away is answered 499 and neither logged as a failure nor audited
// (the server has no store here: an audit row would panic).
func TestAClientThatLeftIsNotAFailure(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e := echo.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/dashboard?period=2024-06", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	s.errorHandler(fmt.Errorf("period totals: %w", context.Canceled), e.NewContext(req, rec))
	if rec.Code != statusClientClosed {
		t.Errorf("status %d, want %d", rec.Code, statusClientClosed)
	}
}
