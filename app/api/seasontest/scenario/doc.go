// Package scenario plays the reporting season of issue 12 from end to end
// through the HTTP API, on a database of its own.
package scenario
