// Package season runs the use cases of a reporting season: rounds with due
// dates and their progress, and each caller's to-dos. It composes the
// domain rules (domain/round, domain/rectify) with storage.
package season

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"jixiao/app/reports"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/notice"
	periodpkg "jixiao/domain/period"
	"jixiao/domain/report"
	"jixiao/domain/round"
	"jixiao/domain/user"
)

// Service runs the season's use cases with one clock.
type Service struct {
	store   *store.Store
	reports *reports.Service
	now     func() time.Time
}

// New returns a Service; now is the clock (time.Now in production), whose
// location decides which day it is; rs urges the reports of a round.
func New(st *store.Store, rs *reports.Service, now func() time.Time) *Service {
	return &Service{store: st, reports: rs, now: now}
}

// Today is the civil day of the clock.
func (s *Service) Today() time.Time { return round.Day(s.now()) }

func (s *Service) entry(a reports.Actor) audit.Entry {
	return audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP}
}

// OpenRound opens a round for departments the caller manages.
func (s *Service) OpenRound(ctx context.Context, sc store.Scope, a reports.Actor, period string, departments []string, due, note string) (round.Round, error) {
	r, err := round.New(period, departments, due, note, s.Today())
	if err != nil {
		return round.Round{}, err
	}
	by := a.Caller.DisplayName
	if by == "" {
		by = a.Caller.Username
	}
	told := store.ReportNotice{Link: "/mine?period=" + r.Period, Notice: notice.RoundOpened(periodpkg.LabelOf(r.Period), by, r.Due, r.Note)}
	return s.store.CreateRound(ctx, sc, r, s.entry(a), told)
}

// RoundView is a round with its progress as of today.
type RoundView struct {
	Round    round.Round
	Progress round.Progress
	Overdue  bool
}

// Rounds lists the rounds the caller sees.
func (s *Service) Rounds(ctx context.Context, sc store.Scope) ([]round.Round, error) {
	return s.store.ListRounds(ctx, sc)
}

// Round reads one round with its progress.
func (s *Service) Round(ctx context.Context, sc store.Scope, id int64) (RoundView, error) {
	r, states, err := s.store.GetRound(ctx, sc, id)
	if err != nil {
		return RoundView{}, err
	}
	list := make([]round.ReportState, 0, len(states))
	for _, st := range states {
		list = append(list, st)
	}
	today := s.Today()
	return RoundView{Round: r, Progress: round.Tally(list, r.Due, today), Overdue: r.Status == round.Open && round.Overdue(r.Due, today)}, nil
}

// ExtendRound moves an open round's due date later.
func (s *Service) ExtendRound(ctx context.Context, sc store.Scope, a reports.Actor, id int64, due string) (round.Round, error) {
	return s.store.UpdateRound(ctx, sc, id, "round.extend", s.entry(a), func(r *round.Round) error { return r.Extend(due) })
}

// UrgeResult counts what urging a round did.
type UrgeResult struct {
	Urged    int // reports whose submitters were told
	Already  int // reports urged earlier today, left alone
	Notified int // people told
}

// UrgeRound urges (催办) every report of an open round still with its
// submitters, each at most once a day; only a manager of every department
// of the round may (round.ErrNotManager).
func (s *Service) UrgeRound(ctx context.Context, sc store.Scope, a reports.Actor, id int64) (UrgeResult, error) {
	r, states, err := s.store.GetRound(ctx, sc, id)
	if err != nil {
		return UrgeResult{}, err
	}
	for _, d := range r.Departments {
		if !sc.SeesDepartment(d) {
			return UrgeResult{}, fmt.Errorf("urge round %d: %w", id, round.ErrNotManager)
		}
	}
	if r.Status != round.Open {
		return UrgeResult{}, fmt.Errorf("urge round %d: %w", id, round.ErrClosed)
	}
	codes := make([]string, 0, len(states))
	for code, st := range states {
		if st.Pending() {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	var res UrgeResult
	for _, code := range codes {
		n, err := s.reports.Urge(ctx, sc, a, code, r.Period, &r.Due)
		switch {
		case errors.Is(err, report.ErrUrgedToday):
			res.Already++
		case err != nil:
			return res, err
		default:
			res.Urged++
			res.Notified += n
		}
	}
	return res, nil
}

// CloseRound ends an open round.
func (s *Service) CloseRound(ctx context.Context, sc store.Scope, a reports.Actor, id int64) (round.Round, error) {
	now := s.now().UTC()
	return s.store.UpdateRound(ctx, sc, id, "round.close", s.entry(a), func(r *round.Round) error { return r.Close(a.Caller.Username, now) })
}

// Todo is one thing waiting for the caller, with whether it is late.
type Todo struct {
	store.Todo
	Overdue bool
}

// Todos lists what waits for the caller: as a submitter, the assigned
// projects' reports to fill or correct and their open rectification items;
// as a reviewer, the reviewed departments' reports and targets waiting at
// its level (endorsed by their 主管部门, or submitted by a department without
// one) and answered rectification items; as a supervisor, the submitted
// reports and targets of the units below it (the first level). Admins and auditors have none.
func (s *Service) Todos(ctx context.Context, c user.Caller) ([]Todo, error) {
	var projects, reviews, supervises []string
	if c.Has(user.Submitter) {
		projects = c.Projects
	}
	if c.Has(user.Reviewer) {
		reviews = c.Covered() // its departments and the units below them
	}
	if c.Has(user.Supervisor) {
		supervises = c.Units
	}
	items, err := s.store.Todos(ctx, projects, reviews, supervises)
	if err != nil {
		return nil, fmt.Errorf("todos: %w", err)
	}
	today := s.Today()
	out := make([]Todo, len(items))
	for i, it := range items {
		out[i] = Todo{Todo: it, Overdue: it.Due != nil && round.Overdue(*it.Due, today)}
	}
	return out, nil
}
