package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/domain/report"
	"jixiao/domain/review"
)

type batchInput struct {
	Action  string `json:"action"`
	Comment string `json:"comment"`
	Items   []struct {
		Code   string `json:"code"`
		Period string `json:"period"`
	} `json:"items"`
	// Rectifications are issued with every report of the batch (整改).
	Rectifications []rectificationInput `json:"rectifications"`
}

// batchResultJSON is one item's outcome: status on success, error otherwise.
type batchResultJSON struct {
	Code      string `json:"code"`
	Period    string `json:"period"`
	Status    string `json:"status,omitempty"`
	Error     string `json:"error,omitempty"`
	ErrorCode string `json:"error_code,omitempty"`
}

// batchReview approves or returns up to 100 reports, each on its own; the
// answer is 200 with a result per item whatever became of each.
func (s *Server) batchReview(c echo.Context) error {
	var in batchInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	b := review.Batch{Action: report.Action(in.Action), Comment: in.Comment}
	for _, it := range in.Items {
		b.Items = append(b.Items, review.Item{Code: it.Code, Period: it.Period})
	}
	results, err := s.reports.Batch(c.Request().Context(), s.scope(c), s.actor(c), b, rectDrafts(in.Rectifications)...)
	if err != nil {
		return err
	}
	out := make([]batchResultJSON, len(results))
	for i, r := range results {
		out[i] = batchResultJSON{Code: r.Item.Code, Period: r.Item.Period}
		if r.Err != nil {
			_, body := classify(r.Err)
			out[i].Error, out[i].ErrorCode = body.Message, body.Code
			if body.Code == "internal" {
				s.log.Error("batch item failed", "code", r.Item.Code, "period", r.Item.Period, "error", r.Err)
			}
			continue
		}
		out[i].Status = string(r.Status)
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}
