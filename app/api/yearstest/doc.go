// Package yearstest tests, through the HTTP API, what learns from the years:
// the demo's second year (2024 annual self-evaluations filled and approved,
// 2024 copied to 2025 drafts), last year's values beside each line, a
// project across years, 结果应用 and the indicator library's routes, on a
// database of its own (its approved 2024 reports would upset the other API
// tests).
package yearstest
