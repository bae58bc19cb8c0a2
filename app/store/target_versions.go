package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/project"
	"jixiao/domain/report"
)

// TargetVersion is one published version of a project's targets.
type TargetVersion struct {
	Version         int
	CreatedAt       *time.Time // nil: the version as loaded from the published table, never snapshotted
	CreatedBy       string
	ChangeID        *int64 // the adjustment that made it; nil for the first
	Current         bool
	Budget          decimal.Decimal
	ExecutionWeight decimal.Decimal
	Indicators      []project.Indicator
}

type targetVersionRow struct {
	ProjectCode     string     `gorm:"primaryKey"`
	Version         int        `gorm:"primaryKey"`
	CreatedAt       *time.Time `gorm:"autoCreateTime:false"` // nil: not known
	CreatedBy       string
	ChangeID        *int64
	Budget          decimal.Decimal
	ExecutionWeight decimal.Decimal
	Indicators      []byte `gorm:"type:jsonb"`
}

func (targetVersionRow) TableName() string { return "target_versions" }

// snapIndicator is an indicator as kept in a version snapshot.
type snapIndicator struct {
	ID      int64           `json:"id"`
	Level1  string          `json:"level1"`
	Level2  string          `json:"level2"`
	Name    string          `json:"name"`
	Nature  string          `json:"nature"`
	Target  string          `json:"target"`
	Unit    string          `json:"unit"`
	Weight  decimal.Decimal `json:"weight"`
	Accrual string          `json:"accrual"`
}

func (r targetVersionRow) domain(current int) (TargetVersion, error) {
	var ins []snapIndicator
	if err := json.Unmarshal(r.Indicators, &ins); err != nil {
		return TargetVersion{}, fmt.Errorf("read target version %s v%d: %w", r.ProjectCode, r.Version, err)
	}
	v := TargetVersion{Version: r.Version, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy, ChangeID: r.ChangeID, Current: r.Version == current,
		Budget: r.Budget, ExecutionWeight: r.ExecutionWeight}
	for _, in := range ins {
		v.Indicators = append(v.Indicators, project.Indicator{ID: in.ID, Level1: in.Level1, Level2: in.Level2, Name: in.Name,
			Nature: project.Nature(in.Nature), Target: in.Target, Unit: in.Unit, Weight: in.Weight, Accrual: project.Accrual(in.Accrual)})
	}
	return v, nil
}

// snapshotVersion keeps the project's current targets as its current target
// version, unless that version is kept already; at is when the version was
// made (nil: not known, as published with the budget).
func snapshotVersion(tx *gorm.DB, code string, at *time.Time, by string, changeID *int64) error {
	p, err := getProject(tx, ScopeAll(), code)
	if err != nil {
		return err
	}
	ins := make([]snapIndicator, len(p.Indicators))
	for i, in := range p.Indicators {
		ins[i] = snapIndicator{ID: in.ID, Level1: in.Level1, Level2: in.Level2, Name: in.Name, Nature: string(in.Nature),
			Target: in.Target, Unit: in.Unit, Weight: in.Weight, Accrual: string(in.Accrual)}
	}
	body, err := json.Marshal(ins)
	if err != nil {
		return fmt.Errorf("encode target version: %w", err)
	}
	row := targetVersionRow{ProjectCode: code, Version: p.TargetVersion, CreatedAt: at, CreatedBy: by, ChangeID: changeID,
		Budget: p.Budget, ExecutionWeight: p.ExecutionWeight, Indicators: body}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return fmt.Errorf("keep target version %s v%d: %w", code, p.TargetVersion, err)
	}
	return syncDepartmentLibrary(tx, code)
}

// projectAtVersion returns p with the indicators of target version v.
func projectAtVersion(tx *gorm.DB, p project.Project, v int) (project.Project, error) {
	if v == p.TargetVersion {
		return p, nil
	}
	var row targetVersionRow
	if err := tx.Where("project_code = ? AND version = ?", p.Code, v).Take(&row).Error; err != nil {
		return project.Project{}, fmt.Errorf("target version %s v%d: %w", p.Code, v, err)
	}
	tv, err := row.domain(p.TargetVersion)
	if err != nil {
		return project.Project{}, err
	}
	p.Indicators, p.TargetVersion, p.ExecutionWeight = tv.Indicators, v, tv.ExecutionWeight
	return p, nil
}

// TargetVersions lists every version of a project's targets, oldest first;
// the last is current.
func (s *Store) TargetVersions(ctx context.Context, sc Scope, code string) ([]TargetVersion, error) {
	db := s.db.WithContext(ctx)
	p, err := getProject(db, sc, code)
	if err != nil {
		return nil, err
	}
	var rows []targetVersionRow
	if err := db.Where("project_code = ?", code).Order("version").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("target versions of %s: %w", code, err)
	}
	var out []TargetVersion
	for _, r := range rows {
		v, err := r.domain(p.TargetVersion)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if len(out) == 0 || out[len(out)-1].Version != p.TargetVersion {
		out = append(out, TargetVersion{Version: p.TargetVersion, Current: true, Budget: p.Budget,
			ExecutionWeight: p.ExecutionWeight, Indicators: p.Indicators})
	}
	return out, nil
}

// publishVersion writes next as the project's next target version.
func publishVersion(tx *gorm.DB, cur, next project.Project, changeID int64, ch ProjectChange) ([]string, error) {
	// the version being replaced, kept if it never was: targets loaded from
	// the published table, whose time is not known (not this change's)
	if err := snapshotVersion(tx, cur.Code, nil, "", nil); err != nil {
		return nil, err
	}
	v := cur.TargetVersion + 1
	kept := map[int64]bool{}
	for _, in := range next.Indicators {
		kept[in.ID] = true
	}
	for _, in := range cur.Indicators {
		if !kept[in.ID] {
			if err := tx.Exec(`UPDATE indicators SET retired_in = ?, position = -id WHERE id = ?`, v, in.ID).Error; err != nil {
				return nil, fmt.Errorf("retire indicator %d: %w", in.ID, err)
			}
		}
	}
	for pos, in := range next.Indicators {
		var num decimal.NullDecimal
		if n, ok := in.TargetNumber(); ok {
			num = decimal.NullDecimal{Decimal: n, Valid: true}
		}
		var err error
		if in.ID != 0 {
			err = tx.Exec(`UPDATE indicators SET position = ?, level1 = ?, level2 = ?, name = ?, nature = ?, target = ?, target_number = ?,
				unit = ?, weight = ?, accrual = ? WHERE id = ? AND project_code = ?`,
				pos, in.Level1, in.Level2, in.Name, string(in.Nature), in.Target, num, in.Unit, in.Weight, string(in.Accrual), in.ID, cur.Code).Error
		} else {
			err = tx.Exec(`INSERT INTO indicators (project_code, position, level1, level2, name, nature, target, target_number, unit, weight, accrual)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				cur.Code, pos, in.Level1, in.Level2, in.Name, string(in.Nature), in.Target, num, in.Unit, in.Weight, string(in.Accrual)).Error
		}
		if err != nil {
			return nil, fmt.Errorf("write indicator %d of %s: %w", pos, cur.Code, err)
		}
	}
	if err := tx.Exec(`UPDATE projects SET target_version = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE code = ?`,
		v, ch.At, ch.Actor, cur.Code).Error; err != nil {
		return nil, fmt.Errorf("bump target version of %s: %w", cur.Code, err)
	}
	if err := snapshotVersion(tx, cur.Code, &ch.At, ch.Actor, &changeID); err != nil {
		return nil, err
	}
	var moved []string
	if err := tx.Raw(`UPDATE reports SET target_version = ? WHERE project_code = ? AND status = 'draft' RETURNING period_key`,
		v, cur.Code).Scan(&moved).Error; err != nil {
		return nil, fmt.Errorf("move draft reports of %s: %w", cur.Code, err)
	}
	return moved, nil
}

// MoveReportTargets moves an editable (draft or returned) report to its
// project's current target version; its stored evaluation is then stale
// until the caller saves it again (see UpdateReport). A submitted or
// approved report is report.ErrNotEditable.
func (s *Store) MoveReportTargets(ctx context.Context, sc Scope, code, periodKey string) error {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := getProject(tx, sc, code); err != nil {
			return err
		}
		res := tx.Exec(`UPDATE reports r SET target_version = p.target_version FROM projects p
			WHERE p.code = r.project_code AND r.project_code = ? AND r.period_key = ? AND r.status IN ('draft', 'returned')`, code, periodKey)
		if res.Error != nil {
			return fmt.Errorf("move report %s/%s: %w", code, periodKey, res.Error)
		}
		if res.RowsAffected > 0 {
			return nil
		}
		var n int64
		if err := tx.Table("reports").Where("project_code = ? AND period_key = ?", code, periodKey).Count(&n).Error; err != nil {
			return fmt.Errorf("move report %s/%s: %w", code, periodKey, err)
		}
		if n > 0 {
			return fmt.Errorf("move report %s/%s: %w", code, periodKey, report.ErrNotEditable)
		}
		return nil // never saved: it will be filled against the current targets
	})
}
