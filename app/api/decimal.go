package api

import "github.com/shopspring/decimal"

var zero = decimal.Zero

// money renders an amount in 万元 with exactly two decimals ("100.00").
func money(d decimal.Decimal) string { return d.StringFixed(2) }

// number renders a weight or value without trailing zeros ("20", "0.5").
func number(d decimal.Decimal) string { return d.String() }

// nullable renders an optional decimal; nil stays null in JSON.
func nullable(d *decimal.Decimal, render func(decimal.Decimal) string) *string {
	if d == nil {
		return nil
	}
	s := render(*d)
	return &s
}
