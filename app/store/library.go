package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"jixiao/domain/audit"
)

// Library errors.
var (
	ErrLibraryNotFound = errors.New("library entry not found")
	ErrLibraryState    = errors.New("library entry is not in a state for this")
	ErrLibraryExists   = errors.New("library entry exists")
)

// LibraryEntry is one entry of the indicator library (指标库).
type LibraryEntry struct {
	ID             int64
	Scope          string // common | department
	DepartmentCode string // "" for common entries
	DepartmentName string
	Level1         string `gorm:"column:level1"`
	Level2         string `gorm:"column:level2"`
	Name           string
	Nature         string
	Unit           string
	ValueBasis     string
	Guidance       string
	Source         string
	Status         string // proposed | accepted | merged
	MergedInto     *int64
	Aliases        string // one per line
	ProposedBy     string
	ProposedAt     *time.Time
	DecidedBy      string
	DecidedAt      *time.Time
	// Uses counts the indicators filed under the entry that the caller sees.
	Uses int
	// Rank orders a word search: higher is closer.
	Rank float64
}

// AliasList is Aliases as a list.
func (e LibraryEntry) AliasList() []string {
	out := []string{}
	for _, a := range strings.Split(e.Aliases, "\n") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// LibraryFilter narrows a library search; zero fields do not filter.
type LibraryFilter struct {
	Q          string
	Level1     string
	Level2     string
	Scope      string
	Department string
	Status     string // proposed | accepted; merged entries are never listed
	Limit      int
}

// libraryWhere restricts a query on indicator_library (aliased l) to the
// common entries and the department entries of departments the scope sees
// (or of the departments of the projects it sees).
func (s Scope) libraryWhere() (string, []any) {
	if s.all {
		return "true", nil
	}
	cond, args := s.cond("l.department_code", "code", "l.department_code IN (SELECT department_code FROM projects WHERE %s)")
	return "(l.scope = 'common' OR " + cond + ")", args
}

// level2Key is a 二级指标 without its optional trailing 指标.
func level2Key(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), "指标") }

const libraryColumns = `l.id, l.scope, coalesce(l.department_code, '') AS department_code, coalesce(d.name, '') AS department_name,
	l.level1, l.level2, l.name, l.nature, l.unit, l.value_basis, l.guidance, l.source, l.status, l.merged_into, l.aliases,
	l.proposed_by, l.proposed_at, l.decided_by, l.decided_at`

// SearchLibrary finds the library entries the scope sees whose name (or a
// merged name) holds every word of f.Q, ranked: the whole name, then a name
// that starts with the words, then a name (not only a merged one) holding
// the last word, then by trigram similarity to the words; without words by
// levels and name.
func (s *Store) SearchLibrary(ctx context.Context, sc Scope, f LibraryFilter) ([]LibraryEntry, int, error) {
	where := []string{"l.status <> 'merged'"}
	cond, args := sc.libraryWhere()
	where = append(where, cond)
	add := func(sql string, v ...any) {
		args = append(args, v...)
		where = append(where, sql)
	}
	if f.Level1 != "" {
		add("l.level1 = ?", strings.TrimSpace(f.Level1))
	}
	if f.Level2 != "" {
		k := level2Key(f.Level2)
		add("l.level2 IN (?, ?)", k, k+"指标")
	}
	if f.Scope != "" {
		add("l.scope = ?", f.Scope)
	}
	if f.Department != "" {
		// a department's view: its own entries and the common ones
		add("(l.department_code = ? OR l.scope = 'common')", f.Department)
	}
	if f.Status != "" {
		add("l.status = ?", f.Status)
	}
	rank := "0"
	var rankArgs []any
	words := strings.Fields(f.Q)
	if len(words) > 8 {
		words = words[:8]
	}
	if len(words) > 0 {
		q := strings.Join(words, " ")
		var all []string
		for _, w := range words {
			args = append(args, likePattern(w))
			all = append(all, "l.search ILIKE ?")
		}
		// every word (ILIKE uses the trigram index)
		where = append(where, "("+strings.Join(all, " AND ")+")")
		joined := strings.ReplaceAll(q, " ", "")
		rank = `(CASE WHEN l.name = ? THEN 8 ELSE 0 END) + (CASE WHEN l.name LIKE ? THEN 4 ELSE 0 END)
			+ (CASE WHEN l.name LIKE ? THEN 2 ELSE 0 END) + similarity(l.name, ?)`
		rankArgs = []any{joined, likePattern(joined)[1:], likePattern(words[len(words)-1]), q}
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	usesCond, usesArgs := sc.where("p")
	// the arguments in the order of the text: the uses, the rank, the filter
	args = append(append(usesArgs, rankArgs...), args...)
	// the uses are counted for the page only, after the ranking
	sql := fmt.Sprintf(`SELECT x.*, (SELECT count(*) FROM indicators i JOIN projects p ON p.code = i.project_code
		  WHERE i.library_id = x.id AND i.retired_in IS NULL AND %s) AS uses
		FROM (SELECT %s, (%s)::float8 AS rank, count(*) OVER () AS total
		  FROM indicator_library l LEFT JOIN departments d ON d.code = l.department_code
		  WHERE %s ORDER BY rank DESC, l.scope DESC, l.level1, l.level2, l.name, l.id LIMIT %d) x
		ORDER BY x.rank DESC, x.scope DESC, x.level1, x.level2, x.name, x.id`,
		usesCond, libraryColumns, rank, strings.Join(where, " AND "), limit)
	type row struct {
		LibraryEntry
		Total int
	}
	var rows []row
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("search library: %w", err)
	}
	out := make([]LibraryEntry, len(rows))
	total := 0
	for i, r := range rows {
		out[i], total = r.LibraryEntry, r.Total
	}
	return out, total, nil
}

// GetLibraryEntry reads one entry the scope sees (merged ones too).
func (s *Store) GetLibraryEntry(ctx context.Context, sc Scope, id int64) (LibraryEntry, error) {
	return getLibraryEntry(s.db.WithContext(ctx), sc, id, false)
}

func getLibraryEntry(db *gorm.DB, sc Scope, id int64, lock bool) (LibraryEntry, error) {
	cond, args := sc.libraryWhere()
	args = append([]any{id}, args...)
	sql := fmt.Sprintf(`SELECT %s FROM indicator_library l LEFT JOIN departments d ON d.code = l.department_code
		WHERE l.id = ? AND %s`, libraryColumns, cond)
	if lock {
		sql += " FOR UPDATE OF l"
	}
	var rows []LibraryEntry
	if err := db.Raw(sql, args...).Scan(&rows).Error; err != nil {
		return LibraryEntry{}, fmt.Errorf("get library entry %d: %w", id, err)
	}
	if len(rows) == 0 {
		return LibraryEntry{}, fmt.Errorf("library entry %d: %w", id, ErrLibraryNotFound)
	}
	return rows[0], nil
}

// LibraryUse is one indicator filed under a library entry, with the actual
// of its year's approved annual self-evaluation when there is one.
type LibraryUse struct {
	ProjectCode string
	ProjectName string
	Year        int
	Status      string
	IndicatorID int64
	Target      string
	Unit        string
	Actual      *string
	Score       *string
}

// LibraryUses lists where an entry is used in the projects the scope sees,
// newest year first.
func (s *Store) LibraryUses(ctx context.Context, sc Scope, id int64) ([]LibraryUse, error) {
	cond, args := sc.where("p")
	args = append([]any{id}, args...)
	sql := fmt.Sprintf(`SELECT p.code AS project_code, p.name AS project_name, p.year, p.status, i.id AS indicator_id, i.target, i.unit,
		  fl.value AS actual, fl.score AS score
		FROM indicators i JOIN projects p ON p.code = i.project_code
		LEFT JOIN LATERAL (%s) fl ON true
		WHERE i.library_id = ? AND i.retired_in IS NULL AND %s
		ORDER BY p.year DESC, p.code, i.position LIMIT 200`, finalLineSQL("p", "i"), cond)
	var out []LibraryUse
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("library uses %d: %w", id, err)
	}
	return out, nil
}

// LibraryProposal is a new department entry a submitter proposes.
type LibraryProposal struct {
	DepartmentCode string
	Level1         string
	Level2         string
	Name           string
	Nature         string
	Unit           string
	ValueBasis     string
	Guidance       string
}

// LibraryChange says who acts on the library, for the audit trail.
type LibraryChange struct {
	Actor   string
	ActorID int64
	IP      string
	At      time.Time
}

// ProposeLibraryEntry stores a proposed department entry (部门指标确认
// pending). The same live name under the same levels is ErrLibraryExists.
func (s *Store) ProposeLibraryEntry(ctx context.Context, in LibraryProposal, ch LibraryChange) (LibraryEntry, error) {
	var out LibraryEntry
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var dep departmentRow
		if err := tx.Where("code = ?", in.DepartmentCode).Take(&dep).Error; err != nil {
			return fmt.Errorf("propose: department %s: %w", in.DepartmentCode, ErrLibraryNotFound)
		}
		var id int64
		err := tx.Raw(`INSERT INTO indicator_library (scope, department_code, level1, level2, name, nature, unit, value_basis, guidance,
			  source, status, proposed_by, proposed_at)
			VALUES ('department', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?) RETURNING id`,
			in.DepartmentCode, strings.TrimSpace(in.Level1), strings.TrimSpace(in.Level2), strings.TrimSpace(in.Name), in.Nature, in.Unit,
			in.ValueBasis, in.Guidance, dep.Name+"提出的个性指标", ch.Actor, ch.At).Scan(&id).Error
		if err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("propose %q: %w", in.Name, ErrLibraryExists)
			}
			return fmt.Errorf("propose %q: %w", in.Name, err)
		}
		if out, err = getLibraryEntry(tx, ScopeAll(), id, false); err != nil {
			return err
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: "library.propose",
			ObjectType: "indicator_library", ObjectID: fmt.Sprint(id), Status: 201, After: audit.JSON(out)})
	})
	return out, err
}

// DecideLibraryEntry accepts a proposed entry (into == 0) or merges it into
// another live entry of its department or the common set: the proposed name
// becomes one of the other entry's names, and indicators filed under the
// proposal move to it. check sees the entry before anything changes.
func (s *Store) DecideLibraryEntry(ctx context.Context, sc Scope, id, into int64, ch LibraryChange, check func(LibraryEntry) error) (LibraryEntry, error) {
	var out LibraryEntry
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		e, err := getLibraryEntry(tx, sc, id, true)
		if err != nil {
			return err
		}
		if err := check(e); err != nil {
			return err
		}
		if e.Status != "proposed" {
			return fmt.Errorf("decide library entry %d (%s): %w", id, e.Status, ErrLibraryState)
		}
		action := "library.accept"
		if into == 0 {
			if err := tx.Exec(`UPDATE indicator_library SET status = 'accepted', decided_by = ?, decided_at = ?,
				source = source || '，' || ? WHERE id = ?`, ch.Actor, ch.At, "经部门审核确认", id).Error; err != nil {
				return fmt.Errorf("accept library entry %d: %w", id, err)
			}
		} else {
			action = "library.merge"
			t, err := getLibraryEntry(tx, sc, into, true)
			if err != nil {
				return err
			}
			if t.ID == e.ID || t.Status == "merged" || (t.Scope == "department" && t.DepartmentCode != e.DepartmentCode) {
				return fmt.Errorf("merge %d into %d: %w", id, into, ErrLibraryState)
			}
			if err := tx.Exec(`UPDATE indicator_library SET status = 'merged', merged_into = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
				into, ch.Actor, ch.At, id).Error; err != nil {
				return fmt.Errorf("merge library entry %d: %w", id, err)
			}
			if err := tx.Exec(`UPDATE indicator_library SET aliases = CASE WHEN aliases = '' THEN ? ELSE aliases || E'\n' || ? END
				WHERE id = ?`, e.Name, e.Name, into).Error; err != nil {
				return fmt.Errorf("merge library entry %d: %w", id, err)
			}
			if err := tx.Exec(`UPDATE indicators SET library_id = ? WHERE library_id = ?`, into, id).Error; err != nil {
				return fmt.Errorf("merge library entry %d: %w", id, err)
			}
		}
		if out, err = getLibraryEntry(tx, ScopeAll(), id, false); err != nil {
			return err
		}
		var detail []byte
		if into != 0 {
			detail = audit.JSON(map[string]int64{"merged_into": into})
		}
		return appendAudit(tx, audit.Entry{At: ch.At, Actor: ch.Actor, ActorID: ch.ActorID, IP: ch.IP, Action: action,
			ObjectType: "indicator_library", ObjectID: fmt.Sprint(id), Status: 200, Before: audit.JSON(e), After: audit.JSON(out), Detail: detail})
	})
	return out, err
}

// LibraryVisible returns which of ids are live or proposed entries the
// scope sees.
func (s *Store) LibraryVisible(ctx context.Context, sc Scope, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := sc.libraryWhere()
	args = append([]any{ints(ids)}, args...)
	var found []int64
	if err := s.db.WithContext(ctx).Raw(`SELECT l.id FROM indicator_library l WHERE l.id = ANY(?) AND l.status <> 'merged' AND `+cond,
		args...).Scan(&found).Error; err != nil {
		return nil, fmt.Errorf("library entries: %w", err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// CommonEntry is a 共性 entry shipped with the product.
type CommonEntry struct {
	Level1, Level2, Name, Nature, Unit, ValueBasis, Guidance, Source string
}

// EnsureCommonLibrary adds the shipped common entries that are missing and
// updates the guidance and source of those present; it returns how many
// common entries the library then holds.
func (s *Store) EnsureCommonLibrary(ctx context.Context, es []CommonEntry) (int, error) {
	added := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, e := range es {
			// update what changed, insert what is missing: a start that
			// changes nothing leaves the table and its sequence as they were
			if err := tx.Exec(`UPDATE indicator_library SET guidance = ?, source = ?, nature = ?, unit = ?, value_basis = ?
				WHERE scope = 'common' AND level1 = ? AND level2 = ? AND name = ? AND status <> 'merged'
				  AND (guidance, source, nature, unit, value_basis) IS DISTINCT FROM (?, ?, ?, ?, ?)`,
				e.Guidance, e.Source, e.Nature, e.Unit, e.ValueBasis, e.Level1, e.Level2, e.Name,
				e.Guidance, e.Source, e.Nature, e.Unit, e.ValueBasis).Error; err != nil {
				return fmt.Errorf("common library entry %q: %w", e.Name, err)
			}
			if err := tx.Exec(`INSERT INTO indicator_library (scope, level1, level2, name, nature, unit, value_basis, guidance, source, status)
				SELECT 'common', ?, ?, ?, ?, ?, ?, ?, ?, 'accepted'
				WHERE NOT EXISTS (SELECT 1 FROM indicator_library WHERE scope = 'common' AND level1 = ? AND level2 = ? AND name = ?
				  AND status <> 'merged')`, e.Level1, e.Level2, e.Name, e.Nature, e.Unit, e.ValueBasis, e.Guidance, e.Source,
				e.Level1, e.Level2, e.Name).Error; err != nil {
				return fmt.Errorf("common library entry %q: %w", e.Name, err)
			}
		}
		var n int64
		if err := tx.Raw(`SELECT count(*) FROM indicator_library WHERE scope = 'common'`).Scan(&n).Error; err != nil {
			return err
		}
		added = int(n)
		return nil
	})
	return added, err
}

// departmentSource is the source of a department entry made from an
// approved target set (PostgreSQL format: department, year, project).
const departmentSource = "%s%s年已批复的项目支出绩效目标（%s）"

// syncDepartmentLibrary files every current indicator of an approved
// project that has no library entry under its department's entry of the
// same levels and name, making the entry when there is none (个性指标: an
// approved target set starts the department's library).
func syncDepartmentLibrary(tx *gorm.DB, code string) error {
	if err := tx.Exec(`INSERT INTO indicator_library (scope, department_code, level1, level2, name, nature, unit, value_basis, source, status)
		SELECT DISTINCT ON (i.level1, i.level2, i.name) 'department', p.department_code, i.level1, i.level2, i.name, i.nature, i.unit,
		  i.value_basis, format(?, d.name, p.year, p.name), 'accepted'
		FROM indicators i JOIN projects p ON p.code = i.project_code JOIN departments d ON d.code = p.department_code
		WHERE p.code = ? AND p.status = 'approved' AND i.retired_in IS NULL AND i.library_id IS NULL
		  AND i.level1 <> '' AND i.level2 <> ''
		ORDER BY i.level1, i.level2, i.name, i.position
		ON CONFLICT (coalesce(department_code, ''), level1, level2, name) WHERE status <> 'merged' DO NOTHING`,
		departmentSource, code).Error; err != nil {
		return fmt.Errorf("library entries of %s: %w", code, err)
	}
	if err := tx.Exec(`UPDATE indicators i SET library_id = l.id
		FROM projects p, indicator_library l
		WHERE p.code = ? AND i.project_code = p.code AND p.status = 'approved' AND i.library_id IS NULL AND i.retired_in IS NULL
		  AND l.department_code = p.department_code AND l.level1 = i.level1 AND l.level2 = i.level2 AND l.name = i.name
		  AND l.status <> 'merged'`, code).Error; err != nil {
		return fmt.Errorf("file indicators of %s: %w", code, err)
	}
	return nil
}

// finalLineSQL selects the final actual (value) and line score of
// indicator alias i from the approved annual self-evaluation of project
// alias p's year, as text.
func finalLineSQL(p, i string) string {
	return fmt.Sprintf(`SELECT rl.value::text AS value, rl.score::text AS score
		FROM reports r JOIN report_lines rl ON rl.report_id = r.id AND rl.indicator_id = %[2]s.id
		WHERE r.project_code = %[1]s.code AND r.period_key = %[1]s.year::text AND r.status = 'approved' LIMIT 1`, p, i)
}
