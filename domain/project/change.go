package project

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/fields"
)

// ChangeOp is what one item of a target adjustment does.
type ChangeOp string

// The operations of an adjustment.
const (
	OpChange ChangeOp = "change" // target, unit or weight of an indicator
	OpAdd    ChangeOp = "add"    // a new indicator
	OpRemove ChangeOp = "remove" // an indicator leaves the targets
)

// ChangeItem is one change to the targets. For OpChange, nil fields keep
// their value.
type ChangeItem struct {
	Op          ChangeOp
	IndicatorID int64            // OpChange, OpRemove
	Target      *string          // OpChange
	Unit        *string          // OpChange
	Weight      *decimal.Decimal // OpChange
	Indicator   Indicator        // OpAdd
}

// ChangeStatus is where an adjustment request stands.
type ChangeStatus string

// The statuses of an adjustment request.
const (
	ChangePending  ChangeStatus = "pending"
	ChangeEndorsed ChangeStatus = "endorsed" // 主管部门已审核: agreed at the first level
	ChangeApproved ChangeStatus = "approved"
	ChangeRejected ChangeStatus = "rejected"
)

// StaleChangeError refuses to approve an adjustment request filed against a
// target version that is no longer the current one: its "from → to" were
// read from targets another adjustment has changed since.
type StaleChangeError struct {
	Base, Current int
}

// Error says which versions, for logs.
func (e *StaleChangeError) Error() string {
	return fmt.Sprintf("target change filed against version %d, targets are at version %d", e.Base, e.Current)
}

// Unwrap lets errors.Is(err, ErrStaleVersion) match.
func (e *StaleChangeError) Unwrap() error { return ErrStaleVersion }

// CheckChangeBase lets an adjustment request filed against version base be
// approved only while the targets are still at that version.
func CheckChangeBase(base, current int) error {
	if base != current {
		return &StaleChangeError{Base: base, Current: current}
	}
	return nil
}

// CheckChangeReason checks the reason of an adjustment request (required).
func CheckChangeReason(reason string) error {
	pr := fields.Problems{}
	switch {
	case strings.TrimSpace(reason) == "":
		pr.Add("reason", "申请调整时必须填写理由")
	case utf8.RuneCountInString(reason) > MaxTextLength:
		pr.Add("reason", fmt.Sprintf("不能超过%d个字符", MaxTextLength))
	}
	return pr.Err(ErrInvalid)
}

// ApplyChanges returns the project with the changes applied, in order: changed
// indicators keep their id and place, removed ones leave, added ones come
// last with id 0. Every problem names its item ("items[1].indicator_id");
// a result that fails Validate (weights no longer adding to 100) is refused.
func (p Project) ApplyChanges(items []ChangeItem) (Project, error) {
	pr := fields.Problems{}
	if len(items) == 0 {
		pr.Add("items", "至少需要一项调整")
	}
	out := p
	out.Indicators = append([]Indicator(nil), p.Indicators...)
	touched := map[int64]bool{}
	index := func(id int64) int {
		for i, in := range out.Indicators {
			if in.ID == id && id != 0 {
				return i
			}
		}
		return -1
	}
	for n, it := range items {
		f := fmt.Sprintf("items[%d].", n)
		switch it.Op {
		case OpChange, OpRemove:
			i := index(it.IndicatorID)
			if i < 0 {
				pr.Add(f+"indicator_id", "该项目当前目标中没有这个指标")
				continue
			}
			if touched[it.IndicatorID] {
				pr.Add(f+"indicator_id", "同一指标只能调整一次")
				continue
			}
			touched[it.IndicatorID] = true
			if it.Op == OpRemove {
				out.Indicators = append(out.Indicators[:i], out.Indicators[i+1:]...)
				continue
			}
			if it.Target == nil && it.Unit == nil && it.Weight == nil {
				pr.Add(f+"op", "请填写要调整的指标值、度量单位或分值权重")
				continue
			}
			in := out.Indicators[i]
			if it.Target != nil {
				in.Target = strings.TrimSpace(*it.Target)
			}
			if it.Unit != nil {
				in.Unit = strings.TrimSpace(*it.Unit)
			}
			if it.Weight != nil {
				in.Weight = *it.Weight
			}
			one := fields.Problems{}
			in.validate(one, f)
			for k, v := range one {
				pr.Add(k, v)
			}
			out.Indicators[i] = in
		case OpAdd:
			in := it.Indicator
			in.ID = 0
			one := fields.Problems{}
			in.validate(one, f+"indicator.")
			for k, v := range one {
				pr.Add(k, v)
			}
			out.Indicators = append(out.Indicators, in)
		default:
			pr.Add(f+"op", "调整方式应为 change、add 或 remove")
		}
	}
	if err := pr.Err(ErrInvalid); err != nil {
		return Project{}, err
	}
	if err := out.Validate(); err != nil {
		return Project{}, err
	}
	return out, nil
}
