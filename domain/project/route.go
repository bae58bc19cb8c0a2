package project

// Review levels: the 主管部门 (a supervisor) first, the finance bureau (a
// reviewer) second.
const (
	LevelSupervisor = 1
	LevelFinance    = 2
)

// Route is the way a report, a target submission or a target change takes through review:
// Supervised when its department has a 主管部门 above it, which reviews it
// first; OneLevel when its period makes that first approval final.
type Route struct {
	Supervised bool
	OneLevel   bool
}

// First is the level that reviews a submitted report.
func (r Route) First() int {
	if r.Supervised {
		return LevelSupervisor
	}
	return LevelFinance
}

// Final is the level whose approval is final.
func (r Route) Final() int {
	if r.Supervised && r.OneLevel {
		return LevelSupervisor
	}
	return LevelFinance
}

// Waiting is where on its route a report or a target submission waits for
// a level: submitted (for the first level) or endorsed (for the second).
type Waiting string

// The waiting points.
const (
	WaitingSubmitted Waiting = "submitted"
	WaitingEndorsed  Waiting = "endorsed"
)

// Awaits is where the route waits for level's approve or return ("" when
// that level has no turn on it).
func (r Route) Awaits(level int) Waiting {
	switch {
	case level == r.First():
		return WaitingSubmitted
	case level == LevelFinance && r.Final() == LevelFinance && r.Supervised:
		return WaitingEndorsed
	}
	return ""
}
