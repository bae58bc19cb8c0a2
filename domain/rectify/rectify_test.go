package rectify_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"jixiao/domain/fields"
	"jixiao/domain/rectify"
	"jixiao/domain/round"
)

func TestNewItemsChecksEachDraft(t *testing.T) {
	today, _ := round.ParseDay("2025-01-10")
	items, err := rectify.NewItems("rectifications", []rectify.Draft{{Text: " 补充佐证材料 ", Due: "2025-02-01"}, {Text: "说明偏差原因"}}, today)
	if err != nil || len(items) != 2 || items[0].Text != "补充佐证材料" || items[0].Due == nil || items[1].Due != nil || items[0].Status != rectify.Open {
		t.Fatalf("valid drafts: %v %+v", err, items)
	}
	_, err = rectify.NewItems("rectifications", []rectify.Draft{{Text: ""}, {Text: "x", Due: "2025-01-09"}, {Text: strings.Repeat("字", rectify.MaxText+1)}}, today)
	var fe *fields.Error
	if !errors.As(err, &fe) || fe.Fields["rectifications[0].text"] == "" || fe.Fields["rectifications[1].due"] == "" || fe.Fields["rectifications[2].text"] == "" {
		t.Errorf("invalid drafts: %v", err)
	}
}

func TestItemLifecycle(t *testing.T) {
	now := time.Now()
	it := rectify.Item{Text: "补充佐证", Status: rectify.Open}
	if err := it.Close("r", now); !errors.Is(err, rectify.ErrWrongState) {
		t.Errorf("close an unanswered item: %v", err)
	}
	if err := it.Reopen(); !errors.Is(err, rectify.ErrWrongState) {
		t.Errorf("reopen an open item: %v", err)
	}
	if err := it.Respond("  ", "s", now); !errors.Is(err, rectify.ErrInvalid) {
		t.Errorf("empty answer: %v", err)
	}
	if err := it.Respond("已补充", "s", now); err != nil || it.Status != rectify.Answered {
		t.Fatalf("answer: %v %s", err, it.Status)
	}
	if err := it.Close("r", now); err != nil || it.Status != rectify.Closed {
		t.Fatalf("close: %v", err)
	}
	if err := it.Respond("再次", "s", now); !errors.Is(err, rectify.ErrWrongState) {
		t.Errorf("answer a closed item: %v", err)
	}
	if err := it.Reopen(); err != nil || it.Status != rectify.Open || it.Answer != "已补充" {
		t.Errorf("reopen: %v %+v", err, it)
	}
}

func TestOverdue(t *testing.T) {
	due, _ := round.ParseDay("2025-01-31")
	next, _ := round.ParseDay("2025-02-01")
	it := rectify.Item{Status: rectify.Open, Due: &due}
	if it.Overdue(due) || !it.Overdue(next) {
		t.Error("open item: late only after its due day")
	}
	it.Status = rectify.Answered
	if it.Overdue(next) {
		t.Error("an answered item is not late")
	}
}
