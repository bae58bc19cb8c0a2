package main

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestServerLogLinesAreBatchedButWarningsAndTheEndAreWrittenAtOnce(t *testing.T) {
	var out syncBuffer
	buf := newBufferedLog(&out)
	log := slog.New(flushingHandler{slog.NewJSONHandler(buf, nil), buf}).With("server", "a")
	log.Info("request", "path", "/api/v1/me")
	if strings.Contains(out.String(), "/api/v1/me") {
		t.Error("an info line was written at once")
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.String(), "/api/v1/me") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "/api/v1/me") {
		t.Fatalf("the info line was not written within 2 s: %q", out.String())
	}
	log.Error("request failed", "path", "/boom")
	if !strings.Contains(out.String(), "/boom") || !strings.Contains(out.String(), `"server":"a"`) {
		t.Errorf("an error line was not written at once: %q", out.String())
	}
	log.Info("stopped")
	buf.Close()
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("Close did not write the last line: %q", out.String())
	}
}
