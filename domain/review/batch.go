// Package review holds the rules of reviewing many reports at once: what a
// batch request may contain.
package review

import (
	"errors"
	"fmt"
	"strings"

	"jixiao/domain/fields"
	"jixiao/domain/report"
)

// MaxBatch is the most reports one batch request may move.
const MaxBatch = 100

// ErrInvalid: the batch request is invalid (see its field problems).
var ErrInvalid = errors.New("invalid batch")

// Item names one report of a batch.
type Item struct {
	Code   string
	Period string
}

// Batch is a request to approve or return several reports with one comment.
type Batch struct {
	Action  report.Action // approve or return
	Comment string
	Items   []Item
}

// Validate checks the action, the comment the action needs, and the items:
// at least one, at most MaxBatch, each named and none twice.
func (b Batch) Validate() error {
	pr := fields.Problems{}
	switch b.Action {
	case report.ActionApprove, report.ActionReturn:
		var fe *fields.Error
		if err := b.Action.CheckNote(b.Comment); errors.As(err, &fe) {
			for k, v := range fe.Fields {
				pr.Add(k, v)
			}
		}
	default:
		pr.Add("action", "操作应为 approve（通过）或 return（退回）")
	}
	switch {
	case len(b.Items) == 0:
		pr.Add("items", "请至少选择一份报告")
	case len(b.Items) > MaxBatch:
		pr.Add("items", fmt.Sprintf("一次最多处理%d份报告", MaxBatch))
	}
	seen := map[Item]bool{}
	for i, it := range b.Items {
		f := fmt.Sprintf("items[%d]", i)
		if strings.TrimSpace(it.Code) == "" {
			pr.Add(f+".code", "请填写项目编码")
		}
		if strings.TrimSpace(it.Period) == "" {
			pr.Add(f+".period", "请填写期间")
		}
		if seen[it] {
			pr.Add(f, "同一报告重复出现")
		}
		seen[it] = true
	}
	return pr.Err(ErrInvalid)
}
