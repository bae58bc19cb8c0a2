package main

// The reviewer's queue (GET /api/v1/reports?period=…&status=…): the first
// page of the approved projects of the reviewer's departments (a text[], as
// the product sends them) without 主管部门 with their report of the period,
// filtered by status, with the count of every match as a window: one query.
// A status other than draft is only on saved reports, so the matches are
// the reports of that status of the projects of those departments (narrowed
// to the ones without a parent first, and read before the reports, so that
// no plan, generic or custom, walks every project in code order), and the
// page is cut before the names of its departments are read; a draft is also
// every project never saved, so that list is every project with its report,
// if any.
const reportListSQL = `WITH ps AS MATERIALIZED (SELECT p.code, p.name, p.department_code, p.year FROM projects p
	WHERE p.department_code = ANY(ARRAY(SELECT d.code FROM departments d WHERE d.code = ANY($3::text[]) AND d.parent_code IS NULL))
	  AND p.status = 'approved'),
	m AS MATERIALIZED (SELECT p.code, p.name, p.department_code, pe.key, pe.kind, r.id, r.status, r.version,
	r.light, r.total, r.grade, r.execution_rate, r.blocking, r.updated_at, r.updated_by, count(*) OVER () AS total_count
	FROM reports r JOIN ps p ON p.code = r.project_code
	JOIN periods pe ON pe.key = r.period_key AND pe.year = p.year
	WHERE r.period_key = $1 AND r.status = $2
	ORDER BY p.code LIMIT $4)
	SELECT m.code, m.name, m.department_code, (SELECT d.name FROM departments d WHERE d.code = m.department_code), m.key, m.kind, true,
	m.status, m.version, m.light, m.total::text, m.grade, m.execution_rate::text, jsonb_array_length(m.blocking), m.updated_at,
	m.updated_by, m.total_count
	FROM m ORDER BY m.code`

// reportListDraftsSQL is the list of drafts: every approved project of the
// departments without 主管部门 with its report of the period, if any.
const reportListDraftsSQL = `SELECT p.code, p.name, p.department_code, d.name, pe.key, pe.kind, r.id IS NOT NULL, coalesce(r.status, 'draft'),
	coalesce(r.version, 0), coalesce(r.light, 'grey'), r.total::text, coalesce(r.grade, ''), r.execution_rate::text,
	coalesce(jsonb_array_length(r.blocking), 0), r.updated_at, coalesce(r.updated_by, ''), count(*) OVER ()
	FROM projects p JOIN departments d ON d.code = p.department_code
	JOIN periods pe ON pe.year = p.year
	LEFT JOIN reports r ON r.project_code = p.code AND r.period_key = pe.key
	WHERE p.department_code = ANY($3::text[]) AND d.parent_code IS NULL AND p.status = 'approved'
	  AND pe.key = $1 AND coalesce(r.status, 'draft') = $2
	ORDER BY p.code LIMIT $4`
