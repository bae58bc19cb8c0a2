// Package seasontest tests the reporting season through the HTTP API
// (rounds, to-dos, reminders, evidence, batch review, rectification, the
// report document) on a database of its own, so that its reports never meet
// those of the other API tests.
package seasontest
