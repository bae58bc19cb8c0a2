package main

// The reviewer's queue (GET /api/v1/reports?period=…&status=…): the first
// page of the approved projects of the reviewer's departments
// (comma-separated) with their report of the period, filtered by status,
// with the count of every match as a window: one query.
const reportListSQL = `SELECT p.code, p.name, p.department_code, d.name, pe.key, pe.kind, r.id IS NOT NULL, coalesce(r.status, 'draft'),
	coalesce(r.version, 0), coalesce(r.light, 'grey'), r.total::text, coalesce(r.grade, ''), r.execution_rate::text,
	coalesce(jsonb_array_length(r.blocking), 0), r.updated_at, coalesce(r.updated_by, ''), count(*) OVER ()
	FROM projects p JOIN departments d ON d.code = p.department_code
	JOIN periods pe ON pe.year = p.year
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = pe.key
	WHERE p.department_code = ANY(string_to_array($3, ',')) AND p.status = 'approved'
	  AND pe.key = $1 AND coalesce(r.status, 'draft') = $2
	ORDER BY p.code LIMIT $4`
