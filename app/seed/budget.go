package seed

import (
	"bytes"
	_ "embed"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"jixiao/domain/project"
)

//go:embed golmud-2024-budget.yaml
var golmudBudget2024 []byte

// Budget is a department's project spending of a year from its budget tables.
type Budget struct {
	Department string
	Year       int
	Total      decimal.Decimal
	Lines      []project.Spending
	// Basic and Whole are the department's 基本支出 and its whole budget
	// (基本支出 + 项目支出, the latter being Total), when the file gives them.
	Basic, Whole decimal.Decimal
}

// GolmudBudget2024 returns the project spending of 003001 in 2024 from its
// 支出总表: 2,153.78 万元 in two subjects.
func GolmudBudget2024() (Budget, error) { return ParseBudget(golmudBudget2024) }

// ParseBudget reads a budget file strictly; the lines must add up to the
// printed total.
func ParseBudget(data []byte) (Budget, error) {
	var f struct {
		Department string `yaml:"department"`
		Year       int    `yaml:"year"`
		Total      string `yaml:"total"`
		Lines      []struct {
			Subject string `yaml:"subject"`
			Name    string `yaml:"name"`
			Amount  string `yaml:"amount"`
		} `yaml:"lines"`
		Whole *struct {
			Total    string `yaml:"total"`
			Basic    string `yaml:"basic"`
			Projects string `yaml:"projects"`
		} `yaml:"whole"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return Budget{}, invalid("budget: %v", err)
	}
	total, err := decimal.NewFromString(f.Total)
	if err != nil {
		return Budget{}, invalid("budget total: %q is not a decimal", f.Total)
	}
	b := Budget{Department: f.Department, Year: f.Year, Total: total}
	sum := decimal.Zero
	for i, l := range f.Lines {
		a, err := decimal.NewFromString(l.Amount)
		if err != nil {
			return Budget{}, invalid("budget lines[%d].amount: %q is not a decimal", i, l.Amount)
		}
		sum = sum.Add(a)
		b.Lines = append(b.Lines, project.Spending{Subject: l.Subject, Name: l.Name, Amount: a})
	}
	if err := project.ValidateSpending(b.Lines); err != nil {
		return Budget{}, invalid("budget: %w", err)
	}
	if !sum.Equal(total) {
		return Budget{}, invalid("budget: lines add to %s, the table prints %s", sum, total)
	}
	if f.Whole != nil {
		whole, err1 := decimal.NewFromString(f.Whole.Total)
		basic, err2 := decimal.NewFromString(f.Whole.Basic)
		projs, err3 := decimal.NewFromString(f.Whole.Projects)
		switch {
		case err1 != nil || err2 != nil || err3 != nil:
			return Budget{}, invalid("budget whole: total, basic and projects must be decimals")
		case !basic.Add(projs).Equal(whole):
			return Budget{}, invalid("budget whole: %s + %s is not %s", basic, projs, whole)
		case !projs.Equal(total):
			return Budget{}, invalid("budget whole: projects %s is not the lines' total %s", projs, total)
		}
		b.Basic, b.Whole = basic, whole
	}
	if b.Department == "" || b.Year < 2000 || b.Year > 2100 {
		return Budget{}, invalid("budget: department and year are required")
	}
	return b, nil
}
