package seed_test

import (
	"errors"
	"testing"

	"jixiao/app/seed"
)

func TestGolmudBudget2024(t *testing.T) {
	b, err := seed.GolmudBudget2024()
	if err != nil {
		t.Fatal(err)
	}
	if b.Department != "003001" || b.Year != 2024 || b.Total.StringFixed(2) != "2153.78" || len(b.Lines) != 2 ||
		b.Lines[0].Amount.StringFixed(2) != "744.78" || b.Lines[1].Amount.StringFixed(2) != "1409.00" {
		t.Errorf("%+v", b)
	}
}

func TestParseBudgetRefusesLinesThatDoNotAddUp(t *testing.T) {
	for name, doc := range map[string]string{
		"sum":     "department: \"003001\"\nyear: 2024\ntotal: \"10.00\"\nlines:\n  - {subject: \"1\", name: a, amount: \"9.00\"}\n",
		"unknown": "department: \"003001\"\nyear: 2024\ntotal: \"1\"\nextra: 1\nlines: []\n",
		"amount":  "department: \"003001\"\nyear: 2024\ntotal: \"1\"\nlines:\n  - {subject: \"1\", name: a, amount: \"x\"}\n",
	} {
		if _, err := seed.ParseBudget([]byte(doc)); !errors.Is(err, seed.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
