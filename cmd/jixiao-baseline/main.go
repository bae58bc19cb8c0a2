// Command jixiao-baseline is the yardstick of `make bench`: for each read the
// product serves, the least a server can do to give the same data. Each
// endpoint is net/http, one pgx round trip (the queries it needs sent
// together as one batch, or one query where one suffices) and
// encoding/json of the rows as they come, and nothing else: no session, no
// role or scope, no domain types, no logging, no cache. The product's
// throughput is reported as a ratio to it. It listens on 127.0.0.1 only.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A report: its project, period and row (the stored evaluation passed
// through as the JSON it is), its indicators, its lines and its
// transitions, and each line's previous period and last year, in one batch.
const (
	reportHeadSQL = `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget::text, p.goal, p.execution_weight::text, d.name,
	p.status, p.version, p.target_version, pe.key, pe.kind, pe.cutoff_month,
	r.id, r.status, r.version, r.budget_adjusted::text, r.budget_executed::text, r.budget_projected::text, r.budget_reason,
	r.evaluation::text, r.updated_at, r.updated_by
	FROM projects p JOIN departments d ON d.code = p.department_code
	LEFT JOIN periods pe ON pe.key = $2
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $2
	WHERE p.code = $1`
	reportIndicatorsSQL = `SELECT id, level1, level2, name, nature, target, unit, weight::text, accrual FROM indicators
	WHERE project_code = $1 AND retired_in IS NULL ORDER BY position`
	reportLinesSQL = `SELECT l.indicator_id, l.value::text, l.projected::text, l.score_input::text, l.band, l.completed_on, l.not_applicable,
	l.not_applicable_reason, l.deviation_causes, l.explanation, l.measures, l.likelihood, l.adjusted::text, l.adjust_reason
	FROM report_lines l JOIN reports r ON r.id = l.report_id WHERE r.project_code = $1 AND r.period_key = $2`
	reportTransitionsSQL = `SELECT t.action, t.from_status, t.to_status, t.actor, t.at, t.comment
	FROM report_transitions t JOIN reports r ON r.id = t.report_id WHERE r.project_code = $1 AND r.period_key = $2 ORDER BY t.id`
	// each line's previous monitoring period and last year, as the report
	// page shows them beside its lines
	reportPreviousSQL = `WITH cur AS (SELECT year, kind, cutoff_month FROM periods WHERE key = $1),
	pp AS (SELECT p.key FROM periods p, cur WHERE p.year = cur.year AND p.kind = 'monitor'
	        AND (cur.kind = 'final' OR p.cutoff_month < cur.cutoff_month) ORDER BY p.cutoff_month DESC LIMIT 1)
	SELECT rl.indicator_id, r.period_key, rl.value::text, rl.light, r.status
	FROM pp JOIN reports r ON r.period_key = pp.key AND r.project_code = $2 JOIN report_lines rl ON rl.report_id = r.id`
	reportLastYearSQL = `SELECT i.id, CASE WHEN li.id = i.copy_of THEN 'copy' ELSE 'library' END,
	  li.year, li.project_code, li.project_name, li.id, li.target, li.unit, rl.value::text, rl.score::text, r.status
	FROM indicators i JOIN projects p ON p.code = i.project_code
	JOIN LATERAL (SELECT i2.id, i2.target, i2.unit, p2.year, p2.code AS project_code, p2.name AS project_name
	  FROM indicators i2 JOIN projects p2 ON p2.code = i2.project_code
	  WHERE i2.id = i.copy_of OR (i.library_id IS NOT NULL AND i2.library_id = i.library_id
	          AND p2.year = p.year - 1 AND p2.department_code = p.department_code AND i2.retired_in IS NULL)
	  ORDER BY (i2.id = i.copy_of) DESC, (p2.code = p.copied_from) DESC, p2.code, i2.position LIMIT 1) li ON true
	LEFT JOIN reports r ON r.project_code = li.project_code AND r.period_key = li.year::text
	LEFT JOIN report_lines rl ON rl.report_id = r.id AND rl.indicator_id = li.id
	WHERE p.code = $1`

	// A dashboard: the totals summed from the rollups the database keeps
	// per department, the page of project lines, and how many reports are
	// scored with another rule profile than the period's, in one batch; %s
	// is the condition on the department (none for the whole province).
	dashboardTotalsSQL = `SELECT pe.key, pe.kind, pe.year, pe.cutoff_month, coalesce(sum(projects), 0), coalesce(sum(saved), 0),
	coalesce(sum(budget_total), 0)::text, coalesce(sum(executed_total), 0)::text, coalesce(sum(score_sum), 0)::text, coalesce(sum(scored), 0),
	coalesce(sum(light_red), 0), coalesce(sum(light_yellow), 0), coalesce(sum(light_green), 0), coalesce(sum(light_blue), 0),
	coalesce(sum(light_grey), 0), coalesce(sum(grade_excellent), 0), coalesce(sum(grade_good), 0), coalesce(sum(grade_fair), 0),
	coalesce(sum(grade_poor), 0), coalesce(sum(status_draft), 0), coalesce(sum(status_submitted), 0), coalesce(sum(status_approved), 0),
	coalesce(sum(status_returned), 0)
	FROM periods pe LEFT JOIN dashboard_rollups r ON r.period_key = pe.key %s
	WHERE pe.key = $1 GROUP BY pe.key`
	dashboardPageSQL = `SELECT p.code, p.name, p.department_code, p.budget::text,
	coalesce(r.status, 'draft'), coalesce(r.light, 'grey'), r.total::text, coalesce(r.grade, ''), coalesce(r.budget_adjusted, p.budget)::text,
	r.budget_executed::text, r.execution_rate::text, coalesce(r.budget_light, 'grey'), coalesce(jsonb_array_length(r.blocking), 0)
	FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $1
	WHERE p.year = (SELECT year FROM periods WHERE key = $1) AND p.status = 'approved' %s
	ORDER BY p.code LIMIT 100`
	dashboardOtherProfileSQL = `SELECT count(*) FROM reports r JOIN periods pe ON pe.key = r.period_key
	WHERE r.period_key = $1 AND (r.rule_profile_name, r.rule_profile_version) IS DISTINCT FROM
	  (coalesce(pe.rule_profile_name, 'national'), coalesce(pe.rule_profile_version, 1))
	  %s`

	// A page of a department's projects with the count of all: one query.
	projectsSQL = `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget::text, d.name, p.status,
	(SELECT count(*) FROM indicators i WHERE i.project_code = p.code AND i.retired_in IS NULL), count(*) OVER ()
	FROM projects p JOIN departments d ON d.code = p.department_code
	WHERE p.year = $1 AND p.department_code = $2 ORDER BY p.code LIMIT 50`
)

func main() {
	addr, dsn := os.Getenv("ADDR"), os.Getenv("DATABASE_URL")
	if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
		log.Fatal("ADDR must be 127.0.0.1:<port>")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		log.Fatal(err)
	}
	cfg.MaxConns = 20
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := pool.Ping(r.Context()); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("GET /report/{code}/{period}", func(w http.ResponseWriter, r *http.Request) {
		code, per := r.PathValue("code"), r.PathValue("period")
		b := &pgx.Batch{}
		b.Queue(reportHeadSQL, code, per)
		b.Queue(reportIndicatorsSQL, code)
		b.Queue(reportLinesSQL, code, per)
		b.Queue(reportTransitionsSQL, code, per)
		b.Queue(reportPreviousSQL, per, code)
		b.Queue(reportLastYearSQL, code)
		out, err := batch(r.Context(), pool, b, "report", "indicators", "lines", "transitions", "previous", "last_year")
		if err != nil {
			fail(w, err)
			return
		}
		if len(out["report"]) == 0 {
			http.NotFound(w, r)
			return
		}
		// the evaluation is JSON already: passed through, not decoded
		if s, ok := out["report"][0][22].(string); ok {
			out["report"][0][22] = json.RawMessage(s)
		}
		respond(w, out)
	})
	mux.HandleFunc("GET /dashboard", func(w http.ResponseWriter, r *http.Request) {
		per, dep := r.URL.Query().Get("period"), r.URL.Query().Get("department")
		b := &pgx.Batch{}
		if dep == "" { // the whole province
			b.Queue(fmt.Sprintf(dashboardTotalsSQL, ""), per)
			b.Queue(fmt.Sprintf(dashboardPageSQL, ""), per)
			b.Queue(fmt.Sprintf(dashboardOtherProfileSQL, ""), per)
		} else {
			b.Queue(fmt.Sprintf(dashboardTotalsSQL, "AND r.department_code = $2"), per, dep)
			b.Queue(fmt.Sprintf(dashboardPageSQL, "AND p.department_code = $2"), per, dep)
			b.Queue(fmt.Sprintf(dashboardOtherProfileSQL, "AND r.project_code IN (SELECT code FROM projects WHERE department_code = $2)"), per, dep)
		}
		out, err := batch(r.Context(), pool, b, "totals", "projects", "other_profile_reports")
		if err != nil {
			fail(w, err)
			return
		}
		respond(w, out)
	})
	mux.HandleFunc("GET /projects", func(w http.ResponseWriter, r *http.Request) {
		year, _ := strconv.Atoi(r.URL.Query().Get("year"))
		rows, err := pool.Query(r.Context(), projectsSQL, year, r.URL.Query().Get("department"))
		if err != nil {
			fail(w, err)
			return
		}
		items, err := rowsOf(rows)
		if err != nil {
			fail(w, err)
			return
		}
		respond(w, map[string]any{"items": items})
	})
	mux.HandleFunc("GET /reports", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		sql := reportListSQL
		if q.Get("status") == "draft" {
			sql = reportListDraftsSQL
		}
		rows, err := pool.Query(r.Context(), sql, q.Get("period"), q.Get("status"), strings.Split(q.Get("departments"), ","), 50)
		if err != nil {
			fail(w, err)
			return
		}
		items, err := rowsOf(rows)
		if err != nil {
			fail(w, err)
			return
		}
		respond(w, map[string]any{"items": items})
	})
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

// batch sends the queries of b in one round trip and reads each one's rows
// under its name.
func batch(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch, names ...string) (map[string][][]any, error) {
	res := pool.SendBatch(ctx, b)
	out := make(map[string][][]any, len(names))
	var err error
	for _, name := range names {
		var rows pgx.Rows
		if rows, err = res.Query(); err != nil {
			break
		}
		if out[name], err = rowsOf(rows); err != nil {
			break
		}
	}
	if cerr := res.Close(); err == nil {
		err = cerr
	}
	return out, err
}

func rowsOf(rows pgx.Rows) ([][]any, error) {
	defer rows.Close()
	out := [][]any{}
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func respond(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Print(err)
	}
}

func fail(w http.ResponseWriter, err error) {
	log.Print(err)
	http.Error(w, "query failed", http.StatusInternalServerError)
}
