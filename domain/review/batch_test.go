package review_test

import (
	"errors"
	"fmt"
	"testing"

	"jixiao/domain/fields"
	"jixiao/domain/report"
	"jixiao/domain/review"
)

func TestBatchValidate(t *testing.T) {
	one := []review.Item{{Code: "A", Period: "2024"}}
	many := make([]review.Item, review.MaxBatch+1)
	for i := range many {
		many[i] = review.Item{Code: fmt.Sprint(i), Period: "2024"}
	}
	tests := []struct {
		name      string
		in        review.Batch
		wantField string // "" means valid
	}{
		{"approve one", review.Batch{Action: report.ActionApprove, Items: one}, ""},
		{"return needs a comment", review.Batch{Action: report.ActionReturn, Items: one}, "comment"},
		{"return with comment", review.Batch{Action: report.ActionReturn, Comment: "请补充", Items: one}, ""},
		{"unknown action", review.Batch{Action: "reopen", Items: one}, "action"},
		{"no items", review.Batch{Action: report.ActionApprove}, "items"},
		{"too many", review.Batch{Action: report.ActionApprove, Items: many}, "items"},
		{"exactly the maximum", review.Batch{Action: report.ActionApprove, Items: many[:review.MaxBatch]}, ""},
		{"unnamed code", review.Batch{Action: report.ActionApprove, Items: []review.Item{{Period: "2024"}}}, "items[0].code"},
		{"twice", review.Batch{Action: report.ActionApprove, Items: []review.Item{one[0], one[0]}}, "items[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var fe *fields.Error
			if !errors.As(err, &fe) || !errors.Is(err, review.ErrInvalid) {
				t.Fatalf("want a field error, got %v", err)
			}
			if fe.Fields[tt.wantField] == "" {
				t.Errorf("no problem at %s: %v", tt.wantField, fe.Fields)
			}
		})
	}
}
