package quality

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// normalize keeps letters and digits: punctuation and spaces do not make two
// sentences different.
func normalize(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

// Similarity is the Dice coefficient of the character bigrams of a and b
// after normalize: 1 for the same text, 0 for texts sharing no bigram. It is
// rounded to 2 places.
func Similarity(a, b string) decimal.Decimal {
	ra, rb := normalize(a), normalize(b)
	if len(ra) < 2 || len(rb) < 2 {
		if string(ra) == string(rb) && len(ra) > 0 {
			return decimal.NewFromInt(1)
		}
		return decimal.Zero
	}
	count := map[[2]rune]int{}
	for i := 0; i+1 < len(ra); i++ {
		count[[2]rune{ra[i], ra[i+1]}]++
	}
	shared := 0
	for i := 0; i+1 < len(rb); i++ {
		k := [2]rune{rb[i], rb[i+1]}
		if count[k] > 0 {
			count[k]--
			shared++
		}
	}
	return decimal.NewFromInt(int64(2*shared)).DivRound(decimal.NewFromInt(int64(len(ra)-1+len(rb)-1)), 2)
}

// text is a sentence of a project: its goal (indicator nil) or an indicator name.
type text struct {
	p  project.Project
	in *project.Indicator
	s  string
}

func (t text) label() string {
	if t.in == nil {
		return "绩效目标"
	}
	return t.in.Level2 + "指标「" + t.in.Name + "」"
}

func texts(p project.Project, minLen int) []text {
	var out []text
	if utf8.RuneCountInString(p.Goal) >= minLen {
		out = append(out, text{p: p, s: p.Goal})
	}
	for i := range p.Indicators {
		in := p.Indicators[i]
		if len(normalize(in.Name)) >= minLen {
			out = append(out, text{p: p, in: &in, s: in.Name})
		}
	}
	return out
}

func similarText(c context) []Finding {
	var out []Finding
	var theirs []text
	for _, o := range c.others {
		theirs = append(theirs, texts(o, c.s.MinTextLength)...)
	}
	for _, mine := range texts(c.p, c.s.MinTextLength) {
		var matches []string
		for _, t := range theirs {
			sim := Similarity(mine.s, t.s)
			if sim.LessThan(c.s.Similarity) {
				continue
			}
			how := "几乎相同（相似度" + sim.String() + "）"
			if string(normalize(mine.s)) == string(normalize(t.s)) {
				how = "相同"
			}
			matches = append(matches, fmt.Sprintf("%s（%s）的%s%s", t.p.Name, t.p.Code, t.label(), how))
		}
		if len(matches) == 0 {
			continue
		}
		msg := fmt.Sprintf("%s与本单位%d个其他项目的表述相同或几乎相同：%s。套用同一句话说明不了本项目要达到什么，也无法据此考核；请写出本项目特有的、可衡量的目标。",
			mine.label(), len(matches), strings.Join(matches, "；"))
		if mine.in == nil {
			out = append(out, projectFinding(msg))
		} else {
			out = append(out, indicatorFinding(*mine.in, msg))
		}
	}
	return out
}

// goalSentences splits a goal at 。；！ and at commas too, so that a name
// copying one clause is found.
func goalSentences(goal string) []string {
	parts := strings.FieldsFunc(goal, func(r rune) bool { return strings.ContainsRune("。；;！!", r) })
	return parts
}

func nameCopiesGoal(c context) []Finding {
	var out []Finding
	goal := string(normalize(c.p.Goal))
	if goal == "" {
		return nil
	}
	for _, in := range c.p.Indicators {
		name := string(normalize(in.Name))
		if utf8.RuneCountInString(name) < c.s.MinTextLength {
			continue
		}
		copied := strings.Contains(goal, name)
		best := decimal.Zero
		if !copied {
			for _, s := range goalSentences(c.p.Goal) {
				if sim := Similarity(in.Name, s); sim.GreaterThan(best) {
					best = sim
				}
			}
			copied = best.GreaterThanOrEqual(c.s.Similarity)
		}
		if !copied {
			continue
		}
		how := "原文照抄"
		if best.IsPositive() {
			how = "几乎照抄（相似度" + best.String() + "）"
		}
		out = append(out, indicatorFinding(in, fmt.Sprintf("指标「%s」%s了项目的绩效目标：这是对目标的复述，不是可衡量的指标。"+
			"请写明衡量什么、用什么口径、达到什么程度（如「……覆盖率≥90%%」）。", in.Name, how)))
	}
	return out
}
