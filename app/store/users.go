package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// userRow is a user with its roles and assignments aggregated into
// comma-separated lists (codes and roles hold no commas).
type userRow struct {
	ID           int64
	Username     string
	DisplayName  string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Roles        string
	Departments  string
	Projects     string
	// security.go
	Phone              string
	Email              string
	MustChangePassword bool
	PasswordChangedAt  time.Time
	LastLoginAt        *time.Time
	TOTPEnrolled       bool `gorm:"column:totp_enrolled"`
	// resets.go
	TemporaryPasswordUntil  *time.Time
	TemporaryPasswordUsedAt *time.Time
}

const userSelect = `SELECT u.id, u.username, u.display_name, u.password_hash, u.disabled, u.created_at, u.updated_at,
	u.phone, u.email, u.must_change_password, u.password_changed_at, u.last_login_at, u.totp_secret IS NOT NULL AS totp_enrolled,
	u.temporary_password_until, u.temporary_password_used_at,
	coalesce((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '') AS roles,
	coalesce((SELECT string_agg(d.department_code, ',' ORDER BY d.department_code) FROM user_departments d WHERE d.user_id = u.id), '') AS departments,
	coalesce((SELECT string_agg(p.project_code, ',' ORDER BY p.project_code) FROM user_projects p WHERE p.user_id = u.id), '') AS projects
	FROM users u`

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (r userRow) account() user.Account {
	a := user.Account{
		ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Disabled: r.Disabled,
		Departments: splitList(r.Departments), Projects: splitList(r.Projects),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Phone: r.Phone, Email: r.Email, MustChangePassword: r.MustChangePassword,
		PasswordChangedAt: r.PasswordChangedAt, LastLoginAt: r.LastLoginAt, TOTPEnrolled: r.TOTPEnrolled,
		TemporaryPasswordUntil: r.TemporaryPasswordUntil, TemporaryPasswordUsedAt: r.TemporaryPasswordUsedAt,
	}
	for _, role := range splitList(r.Roles) {
		a.Roles = append(a.Roles, user.Role(role))
	}
	return a
}

// accountAudit is how an account appears in the audit trail's before and
// after: everything but the password hash.
type accountAudit struct {
	Username    string      `json:"username"`
	DisplayName string      `json:"display_name"`
	Roles       []user.Role `json:"roles"`
	Departments []string    `json:"departments"`
	Projects    []string    `json:"projects"`
	Disabled    bool        `json:"disabled"`
	// personal data, masked even here: the audit trail is read by auditors
	Phone string `json:"phone"`
	Email string `json:"email"`
}

func auditAccount(a user.Account) accountAudit {
	out := accountAudit{
		Username: a.Username, DisplayName: a.DisplayName, Roles: a.Roles,
		Departments: a.Departments, Projects: a.Projects, Disabled: a.Disabled,
		Phone: user.MaskPhone(a.Phone), Email: user.MaskEmail(a.Email),
	}
	// lists as [] rather than null, so that before and after compare plainly
	if out.Roles == nil {
		out.Roles = []user.Role{}
	}
	if out.Departments == nil {
		out.Departments = []string{}
	}
	if out.Projects == nil {
		out.Projects = []string{}
	}
	return out
}

// ListUsers lists every user by username.
func (s *Store) ListUsers(ctx context.Context) ([]user.Account, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Raw(userSelect + ` ORDER BY lower(u.username)`).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := make([]user.Account, len(rows))
	for i, r := range rows {
		out[i] = r.account()
	}
	return out, nil
}

// UserFilter narrows and pages the user list.
type UserFilter struct {
	Q            string // part of the username or display name
	OnlyEnabled  bool
	Offset, Size int // Size 0: every row
}

// PageUsers lists the users the filter matches by username, a page at a
// time, with the count of every match.
func (s *Store) PageUsers(ctx context.Context, f UserFilter) ([]user.Account, int, error) {
	where, args := " WHERE true", []any{}
	if f.Q != "" {
		where += " AND (u.username ILIKE ? OR u.display_name ILIKE ?)"
		args = append(args, likePattern(f.Q), likePattern(f.Q))
	}
	if f.OnlyEnabled {
		where += " AND NOT u.disabled"
	}
	var total int64
	if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM users u`+where, args...).Scan(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count users: %w", err)
	}
	page := ""
	if f.Size > 0 {
		page = " LIMIT ? OFFSET ?"
		args = append(args, f.Size, f.Offset)
	}
	var rows []userRow
	if err := s.db.WithContext(ctx).Raw(userSelect+where+` ORDER BY lower(u.username)`+page, args...).Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list users: %w", err)
	}
	out := make([]user.Account, len(rows))
	for i, r := range rows {
		out[i] = r.account()
	}
	return out, int(total), nil
}

// GetUser reads one user by username (any case); user.ErrNotFound if none.
func (s *Store) GetUser(ctx context.Context, username string) (user.Account, error) {
	r, err := getUserRow(s.db.WithContext(ctx), username)
	if err != nil {
		return user.Account{}, err
	}
	return r.account(), nil
}

// UserForLogin reads a user and the hash of their password.
func (s *Store) UserForLogin(ctx context.Context, username string) (user.Account, string, error) {
	r, err := getUserRow(s.db.WithContext(ctx), username)
	if err != nil {
		return user.Account{}, "", err
	}
	return r.account(), r.PasswordHash, nil
}

func getUserRow(db *gorm.DB, username string) (userRow, error) {
	var rows []userRow
	if err := db.Raw(userSelect+` WHERE lower(u.username) = lower(?)`, username).Scan(&rows).Error; err != nil {
		return userRow{}, fmt.Errorf("get user %s: %w", username, err)
	}
	if len(rows) == 0 {
		return userRow{}, fmt.Errorf("get user %s: %w", username, user.ErrNotFound)
	}
	return rows[0], nil
}

// CreateUser creates a user with a password hash, roles and assignments,
// and records e (actor, address) in the audit trail in the same
// transaction. A taken username is user.ErrExists; an unknown department or
// project, or a project outside the user's department, a *user.ValidationError.
func (s *Store) CreateUser(ctx context.Context, a user.Account, passwordHash string, e audit.Entry) (user.Account, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	if err := a.Validate(); err != nil {
		return user.Account{}, fmt.Errorf("create user: %w", err)
	}
	if passwordHash == "" {
		return user.Account{}, fmt.Errorf("create user %s: no password hash", a.Username)
	}
	var created user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkAssignments(tx, a); err != nil {
			return err
		}
		var id int64
		if err := tx.Raw(`INSERT INTO users (username, display_name, password_hash, phone, email, must_change_password, temporary_password_until)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.Username, a.DisplayName, passwordHash, a.Phone, a.Email, a.MustChangePassword, a.TemporaryPasswordUntil).Scan(&id).Error; err != nil {
			if isUniqueViolation(err) {
				return user.ErrExists
			}
			return err
		}
		a.ID = id
		if err := recordPassword(tx, id, passwordHash); err != nil {
			return err
		}
		if err := writeAccess(tx, a); err != nil {
			return err
		}
		r, err := getUserRow(tx, a.Username)
		if err != nil {
			return err
		}
		created = r.account()
		e.Action, e.ObjectType, e.ObjectID = audit.UserCreated, "user", created.Username
		e.After = audit.JSON(auditAccount(created))
		return appendAudit(tx, e)
	})
	if err != nil {
		return user.Account{}, fmt.Errorf("create user %s: %w", a.Username, err)
	}
	return created, nil
}

// UpdateUser changes a user under a row lock: change edits the account
// (username and id stay), the result is validated, stored and recorded in
// the audit trail with its before and after, all in one transaction.
// e.Action says what kind of change it is (audit.UserRoles, …). Roles and
// assignments are read with the session on every request, so the change
// holds at every server's next request.
func (s *Store) UpdateUser(ctx context.Context, username string, change func(*user.Account) error, e audit.Entry) (user.Account, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var updated user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ids []int64
		if err := tx.Raw(`SELECT id FROM users WHERE lower(username) = lower(?) FOR UPDATE`, username).Scan(&ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return user.ErrNotFound
		}
		r, err := getUserRow(tx, username)
		if err != nil {
			return err
		}
		before := r.account()
		after := r.account()
		if err := change(&after); err != nil {
			return err
		}
		after.ID, after.Username = before.ID, before.Username
		if err := user.CheckSelfChange(e.ActorID, before, after); err != nil {
			return err
		}
		if err := after.Validate(); err != nil {
			return err
		}
		if err := checkAssignments(tx, after); err != nil {
			return err
		}
		if user.DropsAdmin(before, after) {
			if err := checkOtherAdmin(tx, before.ID); err != nil {
				return err
			}
		}
		if err := tx.Exec(`UPDATE users SET display_name = ?, disabled = ?, phone = ?, email = ?, updated_at = now() WHERE id = ?`,
			after.DisplayName, after.Disabled, after.Phone, after.Email, after.ID).Error; err != nil {
			return err
		}
		for _, table := range []string{"user_roles", "user_departments", "user_projects"} {
			if err := tx.Exec(`DELETE FROM `+table+` WHERE user_id = ?`, after.ID).Error; err != nil {
				return err
			}
		}
		if err := writeAccess(tx, after); err != nil {
			return err
		}
		r, err = getUserRow(tx, username)
		if err != nil {
			return err
		}
		updated = r.account()
		if e.Action == "" {
			e.Action = audit.UserUpdated
		}
		var revoked int64
		if after.Disabled && !before.Disabled {
			// disabling ends every session: re-enabling must not revive them
			ended := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`, after.ID)
			if ended.Error != nil {
				return ended.Error
			}
			revoked = ended.RowsAffected
			e.Detail = audit.JSON(map[string]int64{"sessions_revoked": revoked})
		}
		e.ObjectType, e.ObjectID = "user", updated.Username
		e.Before, e.After = audit.JSON(auditAccount(before)), audit.JSON(auditAccount(updated))
		return appendAudit(tx, e)
	})
	if err != nil {
		return user.Account{}, fmt.Errorf("update user %s: %w", username, err)
	}
	return updated, nil
}

// checkOtherAdmin refuses with user.ErrLastAdmin unless an enabled
// administrator other than id remains. Every change that takes an admin
// away holds one advisory lock while it checks, so two admins disabling
// each other at once cannot both succeed.
func checkOtherAdmin(tx *gorm.DB, id int64) error {
	if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended('jixiao.admins', 0))`).Error; err != nil {
		return err
	}
	var others int64
	if err := tx.Raw(`SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = 'admin' AND NOT u.disabled AND u.id <> ?`, id).Scan(&others).Error; err != nil {
		return err
	}
	if others == 0 {
		return user.ErrLastAdmin
	}
	return nil
}

// SetPassword replaces a user's password hash and revokes the user's live
// sessions, recorded in the audit trail (never the hash). The password must
// be changed at its next use; with temporaryUntil set it is also temporary
// (it signs in once, before then: an administrator's reset), and notices go
// out in the same transaction (Notify).
func (s *Store) SetPassword(ctx context.Context, username, passwordHash string, at time.Time, temporaryUntil *time.Time, e audit.Entry, notices ...Notice) (user.Account, error) {
	var a user.Account
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockUserRow(tx, username)
		if err != nil {
			return err
		}
		revoked, err := setPassword(tx, r.ID, passwordHash, at, temporaryUntil)
		if err != nil {
			return err
		}
		if r, err = getUserRow(tx, username); err != nil {
			return err
		}
		a = r.account()
		e.Action, e.ObjectType, e.ObjectID = audit.UserPassword, "user", a.Username
		e.Detail = audit.JSON(map[string]any{"sessions_revoked": revoked, "temporary": temporaryUntil != nil})
		if err := appendAudit(tx, e); err != nil {
			return err
		}
		return notifyAll(tx, a, notices)
	})
	if err != nil {
		return user.Account{}, fmt.Errorf("set password of %s: %w", username, err)
	}
	return a, nil
}

// setPassword replaces a user's password (to be changed at its next use,
// temporary until temporaryUntil when set) and ends their sessions; it
// returns how many ended.
func setPassword(tx *gorm.DB, userID int64, passwordHash string, at time.Time, temporaryUntil *time.Time) (int64, error) {
	// a password someone else set is changed at its first use
	if err := tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = true, password_changed_at = now(), updated_at = now(),
		temporary_password_until = ?, temporary_password_used_at = NULL WHERE id = ?`, passwordHash, temporaryUntil, userID).Error; err != nil {
		return 0, err
	}
	if err := recordPassword(tx, userID, passwordHash); err != nil {
		return 0, err
	}
	ended := tx.Exec(`UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, at, userID)
	return ended.RowsAffected, ended.Error
}

// lockUserRow reads a user (any case) under a row lock.
func lockUserRow(tx *gorm.DB, username string) (userRow, error) {
	var ids []int64
	if err := tx.Raw(`SELECT id FROM users WHERE lower(username) = lower(?) FOR UPDATE`, username).Scan(&ids).Error; err != nil {
		return userRow{}, err
	}
	if len(ids) == 0 {
		return userRow{}, fmt.Errorf("user %s: %w", username, user.ErrNotFound)
	}
	return getUserRow(tx, username)
}

// writeAccess inserts the account's roles and assignments.
func writeAccess(tx *gorm.DB, a user.Account) error {
	for _, r := range a.Roles {
		if err := tx.Exec(`INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, a.ID, string(r)).Error; err != nil {
			return err
		}
	}
	for _, d := range a.Departments {
		if err := tx.Exec(`INSERT INTO user_departments (user_id, department_code) VALUES (?, ?)`, a.ID, d).Error; err != nil {
			return err
		}
	}
	for _, p := range a.Projects {
		if err := tx.Exec(`INSERT INTO user_projects (user_id, project_code) VALUES (?, ?)`, a.ID, p).Error; err != nil {
			return err
		}
	}
	return nil
}

type projectDepartment struct {
	Code           string
	DepartmentCode string
}

// checkAssignments checks that the departments and projects exist and that
// every project belongs to one of the account's departments.
func checkAssignments(tx *gorm.DB, a user.Account) error {
	fields := map[string]string{}
	if len(a.Departments) > 0 {
		var found []string
		if err := tx.Raw(`SELECT code FROM departments WHERE code IN ?`, a.Departments).Scan(&found).Error; err != nil {
			return err
		}
		for _, d := range a.Departments {
			if !slices.Contains(found, d) {
				fields["departments"] = "部门不存在：" + d
				break
			}
		}
	}
	if len(a.Projects) > 0 {
		var found []projectDepartment
		if err := tx.Raw(`SELECT code, department_code FROM projects WHERE code IN ?`, a.Projects).Scan(&found).Error; err != nil {
			return err
		}
		for _, p := range a.Projects {
			i := slices.IndexFunc(found, func(f projectDepartment) bool { return f.Code == p })
			if i < 0 {
				fields["projects"] = "项目不存在：" + p
				break
			}
			if !slices.Contains(a.Departments, found[i].DepartmentCode) {
				fields["projects"] = "项目 " + p + " 不属于该用户的部门"
				break
			}
		}
	}
	if len(fields) > 0 {
		return &user.ValidationError{Kind: user.ErrInvalid, Fields: fields}
	}
	return nil
}

// EnsureDepartment creates a department unless its code exists already,
// recording the creation in the audit trail. It reports whether it created it.
func (s *Store) EnsureDepartment(ctx context.Context, code, name string, e audit.Entry) (bool, error) {
	defer s.wrote() // after the commit: the kept dashboards are read anew
	var created bool
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO departments (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING`, code, name)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		created = true
		e.Action, e.ObjectType, e.ObjectID = audit.DepartmentCreated, "department", code
		e.After = audit.JSON(map[string]string{"code": code, "name": name})
		return appendAudit(tx, e)
	})
	if err != nil {
		return false, fmt.Errorf("ensure department %s: %w", code, err)
	}
	return created, nil
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// ChangeOwnPassword replaces a user's password after they proved the current
// one in the login attempt attemptID (which becomes a success), and ends
// every other session of theirs, keeping the one with id keep; recorded in
// the audit trail, all in one transaction.
func (s *Store) ChangeOwnPassword(ctx context.Context, attemptID, userID int64, passwordHash string, keep []byte, e audit.Entry) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`UPDATE login_attempts SET success = true WHERE id = ?`, attemptID).Error; err != nil {
			return err
		}
		res := tx.Exec(`UPDATE users SET password_hash = ?, must_change_password = false, password_changed_at = now(), updated_at = now(),
			temporary_password_until = NULL, temporary_password_used_at = NULL WHERE id = ?`, passwordHash, userID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return user.ErrNotFound
		}
		if err := recordPassword(tx, userID, passwordHash); err != nil {
			return err
		}
		ended := tx.Exec(`UPDATE sessions SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL AND id <> ?`, userID, keep)
		if ended.Error != nil {
			return ended.Error
		}
		e.Action, e.ObjectType = audit.UserPassword, "user"
		e.Detail = audit.JSON(map[string]any{"own": true, "sessions_revoked": ended.RowsAffected})
		return appendAudit(tx, e)
	})
	if err != nil {
		return fmt.Errorf("change own password: %w", err)
	}
	return nil
}
