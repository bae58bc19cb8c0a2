package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/fields"
	"jixiao/domain/project"
)

// Errors of the department hierarchy.
var (
	// ErrDepartmentExists: a department with that code exists already.
	ErrDepartmentExists = errors.New("department exists")
	// ErrDepartmentInReview: a department cannot move while reports or
	// targets of it or of the units below it wait for a reviewer (their
	// way through review would change under them).
	ErrDepartmentInReview = errors.New("department has reports in review")
	// ErrDepartmentInvalid: the request is wrong in itself (fields say how).
	ErrDepartmentInvalid = errors.New("invalid department")
)

// DepartmentInput is what an administrator sets of a department: its name
// and the department above it ("" for none).
type DepartmentInput struct {
	Code   string
	Name   string
	Parent string
}

// AddDepartment creates a department under its parent (if any), at the
// parent's level plus one, at most project.MaxDepartmentLevel; audited.
func (s *Store) AddDepartment(ctx context.Context, in DepartmentInput, e audit.Entry) (project.Department, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	in.Code, in.Name, in.Parent = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name), strings.TrimSpace(in.Parent)
	p := fields.Problems{}
	if in.Code == "" || utf8.RuneCountInString(in.Code) > 32 || strings.ContainsAny(in.Code, " ,/\\") {
		p.Add("code", "单位代码不能为空，不超过 32 个字符，不含空格、逗号或斜杠")
	}
	checkDepartmentName(p, in.Name)
	if err := p.Err(ErrDepartmentInvalid); err != nil {
		return project.Department{}, err
	}
	var out project.Department
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		level := 1
		if in.Parent != "" {
			pl, err := departmentLevel(tx, in.Parent)
			if err != nil {
				return err
			}
			if pl == 0 {
				return fields.One(ErrDepartmentInvalid, "parent_code", "上级单位不存在："+in.Parent)
			}
			if pl >= project.MaxDepartmentLevel {
				return fields.One(ErrDepartmentInvalid, "parent_code", "单位最多三级（财政、主管部门、二级单位）")
			}
			level = pl + 1
		}
		res := tx.Exec(`INSERT INTO departments (code, name, parent_code, level) VALUES (?, ?, nullif(?, ''), ?) ON CONFLICT (code) DO NOTHING`,
			in.Code, in.Name, in.Parent, level)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrDepartmentExists
		}
		out = project.Department{Code: in.Code, Name: in.Name, Parent: in.Parent, Level: level}
		e.Action, e.ObjectType, e.ObjectID = audit.DepartmentCreated, "department", in.Code
		e.After = audit.JSON(departmentAudit(out))
		return appendAudit(tx, e)
	})
	if err != nil {
		return project.Department{}, fmt.Errorf("add department %s: %w", in.Code, err)
	}
	return out, nil
}

func checkDepartmentName(p fields.Problems, name string) {
	if name == "" || utf8.RuneCountInString(name) > 100 {
		p.Add("name", "单位名称不能为空，不超过 100 个字")
	}
}

// UpdateDepartment renames a department and moves it under another parent
// ("" for the top). A move is refused while the department or a unit below
// it has reports or targets in review, would make a department its own
// ancestor, or would go deeper than three levels; the levels of the moved
// subtree follow. Audited (department.move when the parent changes).
func (s *Store) UpdateDepartment(ctx context.Context, in DepartmentInput, e audit.Entry) (project.Department, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	in.Name, in.Parent = strings.TrimSpace(in.Name), strings.TrimSpace(in.Parent)
	p := fields.Problems{}
	checkDepartmentName(p, in.Name)
	if in.Parent == in.Code {
		p.Add("parent_code", "单位不能以自己为上级")
	}
	if err := p.Err(ErrDepartmentInvalid); err != nil {
		return project.Department{}, err
	}
	var out project.Department
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before departmentRow
		res := tx.Raw(`SELECT code, name, coalesce(parent_code, '') AS parent_code, level FROM departments WHERE code = ? FOR UPDATE`, in.Code).Scan(&before)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return project.ErrNoDepartment
		}
		out = project.Department{Code: in.Code, Name: in.Name, Parent: in.Parent, Level: before.Level}
		moved := before.ParentCode != in.Parent
		if moved {
			var under []departmentRow
			below := subtree("code", in.Code)
			if err := tx.Raw(`SELECT code, level FROM departments WHERE `+below.cond, below.args...).
				Scan(&under).Error; err != nil {
				return err
			}
			level := 1
			if in.Parent != "" {
				for _, d := range under {
					if d.Code == in.Parent {
						return fields.One(ErrDepartmentInvalid, "parent_code", "不能移到自己的下级单位之下")
					}
				}
				pl, err := departmentLevel(tx, in.Parent)
				if err != nil {
					return err
				}
				if pl == 0 {
					return fields.One(ErrDepartmentInvalid, "parent_code", "上级单位不存在："+in.Parent)
				}
				level = pl + 1
			}
			deepest := before.Level
			for _, d := range under {
				deepest = max(deepest, d.Level)
			}
			if level+deepest-before.Level > project.MaxDepartmentLevel {
				return fields.One(ErrDepartmentInvalid, "parent_code", "单位最多三级（财政、主管部门、二级单位）")
			}
			var inReview int64
			if err := tx.Raw(`SELECT count(*) FROM projects p LEFT JOIN reports r ON r.project_code = p.code
				WHERE `+subtree("p.department_code", in.Code).cond+` AND (p.status IN ('submitted', 'endorsed') OR r.status IN ('submitted', 'endorsed')
				OR EXISTS (SELECT 1 FROM target_changes c WHERE c.project_code = p.code AND c.status IN ('pending', 'endorsed')))`,
				below.args...).Scan(&inReview).Error; err != nil {
				return err
			}
			if inReview > 0 {
				return ErrDepartmentInReview
			}
			if err := tx.Exec(`UPDATE departments SET level = level + ? WHERE `+below.cond,
				append([]any{level - before.Level}, below.args...)...).Error; err != nil {
				return err
			}
			out.Level = level
		}
		if err := tx.Exec(`UPDATE departments SET name = ?, parent_code = nullif(?, '') WHERE code = ?`, in.Name, in.Parent, in.Code).Error; err != nil {
			return err
		}
		e.Action, e.ObjectType, e.ObjectID = "department.update", "department", in.Code
		if moved {
			e.Action = DepartmentMoved
		}
		e.Before = audit.JSON(departmentAudit(project.Department{Code: before.Code, Name: before.Name, Parent: before.ParentCode, Level: before.Level}))
		e.After = audit.JSON(departmentAudit(out))
		return appendAudit(tx, e)
	})
	if err != nil {
		return project.Department{}, fmt.Errorf("update department %s: %w", in.Code, err)
	}
	return out, nil
}

// DepartmentMoved is the audit action of a department put under another parent.
const DepartmentMoved = "department.move"

// departmentLevel is the level of a department, 0 when there is none.
func departmentLevel(tx *gorm.DB, code string) (int, error) {
	var lv []int
	if err := tx.Raw(`SELECT level FROM departments WHERE code = ?`, code).Scan(&lv).Error; err != nil {
		return 0, err
	}
	if len(lv) == 0 {
		return 0, nil
	}
	return lv[0], nil
}

func departmentAudit(d project.Department) map[string]any {
	return map[string]any{"code": d.Code, "name": d.Name, "parent_code": d.Parent, "level": d.Level}
}

// OverallCategory is the category (项目类别) of a department's overall project.
const OverallCategory = "部门整体"

// OverallDraft is a department's overall target set (部门整体支出绩效) of a
// year as the seed or an administrator starts it: a draft of kind
// department without indicators, whose budget is basic + projects.
type OverallDraft struct {
	Department, Name string
	Year             int
	Basic, Projects  decimal.Decimal
}

// EnsureOverallDraft creates the department's overall project of the year
// (code <department>-ZT<year>) as a draft unless one exists; it reports
// whether it created it. Audited as project.create.
func (s *Store) EnsureOverallDraft(ctx context.Context, d OverallDraft, e audit.Entry) (bool, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	code := project.OverallCode(d.Department, d.Year)
	var created bool
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO projects (code, department_code, year, name, category, budget, goal, execution_weight, status,
			kind, budget_basic, budget_projects, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, '', 10, 'draft', 'department', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			code, d.Department, d.Year, d.Name, OverallCategory, d.Basic.Add(d.Projects), d.Basic, d.Projects, e.At, e.Actor)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		created = true
		e.Action, e.ObjectType, e.ObjectID = "project.create", "project", code
		e.After = audit.JSON(map[string]any{"code": code, "kind": "department", "budget": d.Basic.Add(d.Projects).StringFixed(2),
			"budget_basic": d.Basic.StringFixed(2), "budget_projects": d.Projects.StringFixed(2)})
		return appendAudit(tx, e)
	})
	if err != nil {
		return false, fmt.Errorf("overall draft %s: %w", code, err)
	}
	return created, nil
}
