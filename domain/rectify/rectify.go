// Package rectify holds the rules of rectification items (整改): set by a
// reviewer when approving or returning a report, answered by its
// submitters, closed or reopened by the reviewer.
package rectify

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jixiao/domain/fields"
	"jixiao/domain/round"
)

// Errors of rectification items.
var (
	ErrNotFound   = errors.New("rectification item not found")
	ErrInvalid    = errors.New("invalid rectification item")
	ErrWrongState = errors.New("rectification item is not in a state for this")
)

// MaxText is the longest text or answer, in characters.
const MaxText = 2000

// MaxItems is the most items one approval or return may set.
const MaxItems = 20

// Status is where an item stands.
type Status string

// The statuses.
const (
	Open     Status = "open"     // waiting for the submitters' answer
	Answered Status = "answered" // waiting for the reviewer
	Closed   Status = "closed"   // done
)

// Item is one rectification item of a report.
type Item struct {
	ID          int64
	ProjectCode string
	Period      string
	Text        string
	Due         *time.Time // a civil day; nil: no due date
	Status      Status
	Answer      string
	CreatedBy   string
	CreatedAt   time.Time
	AnsweredBy  string
	AnsweredAt  time.Time
	ClosedBy    string
	ClosedAt    time.Time
}

// Draft is an item as a reviewer writes it.
type Draft struct {
	Text string
	Due  string // YYYY-MM-DD or ""
}

// NewItems checks the drafts of one approval or return and makes the
// items; problems are keyed field[i].text / field[i].due.
func NewItems(field string, drafts []Draft, today time.Time) ([]Item, error) {
	pr := fields.Problems{}
	if len(drafts) > MaxItems {
		pr.Add(field, fmt.Sprintf("一次最多%d条整改事项", MaxItems))
	}
	out := make([]Item, 0, len(drafts))
	for i, d := range drafts {
		f := fmt.Sprintf("%s[%d]", field, i)
		it := Item{Text: strings.TrimSpace(d.Text), Status: Open}
		switch n := utf8.RuneCountInString(it.Text); {
		case n == 0:
			pr.Add(f+".text", "请填写整改要求")
		case n > MaxText:
			pr.Add(f+".text", fmt.Sprintf("不能超过%d个字符", MaxText))
		}
		if strings.TrimSpace(d.Due) != "" {
			day, err := round.ParseDay(d.Due)
			switch {
			case err != nil:
				pr.Add(f+".due", "日期格式应为 YYYY-MM-DD")
			case round.Overdue(day, today):
				pr.Add(f+".due", "整改期限不能早于今天")
			default:
				it.Due = &day
			}
		}
		out = append(out, it)
	}
	if err := pr.Err(ErrInvalid); err != nil {
		return nil, err
	}
	return out, nil
}

// Respond records the submitters' answer to an open item (or replaces an
// answer the reviewer has not closed yet).
func (it *Item) Respond(answer, by string, at time.Time) error {
	answer = strings.TrimSpace(answer)
	switch n := utf8.RuneCountInString(answer); {
	case n == 0:
		return fields.One(ErrInvalid, "answer", "请填写整改情况")
	case n > MaxText:
		return fields.One(ErrInvalid, "answer", fmt.Sprintf("不能超过%d个字符", MaxText))
	}
	if it.Status == Closed {
		return fmt.Errorf("answer a closed item: %w", ErrWrongState)
	}
	it.Status, it.Answer, it.AnsweredBy, it.AnsweredAt = Answered, answer, by, at
	return nil
}

// Close accepts an answered item.
func (it *Item) Close(by string, at time.Time) error {
	if it.Status != Answered {
		return fmt.Errorf("close a %s item: %w", it.Status, ErrWrongState)
	}
	it.Status, it.ClosedBy, it.ClosedAt = Closed, by, at
	return nil
}

// Reopen sends an answered or closed item back to the submitters.
func (it *Item) Reopen() error {
	if it.Status == Open {
		return fmt.Errorf("reopen an open item: %w", ErrWrongState)
	}
	it.Status, it.ClosedBy, it.ClosedAt = Open, "", time.Time{}
	return nil
}

// Overdue tells whether the item is still open after its due date.
func (it Item) Overdue(today time.Time) bool {
	return it.Status == Open && it.Due != nil && round.Overdue(*it.Due, today)
}

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case Open:
		return "待整改"
	case Answered:
		return "待确认"
	case Closed:
		return "已完成"
	}
	return string(s)
}
