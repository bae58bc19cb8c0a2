package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/rules"
)

type ruleProfileJSON struct {
	Name      string            `json:"name"`
	Version   int               `json:"version"`
	Title     string            `json:"title"`
	Source    string            `json:"source"`
	Verified  bool              `json:"verified"`
	Shipped   bool              `json:"shipped"`
	Used      bool              `json:"used"` // shipped, chosen by a period or scored with: never edited
	Settings  map[string]string `json:"settings"`
	Sources   map[string]string `json:"sources"` // where each setting was read; a key left out: source
	CreatedAt string            `json:"created_at"`
	CreatedBy string            `json:"created_by"`
}

func toRuleProfileJSON(p store.StoredProfile) ruleProfileJSON {
	out := ruleProfileJSON{Name: p.Name, Version: p.Version, Title: p.Title, Source: p.Source, Verified: p.Verified, Shipped: p.Shipped,
		Used: p.Used, Settings: p.Settings, Sources: p.Sources, CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), CreatedBy: p.CreatedBy}
	if out.Sources == nil {
		out.Sources = map[string]string{}
	}
	return out
}

// ruleProfileRequest is the body of a new or edited profile version.
type ruleProfileRequest struct {
	Name     string            `json:"name"`
	Title    string            `json:"title"`
	Source   string            `json:"source"`
	Verified bool              `json:"verified"`
	Settings map[string]string `json:"settings"`
	Sources  map[string]string `json:"sources"`
}

func (r ruleProfileRequest) profile(version int) rules.Profile {
	return rules.Profile{ProfileRef: rules.ProfileRef{Name: strings.TrimSpace(r.Name), Version: version}, Title: strings.TrimSpace(r.Title),
		Source: strings.TrimSpace(r.Source), Verified: r.Verified, Settings: r.Settings, Sources: r.Sources}
}

// profileProblem turns a profile's validation error into a 422 naming the
// field or setting.
func profileProblem(err error) error {
	if !errors.Is(err, rules.ErrInvalidProfile) {
		return err
	}
	msg := strings.TrimPrefix(err.Error(), rules.ErrInvalidProfile.Error()+": ")
	field, detail, _ := strings.Cut(msg, ": ")
	if field == "settings" {
		if key, rest, ok := strings.Cut(strings.TrimPrefix(detail, rules.ErrInvalid.Error()+": "), ": "); ok {
			field, detail = "settings."+key, rest
		}
	}
	return fieldProblem(http.StatusUnprocessableEntity, "validation", "规则集有误，请检查标出的设置", field, "设置有误："+detail)
}

func (s *Server) listRuleProfiles(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	ps, err := s.store.ListRuleProfiles(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]ruleProfileJSON, len(ps))
	for i, p := range ps {
		out[i] = toRuleProfileJSON(p)
	}
	return c.JSON(http.StatusOK, out)
}

// createRuleProfile stores the next version of a profile (version 1 of a
// new name): how a profile is edited once a score used it.
func (s *Server) createRuleProfile(c echo.Context) error {
	var req ruleProfileRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.Name == rules.ProfileLocal {
		return fieldProblem(http.StatusUnprocessableEntity, "validation", "规则集有误", "name", "local 由 JIXIAO_RULE_* 环境变量定义，不能在此新建版本")
	}
	p := req.profile(1)
	if err := p.Validate(); err != nil {
		return profileProblem(err)
	}
	if p.Settings == nil {
		p.Settings = map[string]string{}
	}
	complete, err := p.Complete()
	if err != nil {
		return profileProblem(err)
	}
	a := s.actor(c)
	stored, err := s.store.CreateRuleProfile(c.Request().Context(), complete,
		audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP})
	if err != nil {
		return profileProblem(err)
	}
	return c.JSON(http.StatusCreated, toRuleProfileJSON(stored))
}

// putRuleProfile edits a version nobody used yet; 409 profile_in_use for a
// version shipped, chosen by a period or scored with.
func (s *Server) putRuleProfile(c echo.Context) error {
	version, err := strconv.Atoi(c.Param("version"))
	if err != nil || version < 1 {
		return errNotFound
	}
	var req ruleProfileRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.Name != "" && req.Name != c.Param("name") {
		return fieldProblem(http.StatusUnprocessableEntity, "validation", "规则集有误", "name", "名称与地址中的不一致")
	}
	req.Name = c.Param("name")
	p, err := req.profile(version).Complete()
	if err != nil {
		return profileProblem(err)
	}
	a := s.actor(c)
	stored, err := s.store.UpdateRuleProfile(c.Request().Context(), p,
		audit.Entry{At: s.now().UTC(), Actor: a.Caller.Username, ActorID: a.Caller.ID, IP: a.IP})
	if err != nil {
		return profileProblem(err)
	}
	return c.JSON(http.StatusOK, toRuleProfileJSON(stored))
}

type rescoreRunJSON struct {
	ID           int64               `json:"id"`
	From         *ruleProfileRefJSON `json:"from"`
	To           ruleProfileRefJSON  `json:"to"`
	Actor        string              `json:"actor"`
	StartedAt    string              `json:"started_at"`
	FinishedAt   *string             `json:"finished_at"`
	Total        int                 `json:"total"`
	Done         int                 `json:"done"`
	Changed      int                 `json:"changed"`
	KeptApproved int                 `json:"approved_kept"`
	Error        string              `json:"error"`
}

func toRescoreRunJSON(r *store.RescoreRun) *rescoreRunJSON {
	if r == nil {
		return nil
	}
	out := &rescoreRunJSON{ID: r.ID, To: ruleProfileRefJSON{r.To.Name, r.To.Version}, Actor: r.Actor,
		StartedAt: r.StartedAt.UTC().Format(time.RFC3339), Total: r.Total, Done: r.Done, Changed: r.Changed,
		KeptApproved: r.KeptApproved, Error: r.Error}
	if r.From != nil {
		out.From = &ruleProfileRefJSON{r.From.Name, r.From.Version}
	}
	if r.FinishedAt != nil {
		at := r.FinishedAt.UTC().Format(time.RFC3339)
		out.FinishedAt = &at
	}
	return out
}

type periodProfileJSON struct {
	Period  string          `json:"period"`
	Profile ruleProfileJSON `json:"profile"`
	Chosen  bool            `json:"chosen"` // false: nobody chose one, the default applies
	Rescore *rescoreRunJSON `json:"rescore"`
}

func (s *Server) getPeriodRuleProfile(c echo.Context) error {
	if err := onlyQuery(c); err != nil {
		return err
	}
	pp, err := s.reports.PeriodRuleProfile(c.Request().Context(), c.Param("key"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, periodProfileJSON{Period: c.Param("key"), Profile: toRuleProfileJSON(pp.Profile), Chosen: pp.Chosen,
		Rescore: toRescoreRunJSON(pp.Run)})
}

type choosePeriodProfileRequest struct {
	Name    string `json:"name"`
	Version int    `json:"version"`
	// ConfirmUnverified confirms choosing a profile whose source was not
	// verified.
	ConfirmUnverified bool `json:"confirm_unverified"`
}

// putPeriodRuleProfile chooses a period's profile (admins, audited) and
// starts the rescore of its reports that are not approved: 202 with the
// run, whose progress GET shows.
func (s *Server) putPeriodRuleProfile(c echo.Context) error {
	var req choosePeriodProfileRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	run, err := s.reports.ChooseRuleProfile(ctx, s.actor(c), c.Param("key"), rules.ProfileRef{Name: req.Name, Version: req.Version},
		req.ConfirmUnverified)
	if err != nil {
		return err
	}
	pp, err := s.reports.PeriodRuleProfile(ctx, c.Param("key"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, periodProfileJSON{Period: c.Param("key"), Profile: toRuleProfileJSON(pp.Profile), Chosen: true,
		Rescore: toRescoreRunJSON(&run)})
}

// errUnverified asks for the confirmation an unverified profile needs.
var errUnverified = fieldProblem(http.StatusUnprocessableEntity, "unverified", "该规则集的来源未经核实，须确认后才能选用",
	"confirm_unverified", "来源未经核实：请核对来源文件后勾选确认")
