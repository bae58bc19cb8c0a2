package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/period"
)

// AuditNames names what a page of the audit trail speaks of, for people:
// actors and users by display name, and objects by what they are: a report
// as its project's name and period ("金融服务活动资金 · 2024年1–6月监控"), a
// project by name, a round by its period, a rectification item, a target
// change or an evidence file by its project, a department by its name. Keys are "user:<username>" and
// "<object type>:<object id>"; what is not found is left out.
func (s *Store) AuditNames(ctx context.Context, es []audit.Entry) (map[string]string, error) {
	db := s.lag().db.WithContext(ctx)
	users := map[string]bool{}
	byType := map[string][]string{}
	for _, e := range es {
		users[e.Actor] = true
		if e.ObjectID != "" {
			byType[e.ObjectType] = append(byType[e.ObjectType], e.ObjectID)
		}
	}
	for _, u := range byType["user"] {
		users[u] = true
	}
	out := map[string]string{}
	if err := displayNames(db, setKeys(users), out); err != nil {
		return nil, err
	}
	// reports and projects by their project's name
	codes := map[string]bool{}
	for _, id := range byType["report"] {
		code, _, _ := strings.Cut(id, "/")
		codes[code] = true
	}
	for _, id := range byType["project"] {
		codes[id] = true
	}
	type named struct{ ID, Code, Period, Text string }
	var linked []named // objects that name a project (and a period)
	for _, q := range []struct{ kind, sql string }{
		{"rectification", `SELECT id::text AS id, project_code AS code, period_key AS period, text FROM rectifications WHERE id IN ?`},
		{"target_change", `SELECT id::text AS id, project_code AS code, '' AS period, '' AS text FROM target_changes WHERE id IN ?`},
		{"attachment", `SELECT id::text AS id, project_code AS code, period_key AS period, name AS text FROM attachments WHERE id IN ?`},
	} {
		ids := numericIDs(byType[q.kind])
		if len(ids) == 0 {
			continue
		}
		var rows []named
		if err := db.Raw(q.sql, ids).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("audit names: %w", err)
		}
		for _, r := range rows {
			r.ID = q.kind + ":" + r.ID
			linked = append(linked, r)
			codes[r.Code] = true
		}
	}
	projects := map[string]string{}
	if len(codes) > 0 {
		var rows []struct{ Code, Name string }
		if err := db.Raw(`SELECT code, name FROM projects WHERE code IN ?`, setKeys(codes)).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("audit names: %w", err)
		}
		for _, r := range rows {
			projects[r.Code] = r.Name
		}
	}
	for _, id := range byType["project"] {
		if n, ok := projects[id]; ok {
			out["project:"+id] = n
		}
	}
	for _, id := range byType["report"] {
		code, key, _ := strings.Cut(id, "/")
		if n, ok := projects[code]; ok {
			out["report:"+id] = n + " · " + period.LabelOf(key)
		}
	}
	for _, r := range linked {
		n, ok := projects[r.Code]
		if !ok {
			continue
		}
		if r.Period != "" {
			n += " · " + period.LabelOf(r.Period)
		}
		if r.Text != "" {
			n += "：" + r.Text
		}
		out[r.ID] = n
	}
	if ids := numericIDs(byType["round"]); len(ids) > 0 {
		var rows []struct{ ID, Period string }
		if err := db.Raw(`SELECT id::text AS id, period_key AS period FROM rounds WHERE id IN ?`, ids).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("audit names: %w", err)
		}
		for _, r := range rows {
			out["round:"+r.ID] = period.LabelOf(r.Period) + "填报任务"
		}
	}
	if codes := byType["department"]; len(codes) > 0 {
		var rows []struct{ Code, Name string }
		if err := db.Raw(`SELECT code, name FROM departments WHERE code IN ?`, codes).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("audit names: %w", err)
		}
		for _, r := range rows {
			out["department:"+r.Code] = r.Name
		}
	}
	for _, key := range byType["period"] {
		out["period:"+key] = period.LabelOf(key)
	}
	return out, nil
}

func displayNames(db *gorm.DB, usernames []string, out map[string]string) error {
	if len(usernames) == 0 {
		return nil
	}
	var rows []struct{ Username, DisplayName string }
	if err := db.Raw(`SELECT username, display_name FROM users WHERE username IN ? AND display_name <> ''`, usernames).Scan(&rows).Error; err != nil {
		return fmt.Errorf("audit names: %w", err)
	}
	for _, r := range rows {
		out["user:"+r.Username] = r.DisplayName
	}
	return nil
}

func setKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// numericIDs keeps the ids that are numbers (an object id is text in the trail).
func numericIDs(ids []string) []int64 {
	var out []int64
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}
