// Package seed loads the ground-truth data the product ships with: the 2024
// performance-target table (2024年市级部门预算项目支出绩效目标表) of the Golmud
// City Government Office, transcribed from its budget disclosure into
// golmud-2024.yaml (domain reference §1).
package seed

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"jixiao/app/store"
	"jixiao/domain/period"
	"jixiao/domain/project"
)

//go:embed golmud-2024.yaml
var golmud2024 []byte

// ErrInvalid is wrapped by every error Parse returns, so callers can tell a
// broken seed file from other failures with errors.Is.
var ErrInvalid = errors.New("invalid seed data")

// Dataset is one department's budget year: its projects with their
// performance targets and the reporting periods of the year.
type Dataset struct {
	Year            int
	ExecutionWeight decimal.Decimal // weight of the budget execution rate (10)
	Department      project.Department
	Periods         []period.Period
	Projects        []project.Project // in table order
}

// Golmud2024 returns the embedded 2024 dataset of 格尔木市人民政府办公室
// (budget unit 003001): 12 projects, 76 indicators, 2,150.78 万元. Each call
// parses afresh, so callers may modify the result.
func Golmud2024() (Dataset, error) {
	return Parse(golmud2024)
}

// The file layout. Decimals are strings so that no value passes through a
// float; unknown fields are rejected.
type fileDataset struct {
	Year            int            `yaml:"year"`
	ExecutionWeight string         `yaml:"execution_weight"`
	Department      fileDepartment `yaml:"department"`
	Periods         []filePeriod   `yaml:"periods"`
	Projects        []fileProject  `yaml:"projects"`
}

type fileDepartment struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

type filePeriod struct {
	Key         string `yaml:"key"`
	Kind        string `yaml:"kind"`
	CutoffMonth int    `yaml:"cutoff_month"`
}

type fileProject struct {
	Code       string          `yaml:"code"`
	Name       string          `yaml:"name"`
	Category   string          `yaml:"category"`
	Budget     string          `yaml:"budget"`
	Goal       string          `yaml:"goal"`
	Indicators []fileIndicator `yaml:"indicators"`
}

type fileIndicator struct {
	Level1  string `yaml:"level1"`
	Level2  string `yaml:"level2"`
	Name    string `yaml:"name"`
	Nature  string `yaml:"nature"`
	Target  string `yaml:"target"`
	Unit    string `yaml:"unit"`
	Weight  string `yaml:"weight"`
	Accrual string `yaml:"accrual"` // optional; empty means derived
}

// Parse reads a dataset in the layout of golmud-2024.yaml strictly: unknown
// fields, a second YAML document, undecodable values, periods whose kind or
// cut-off month disagree with their key, duplicate project codes or period
// keys, text cells with surrounding whitespace, and projects that fail
// project.Validate are all errors. Every error wraps ErrInvalid and names the
// project (position and code) and indicator index it concerns.
func Parse(data []byte) (Dataset, error) {
	var f fileDataset
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return Dataset{}, invalid("empty document")
		}
		return Dataset{}, invalid("%v", err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Dataset{}, invalid("more than one YAML document")
	}

	ds := Dataset{
		Year:       f.Year,
		Department: project.Department{Code: f.Department.Code, Name: f.Department.Name},
	}
	if f.Year < 2000 || f.Year > 2100 {
		return Dataset{}, invalid("year: %d is not between 2000 and 2100", f.Year)
	}
	ew, err := decimal.NewFromString(f.ExecutionWeight)
	if err != nil {
		return Dataset{}, invalid("execution_weight: %q is not a decimal", f.ExecutionWeight)
	}
	ds.ExecutionWeight = ew
	if err := checkText("department.code", f.Department.Code); err != nil {
		return Dataset{}, err
	}
	if err := checkText("department.name", f.Department.Name); err != nil {
		return Dataset{}, err
	}

	seenPeriod := map[string]bool{}
	for i, fp := range f.Periods {
		p, err := convertPeriod(fp, f.Year)
		if err != nil {
			return Dataset{}, invalid("periods[%d]: %w", i, err)
		}
		if seenPeriod[p.Key] {
			return Dataset{}, invalid("periods[%d]: duplicate key %q", i, p.Key)
		}
		seenPeriod[p.Key] = true
		ds.Periods = append(ds.Periods, p)
	}

	if len(f.Projects) == 0 {
		return Dataset{}, invalid("projects: none")
	}
	seenCode := map[string]bool{}
	for i, fp := range f.Projects {
		p, err := convertProject(fp, ds)
		if err != nil {
			return Dataset{}, invalid("project %d (%s): %w", i+1, fp.Code, err)
		}
		if seenCode[p.Code] {
			return Dataset{}, invalid("project %d (%s): duplicate code", i+1, fp.Code)
		}
		seenCode[p.Code] = true
		ds.Projects = append(ds.Projects, p)
	}
	return ds, nil
}

func convertPeriod(fp filePeriod, year int) (period.Period, error) {
	p, err := period.Parse(fp.Key)
	if err != nil {
		return period.Period{}, fmt.Errorf("key: %w", err)
	}
	if string(p.Kind) != fp.Kind {
		return period.Period{}, fmt.Errorf("kind: key %q is a %s period, not %q", fp.Key, p.Kind, fp.Kind)
	}
	if p.CutoffMonth != fp.CutoffMonth {
		return period.Period{}, fmt.Errorf("cutoff_month: key %q has cut-off month %d, not %d", fp.Key, p.CutoffMonth, fp.CutoffMonth)
	}
	if p.Year != year {
		return period.Period{}, fmt.Errorf("key: %q is not in year %d", fp.Key, year)
	}
	return p, nil
}

func convertProject(fp fileProject, ds Dataset) (project.Project, error) {
	for _, c := range []struct{ field, v string }{
		{"code", fp.Code}, {"name", fp.Name}, {"category", fp.Category}, {"goal", fp.Goal},
	} {
		if err := checkText(c.field, c.v); err != nil {
			return project.Project{}, err
		}
	}
	budget, err := decimal.NewFromString(fp.Budget)
	if err != nil {
		return project.Project{}, fmt.Errorf("budget: %q is not a decimal", fp.Budget)
	}
	if budget.Exponent() < -2 {
		// the disclosure prints 万元 to the cent; more is a transcription slip
		return project.Project{}, fmt.Errorf("budget: %q has more than two decimals (万元 to the cent)", fp.Budget)
	}
	p := project.Project{
		Code:            fp.Code,
		Name:            fp.Name,
		Category:        fp.Category,
		Department:      ds.Department,
		Year:            ds.Year,
		Budget:          budget,
		Goal:            fp.Goal,
		ExecutionWeight: ds.ExecutionWeight,
	}
	for j, fi := range fp.Indicators {
		in, err := convertIndicator(fi)
		if err != nil {
			return project.Project{}, fmt.Errorf("indicators[%d]: %w", j, err)
		}
		p.Indicators = append(p.Indicators, in)
	}
	if err := p.Validate(); err != nil {
		return project.Project{}, err
	}
	return p, nil
}

func convertIndicator(fi fileIndicator) (project.Indicator, error) {
	for _, c := range []struct{ field, v string }{
		{"level1", fi.Level1}, {"level2", fi.Level2}, {"name", fi.Name},
		{"target", fi.Target}, {"unit", fi.Unit},
	} {
		if err := checkText(c.field, c.v); err != nil {
			return project.Indicator{}, err
		}
	}
	nature, err := project.ParseNature(fi.Nature)
	if err != nil {
		return project.Indicator{}, fmt.Errorf("nature: %w", err)
	}
	accrual, err := project.ParseAccrual(fi.Accrual)
	if err != nil {
		return project.Indicator{}, fmt.Errorf("accrual: %w", err)
	}
	weight, err := decimal.NewFromString(fi.Weight)
	if err != nil {
		return project.Indicator{}, fmt.Errorf("weight: %q is not a decimal", fi.Weight)
	}
	return project.Indicator{
		Level1:  fi.Level1,
		Level2:  fi.Level2,
		Name:    fi.Name,
		Nature:  nature,
		Target:  fi.Target,
		Unit:    fi.Unit,
		Weight:  weight,
		Accrual: accrual,
	}, nil
}

// checkText rejects cells that still carry surrounding whitespace: the
// transcription trims every cell, so whitespace here is a transcription slip.
func checkText(field, v string) error {
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("%s: %q has leading or trailing whitespace", field, v)
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("seed: %w: %w", ErrInvalid, fmt.Errorf(format, args...))
}

// SaveGolmud2024 stores the Golmud 2024 periods and projects (idempotent,
// as `jixiao seed` does) and returns the dataset.
func SaveGolmud2024(ctx context.Context, st *store.Store) (Dataset, error) {
	ds, err := Golmud2024()
	if err != nil {
		return Dataset{}, err
	}
	for _, p := range ds.Periods {
		if err := st.SavePeriod(ctx, p); err != nil {
			return Dataset{}, err
		}
	}
	if err := st.SaveProjects(ctx, ds.Projects); err != nil {
		return Dataset{}, err
	}
	return ds, nil
}
