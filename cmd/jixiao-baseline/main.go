// Command jixiao-baseline is the yardstick of `make bench`: for each read the
// product serves, it runs the same queries with pgx, net/http and
// encoding/json and nothing else (no sessions, roles, scopes, domain types
// or logging), so each product endpoint can be reported as a ratio to it.
// The whole-province dashboard's baseline aggregates from scratch, as the
// product would without its rollups. It listens on 127.0.0.1 only.
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
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The product's report read (app/store/report_read.go), with the scope
// condition of a caller who sees everything.
const (
	reportHeadSQL = `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget, p.goal, p.execution_weight, d.name,
	p.status, p.version, p.target_version, p.copied_from,
	pe.key, pe.kind, pe.year, pe.cutoff_month,
	r.id, r.status, r.version, r.budget_adjusted, r.budget_executed, r.budget_projected, r.budget_reason, r.evaluation, r.updated_at, r.updated_by,
	r.target_version
	FROM projects p JOIN departments d ON d.code = p.department_code
	LEFT JOIN periods pe ON pe.key = $2
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $2
	WHERE p.code = $1`
	reportIndicatorsSQL = `SELECT id, level1, level2, name, nature, target, unit, weight, accrual FROM indicators
	WHERE project_code = $1 AND retired_in IS NULL ORDER BY position`
	reportLinesSQL = `SELECT l.indicator_id, l.value, l.projected, l.score_input, l.band, l.completed_on, l.not_applicable,
	l.not_applicable_reason, l.deviation_causes, l.explanation, l.measures, l.likelihood, l.adjusted, l.adjust_reason
	FROM report_lines l JOIN reports r ON r.id = l.report_id WHERE r.project_code = $1 AND r.period_key = $2`
	reportTransitionsSQL = `SELECT t.action, t.from_status, t.to_status, t.actor, t.at, t.comment
	FROM report_transitions t JOIN reports r ON r.id = t.report_id WHERE r.project_code = $1 AND r.period_key = $2 ORDER BY t.id`

	// the dashboard's totals, aggregated from every project of the period's year
	dashboardTotalsSQL = `SELECT count(*), count(r.id), coalesce(sum(coalesce(r.budget_adjusted, p.budget)), 0)::text,
	coalesce(sum(r.budget_executed), 0)::text, coalesce(sum(r.total), 0)::text, count(r.total),
	count(*) FILTER (WHERE r.light = 'red'), count(*) FILTER (WHERE r.light = 'yellow'), count(*) FILTER (WHERE r.light = 'green'),
	count(*) FILTER (WHERE r.light = 'blue'), count(*) FILTER (WHERE coalesce(r.light, 'grey') = 'grey'),
	count(*) FILTER (WHERE r.grade = '优'), count(*) FILTER (WHERE r.grade = '良'), count(*) FILTER (WHERE r.grade = '中'),
	count(*) FILTER (WHERE r.grade = '差'),
	count(*) FILTER (WHERE coalesce(r.status, 'draft') = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
	count(*) FILTER (WHERE r.status = 'approved'), count(*) FILTER (WHERE r.status = 'returned')
	FROM projects p LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $1
	WHERE p.year = (SELECT year FROM periods WHERE key = $1) AND p.status = 'approved' AND ($2 = '' OR p.department_code = $2)`
	// the dashboard's first page of project lines (app/store/rollups.go)
	dashboardPageSQL = `SELECT p.code, p.name, p.department_code, d.name, p.budget::text,
	r.id IS NOT NULL, coalesce(r.status, 'draft'), coalesce(r.version, 0), coalesce(r.light, 'grey'), r.total::text, r.computed_total::text,
	coalesce(r.grade, ''), coalesce(r.budget_adjusted, p.budget)::text, r.budget_executed::text, r.execution_rate::text,
	coalesce(r.budget_light, 'grey'), coalesce(jsonb_array_length(r.blocking), 0)
	FROM projects p JOIN departments d ON d.code = p.department_code
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = $1
	WHERE p.year = (SELECT year FROM periods WHERE key = $1) AND p.status = 'approved' AND ($2 = '' OR p.department_code = $2) ORDER BY p.code LIMIT $3`

	// the project list (app/store/projects.go ListProjects)
	projectsSQL = `SELECT p.code, p.department_code, p.year, p.name, p.category, p.budget::text, p.goal, p.execution_weight::text,
	d.name, (SELECT count(*) FROM indicators i WHERE i.project_code = p.code AND i.retired_in IS NULL)
	FROM projects p JOIN departments d ON d.code = p.department_code
	WHERE p.year = $1 AND p.department_code = $2 ORDER BY p.code`
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
		b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
		b.Queue(reportHeadSQL, code, per)
		b.Queue(reportIndicatorsSQL, code)
		b.Queue(reportLinesSQL, code, per)
		b.Queue(reportTransitionsSQL, code, per)
		b.Queue("COMMIT")
		conn, err := pool.Acquire(r.Context())
		if err != nil {
			fail(w, err)
			return
		}
		defer conn.Release()
		res := conn.SendBatch(r.Context(), b)
		out := map[string]any{}
		_, err = res.Exec()
		for _, name := range []string{"report", "indicators", "lines", "transitions"} {
			if err != nil {
				break
			}
			out[name], err = collect(res)
		}
		if err == nil {
			_, err = res.Exec()
		}
		if cerr := res.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			conn.Conn().Close(context.Background())
			fail(w, err)
			return
		}
		if len(out["report"].([][]any)) == 0 {
			http.NotFound(w, r)
			return
		}
		respond(w, out)
	})
	mux.HandleFunc("GET /dashboard", func(w http.ResponseWriter, r *http.Request) {
		per, dep := r.URL.Query().Get("period"), r.URL.Query().Get("department")
		b := &pgx.Batch{}
		b.Queue(dashboardTotalsSQL, per, dep)
		b.Queue(dashboardPageSQL, per, dep, 100)
		res := pool.SendBatch(r.Context(), b)
		defer res.Close()
		totals, err := collect(res)
		if err != nil {
			fail(w, err)
			return
		}
		page, err := collect(res)
		if err != nil {
			fail(w, err)
			return
		}
		respond(w, map[string]any{"totals": totals, "projects": page})
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
		respond(w, map[string]any{"items": items, "total": len(items)})
	})
	mux.HandleFunc("GET /reports", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		b := &pgx.Batch{}
		b.Queue(reportListCountSQL, q.Get("period"), q.Get("status"), q.Get("departments"))
		b.Queue(reportListSQL, q.Get("period"), q.Get("status"), q.Get("departments"), 50)
		res := pool.SendBatch(r.Context(), b)
		defer res.Close()
		total, err := collect(res)
		if err != nil {
			fail(w, err)
			return
		}
		items, err := collect(res)
		if err != nil {
			fail(w, err)
			return
		}
		respond(w, map[string]any{"items": items, "total": total})
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

func collect(res pgx.BatchResults) ([][]any, error) {
	rows, err := res.Query()
	if err != nil {
		return nil, err
	}
	return rowsOf(rows)
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
	http.Error(w, fmt.Sprint("query failed"), http.StatusInternalServerError)
}
