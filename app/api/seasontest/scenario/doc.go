// Package scenario plays the reporting season from end to end
// through the HTTP API, on a database of its own.
package scenario
