package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"jixiao/domain/audit"
	"jixiao/domain/project"
)

// TargetChange is a request to adjust an approved project's targets.
type TargetChange struct {
	ID            int64
	ProjectCode   string
	Status        project.ChangeStatus
	Reason        string
	Items         []project.ChangeItem
	BaseVersion   int
	ResultVersion *int
	RequestedBy   string
	RequestedAt   time.Time
	DecidedBy     string
	DecidedAt     *time.Time
	Comment       string
	// EndorsedBy, EndorsedAt and EndorseComment are the 主管部门's agreement
	// (the first of two levels); empty when there was none.
	EndorsedBy     string
	EndorsedAt     *time.Time
	EndorseComment string
}

type targetChangeRow struct {
	ID             int64 `gorm:"primaryKey"`
	ProjectCode    string
	Status         string
	Reason         string
	Items          []byte `gorm:"type:jsonb"`
	BaseVersion    int
	ResultVersion  *int
	RequestedBy    string
	RequestedAt    time.Time
	DecidedBy      string
	DecidedAt      *time.Time
	Comment        string
	EndorsedBy     *string
	EndorsedAt     *time.Time
	EndorseComment string
}

func (targetChangeRow) TableName() string { return "target_changes" }

// changeItemJSON is a change item as stored.
type changeItemJSON struct {
	Op          string           `json:"op"`
	IndicatorID int64            `json:"indicator_id,omitempty"`
	Target      *string          `json:"target,omitempty"`
	Unit        *string          `json:"unit,omitempty"`
	Weight      *decimal.Decimal `json:"weight,omitempty"`
	Indicator   *snapIndicator   `json:"indicator,omitempty"`
}

func encodeItems(items []project.ChangeItem) ([]byte, error) {
	out := make([]changeItemJSON, len(items))
	for i, it := range items {
		out[i] = changeItemJSON{Op: string(it.Op), IndicatorID: it.IndicatorID, Target: it.Target, Unit: it.Unit, Weight: it.Weight}
		if it.Op == project.OpAdd {
			in := it.Indicator
			out[i].Indicator = &snapIndicator{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Nature: string(in.Nature),
				Target: in.Target, Unit: in.Unit, Weight: in.Weight, Accrual: string(in.Accrual)}
		}
	}
	return json.Marshal(out)
}

func (r targetChangeRow) domain() (TargetChange, error) {
	var items []changeItemJSON
	if err := json.Unmarshal(r.Items, &items); err != nil {
		return TargetChange{}, fmt.Errorf("read target change %d: %w", r.ID, err)
	}
	c := TargetChange{ID: r.ID, ProjectCode: r.ProjectCode, Status: project.ChangeStatus(r.Status), Reason: r.Reason,
		BaseVersion: r.BaseVersion, ResultVersion: r.ResultVersion, RequestedBy: r.RequestedBy, RequestedAt: r.RequestedAt,
		DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt, Comment: r.Comment, EndorsedAt: r.EndorsedAt, EndorseComment: r.EndorseComment}
	if r.EndorsedBy != nil {
		c.EndorsedBy = *r.EndorsedBy
	}
	for _, it := range items {
		ci := project.ChangeItem{Op: project.ChangeOp(it.Op), IndicatorID: it.IndicatorID, Target: it.Target, Unit: it.Unit, Weight: it.Weight}
		if it.Indicator != nil {
			in := it.Indicator
			ci.Indicator = project.Indicator{Level1: in.Level1, Level2: in.Level2, Name: in.Name, Nature: project.Nature(in.Nature),
				Target: in.Target, Unit: in.Unit, Weight: in.Weight, Accrual: project.Accrual(in.Accrual)}
		}
		c.Items = append(c.Items, ci)
	}
	return c, nil
}

// RequestTargetChange records a pending adjustment of an approved project.
// check runs on the project under its lock (it validates the items against
// the current targets); its error stores nothing.
func (s *Store) RequestTargetChange(ctx context.Context, sc Scope, code string, c TargetChange, ch ProjectChange, check func(project.Project) error) (TargetChange, error) {
	var out TargetChange
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockProject(tx, sc, code); err != nil {
			return err
		}
		p, err := getProject(tx, sc, code)
		if err != nil {
			return err
		}
		if err := check(p); err != nil {
			return err
		}
		items, err := encodeItems(c.Items)
		if err != nil {
			return fmt.Errorf("encode change items: %w", err)
		}
		row := targetChangeRow{ProjectCode: code, Status: string(project.ChangePending), Reason: c.Reason, Items: items,
			BaseVersion: p.TargetVersion, RequestedBy: ch.Actor, RequestedAt: ch.At}
		if err := tx.Omit("ID").Create(&row).Error; err != nil {
			return fmt.Errorf("request target change: %w", err)
		}
		if out, err = row.domain(); err != nil {
			return err
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "target_change.request",
			ObjectType: "target_change", ObjectID: fmt.Sprint(row.ID), Status: 201, After: audit.JSON(out),
			Detail: audit.JSON(map[string]any{"project": code, "base_version": p.TargetVersion})})
	})
	return out, err
}

// TargetChanges lists a project's adjustment requests, newest first.
func (s *Store) TargetChanges(ctx context.Context, sc Scope, code string) ([]TargetChange, error) {
	db := s.db.WithContext(ctx)
	if _, err := getProject(db, sc, code); err != nil {
		return nil, err
	}
	var rows []targetChangeRow
	if err := db.Where("project_code = ?", code).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("target changes of %s: %w", code, err)
	}
	out := make([]TargetChange, 0, len(rows))
	for _, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// AllTargetChanges lists the adjustment requests of every project the scope
// sees, optionally of one status and department, newest first: a
// reviewer's queue with status pending.
func (s *Store) AllTargetChanges(ctx context.Context, sc Scope, status project.ChangeStatus, department string) ([]TargetChange, error) {
	q := s.db.WithContext(ctx).Table("target_changes").Select("target_changes.*").
		Joins("JOIN projects ON projects.code = target_changes.project_code")
	cond, args := sc.where("projects")
	q = q.Where(cond, args...)
	if status != "" {
		q = q.Where("target_changes.status = ?", string(status))
	}
	if department != "" {
		q = q.Where("projects.department_code = ?", department)
	}
	var rows []targetChangeRow
	if err := q.Order("target_changes.id DESC").Limit(1000).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list target changes: %w", err)
	}
	out := make([]TargetChange, 0, len(rows))
	for _, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Decision is a reviewer's answer to an adjustment request. Check runs on
// the change and its project under their locks (who may decide); Apply, for
// an approval, returns the project with the change applied (and validated),
// or refuses a change that no longer applies to the current targets.
type Decision struct {
	Approve bool
	Comment string
	Check   func(TargetChange, project.Project) error
	Apply   func(TargetChange, project.Project) (project.Project, error)
	// Stage is the level the decider decides at and the project's route
	// through review (nil: the finance bureau on a route of one level).
	Stage func(project.Project) (int, project.Route, error)
}

// DecideTargetChange approves or rejects a pending request in one
// transaction. An approval keeps the current targets as their version (if
// not kept yet), writes the changed targets as the next version (changed
// indicators keep their ids, removed ones are retired, not deleted, so old
// reports keep their lines), and moves the project's draft reports to it;
// submitted, approved and returned reports stay on the version they were
// filled against. It returns the decided change and the periods of the
// draft reports moved.
func (s *Store) DecideTargetChange(ctx context.Context, sc Scope, id int64, d Decision, ch ProjectChange) (TargetChange, []string, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var out TargetChange
	var moved []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row targetChangeRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&row).Error; err != nil {
			if errNotFound(err) {
				return fmt.Errorf("target change %d: %w", id, project.ErrChangeNotFound)
			}
			return fmt.Errorf("target change %d: %w", id, err)
		}
		if err := lockProject(tx, sc, row.ProjectCode); err != nil {
			return fmt.Errorf("target change %d: %w", id, project.ErrChangeNotFound)
		}
		before, err := row.domain()
		if err != nil {
			return err
		}
		p, err := getProject(tx, sc, row.ProjectCode)
		if err != nil {
			return err
		}
		if err := d.Check(before, p); err != nil {
			return err
		}
		level, route := project.LevelFinance, project.Route{}
		if d.Stage != nil {
			if level, route, err = d.Stage(p); err != nil {
				return err
			}
		}
		want := project.ChangeStatus("")
		switch route.Awaits(level) {
		case project.WaitingSubmitted:
			want = project.ChangePending
		case project.WaitingEndorsed:
			want = project.ChangeEndorsed
		}
		if before.Status != want {
			return fmt.Errorf("decide a %s target change: %w", before.Status, project.ErrWrongState)
		}
		ch.Level = level
		row.Status, row.DecidedBy, row.DecidedAt, row.Comment = string(project.ChangeRejected), ch.Actor, &ch.At, d.Comment
		switch {
		case d.Approve && level != route.Final():
			// agreed by the 主管部门: on to the finance bureau
			row.Status, row.DecidedBy, row.DecidedAt, row.Comment = string(project.ChangeEndorsed), "", nil, ""
			row.EndorsedBy, row.EndorsedAt, row.EndorseComment = &ch.Actor, &ch.At, d.Comment
		case d.Approve:
			next, err := d.Apply(before, p)
			if err != nil {
				return err
			}
			if moved, err = publishVersion(tx, p, next, id, ch); err != nil {
				return err
			}
			v := p.TargetVersion + 1
			row.Status, row.ResultVersion = string(project.ChangeApproved), &v
		}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("decide target change %d: %w", id, err)
		}
		if out, err = row.domain(); err != nil {
			return err
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "target_change." + ch.Action,
			ObjectType: "target_change", ObjectID: fmt.Sprint(id), Status: 200, Before: audit.JSON(before), After: audit.JSON(out),
			Detail: audit.JSON(map[string]any{"project": row.ProjectCode, "comment": d.Comment, "moved_drafts": moved, "level": level})})
	})
	return out, moved, err
}
