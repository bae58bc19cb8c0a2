// Package audit describes the audit trail: one append-only entry per write
// and per refused access, saying who did what, when, from where, and what
// the object looked like before and after.
package audit

import (
	"encoding/json"
	"time"
)

// Entry is one row of the audit trail. Before, After and Detail are JSON
// documents (nil when there is nothing to say): Before and After are the
// object's state around the change, Detail anything else worth keeping
// (the route of a refused request, a reason). Secrets never go in them.
type Entry struct {
	ID int64
	// At is when it happened; zero means the database's clock at insert.
	At time.Time
	// Actor is the username, "anonymous" or "cli".
	Actor string
	// ActorID is the user's id; 0 when there is no user.
	ActorID int64
	// IP is the client address as the server saw it.
	IP string
	// Action names what happened, "object.verb": "auth.login", "report.submit".
	Action     string
	ObjectType string
	ObjectID   string
	// Status is the HTTP status the action ended with, 0 outside HTTP.
	Status int
	Before json.RawMessage
	After  json.RawMessage
	Detail json.RawMessage
}

// Actors that are not users.
const (
	Anonymous = "anonymous"
	CLI       = "cli"
)

// Actions recorded by authentication and user management. Other packages
// add theirs (report.save, report.submit, …) in the same "object.verb" form.
const (
	LoginSucceeded = "auth.login"
	LoginFailed    = "auth.login_failed"
	LoginLocked    = "auth.login_locked"
	Logout         = "auth.logout"
	AccessDenied   = "access.denied"
	// RequestRejected: a signed-in caller's request passed the guard but was
	// refused (404 outside their scope, 403 not assigned, 409 stale or wrong
	// state, 422 invalid); nothing changed.
	RequestRejected = "request.rejected"
	// RequestFailed: a request ended in a server error (5xx).
	RequestFailed     = "request.failed"
	UserCreated       = "user.create"
	UserRoles         = "user.roles"
	UserAssigned      = "user.assignments"
	UserPassword      = "user.password"
	UserUpdated       = "user.update"
	DepartmentCreated = "department.create"
)

// JSON encodes v for Before, After or Detail; nil stays nil. A value that
// cannot be JSON (a bug) is recorded as {"unencodable": "<error>"} rather
// than lost.
func JSON(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"unencodable": err.Error()})
	}
	return b
}

// Filter narrows a listing of the audit trail; zero fields do not filter.
type Filter struct {
	Actor      string
	Action     string
	ObjectType string
	ObjectID   string
	From, To   time.Time // From inclusive, To exclusive
	Page       int       // from 1
	PageSize   int       // 1..MaxPageSize
}

// Page sizes of a listing.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
)

// Normalized fills in the default page and page size and caps the size.
func (f Filter) Normalized() Filter {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PageSize < 1 {
		f.PageSize = DefaultPageSize
	}
	if f.PageSize > MaxPageSize {
		f.PageSize = MaxPageSize
	}
	return f
}
