package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/shopspring/decimal"

	"jixiao/app/bench"
)

// saveLine is a report line as the PUT body carries it.
type saveLine struct {
	IndicatorID         int64    `json:"indicator_id"`
	Value               *string  `json:"value"`
	Projected           *string  `json:"projected"`
	Band                string   `json:"band"`
	ScoreInput          *string  `json:"score_input"`
	CompletedOn         string   `json:"completed_on"`
	NotApplicable       bool     `json:"not_applicable"`
	NotApplicableReason string   `json:"not_applicable_reason"`
	DeviationCauses     []string `json:"deviation_causes"`
	Explanation         string   `json:"explanation"`
	Likelihood          string   `json:"likelihood"`
	Measures            string   `json:"measures"`
}

type saveBody struct {
	Version int `json:"version"`
	Budget  struct {
		Adjusted  *string `json:"adjusted"`
		Executed  *string `json:"executed"`
		Projected *string `json:"projected"`
		Reason    string  `json:"reason"`
	} `json:"budget"`
	Lines []saveLine `json:"lines"`
}

// saver is an Op saving one draft again and again, as a submitter typing
// would: each save changes the budget reason and, every other time, the
// first value entered (to nine tenths of it and back), so that scores,
// lights and the dashboard's rollups change too; it carries the version
// the previous save returned.
func (p *plan) saver(w int) bench.Op {
	wr := p.writers[w%len(p.writers)]
	url := p.server + "/api/v1/projects/" + wr.code + "/reports/" + periodKey
	var body *saveBody
	var first *string // the first value entered, as read
	n := 0
	load := func(ctx context.Context, c *http.Client) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header = bearer(wr.token)
		out, err := bench.Do(c, req, http.StatusOK)
		if err != nil {
			return err
		}
		body = &saveBody{}
		if err := json.Unmarshal(out, body); err != nil { // unknown fields of the read are dropped by the struct
			return err
		}
		for _, l := range body.Lines {
			if l.Value != nil && first == nil {
				v := *l.Value
				first = &v
			}
		}
		return nil
	}
	return func(ctx context.Context, c *http.Client) error {
		if body == nil {
			if err := load(ctx, c); err != nil {
				return err
			}
		}
		n++
		body.Budget.Reason = fmt.Sprintf("负载测试第%d次保存（模拟数据）", n)
		if first != nil {
			for i := range body.Lines {
				if body.Lines[i].Value != nil {
					v := *first
					if n%2 == 1 {
						v = decimal.RequireFromString(*first).Mul(decimal.New(9, -1)).Round(2).String()
					}
					body.Lines[i].Value = &v
					break
				}
			}
		}
		for i := range body.Lines {
			if body.Lines[i].DeviationCauses == nil {
				body.Lines[i].DeviationCauses = []string{}
			}
		}
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(b))
		req.Header = bearer(wr.token)
		req.Header.Set("Content-Type", "application/json")
		out, err := bench.Do(c, req, http.StatusOK)
		if err != nil {
			body = nil // read the version afresh (another connection saved the same draft)
			return err
		}
		var v struct {
			Version int `json:"version"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			return err
		}
		body.Version = v.Version
		return nil
	}
}
