// Package overalltest tests the department as a whole (部门整体支出绩效)
// through the API, on a database of its own: the seed's overall draft of
// 003001 must not change the project counts the api package's tests see.
package overalltest
