package main

// The reviewer's queue as GET /api/v1/reports?period=…&status=submitted reads
// it (app/store/report_list.go ListReports): every approved project of the
// reviewer's departments (comma-separated) joined with its period and report,
// filtered by status, counted, and the first page in the default order.
const (
	reportListFrom = ` FROM projects JOIN departments ON departments.code = projects.department_code
	JOIN periods ON periods.year = projects.year
	LEFT JOIN reports r ON r.project_code = projects.code AND r.period_key = periods.key
	WHERE projects.department_code = ANY(string_to_array($3, ',')) AND projects.status = 'approved'
	  AND periods.key = $1 AND coalesce(r.status, 'draft') = $2`
	reportListCountSQL = `SELECT count(*)` + reportListFrom
	reportListSQL      = `SELECT projects.code, projects.name, projects.department_code, departments.name, periods.key, periods.kind,
	periods.year, periods.cutoff_month, r.id IS NOT NULL, coalesce(r.status, 'draft'), coalesce(r.version, 0),
	coalesce(r.light, 'grey'), r.total::text, coalesce(r.grade, ''), r.execution_rate::text,
	coalesce(jsonb_array_length(r.blocking), 0), r.updated_at, coalesce(r.updated_by, '')` + reportListFrom + `
	ORDER BY periods.year, periods.cutoff_month, projects.code LIMIT $4`
)
