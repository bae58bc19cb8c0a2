package api

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/report"
)

var zero = decimal.Zero

// money renders an amount in 万元 with two decimals ("100.00"), or with as
// many as it needs when an amount imported in 元 has more ("330.984").
// (report.FormatFixed and FormatNumber are StringFixed and String without
// big-integer arithmetic: lists and dashboards render thousands.)
func money(d decimal.Decimal) string {
	if d.Exponent() >= -2 || d.Equal(d.Round(2)) {
		return report.FormatFixed(d, 2)
	}
	return report.FormatNumber(d)
}

// number renders a weight or value without trailing zeros ("20", "0.5").
func number(d decimal.Decimal) string { return report.FormatNumber(d) }

// nullable renders an optional decimal; nil stays null in JSON.
func nullable(d *decimal.Decimal, render func(decimal.Decimal) string) *string {
	if d == nil {
		return nil
	}
	s := render(*d)
	return &s
}
