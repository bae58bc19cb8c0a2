package main

// The reviewer's queue: reports of a period in one status, of the
// departments the reviewer reviews (comma-separated), first page by update
// time, with the total. It mirrors what GET /api/v1/reports reads.
const (
	reportListCountSQL = `SELECT count(*) FROM reports r JOIN projects p ON p.code = r.project_code
	WHERE r.period_key = $1 AND r.status = $2 AND p.department_code = ANY(string_to_array($3, ','))`
	reportListSQL = `SELECT p.code, p.name, d.code, d.name, r.period_key, r.status, r.light, r.total::text, r.grade,
	r.execution_rate::text, jsonb_array_length(r.blocking), r.updated_at, r.updated_by
	FROM reports r JOIN projects p ON p.code = r.project_code JOIN departments d ON d.code = p.department_code
	WHERE r.period_key = $1 AND r.status = $2 AND p.department_code = ANY(string_to_array($3, ','))
	ORDER BY r.updated_at DESC, p.code LIMIT $4`
)
