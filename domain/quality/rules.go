package quality

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/project"
)

// level2 is the 二级指标 without its optional trailing 指标.
func level2(in project.Indicator) string {
	return strings.TrimSuffix(strings.TrimSpace(in.Level2), "指标")
}

func costMissing(c context) []Finding {
	for _, in := range c.p.Indicators {
		if strings.Contains(in.Level1, "成本") || strings.Contains(in.Level2, "成本") {
			return nil
		}
	}
	return []Finding{projectFinding("未设置成本指标：财预〔2021〕101号将成本指标列为一级指标（经济成本、社会成本、生态环境成本），" +
		"用于衡量项目的成本控制；本项目只有产出、效益和满意度指标，无法判断花钱是否节约。")}
}

func outputMissing(rule, dim string) func(context) []Finding {
	return func(c context) []Finding {
		for _, in := range c.p.Indicators {
			if level2(in) == dim {
				return nil
			}
		}
		return []Finding{projectFinding(fmt.Sprintf("产出指标缺少%s指标：财预〔2021〕101号要求产出指标从数量、质量、时效等方面设置，"+
			"缺少%s指标就无法考核这一方面的完成情况。", dim, dim))}
	}
}

// interval is a per-interval word with how many intervals a year has.
type interval struct {
	word    string
	perYear int64
}

// intervals are longest first, so that 每季度 wins over 每季 at a position.
var intervals = []interval{
	{"每两个月", 6}, {"每两周", 26}, {"每两月", 6}, {"每季度", 4}, {"每半年", 2},
	{"每天", 365}, {"每日", 365}, {"每周", 52}, {"每月", 12}, {"每季", 4}, {"每年", 1},
}

// frequencies returns the per-interval words of a name in the order they appear.
func frequencies(name string) []interval {
	at := map[int]interval{} // byte offset → the longest word there
	for _, iv := range intervals {
		for off := 0; off < len(name); {
			i := strings.Index(name[off:], iv.word)
			if i < 0 {
				break
			}
			if _, taken := at[off+i]; !taken {
				at[off+i] = iv
			}
			off += i + len(iv.word)
		}
	}
	offsets := make([]int, 0, len(at))
	for o := range at {
		offsets = append(offsets, o)
	}
	sort.Ints(offsets)
	out := make([]interval, len(offsets))
	for i, o := range offsets {
		out[i] = at[o]
	}
	return out
}

func frequencyLow(c context) []Finding {
	var out []Finding
	for _, in := range c.p.Indicators {
		if in.Kind() != project.KindHigher && in.Kind() != project.KindEqual {
			continue
		}
		if strings.TrimSpace(in.Unit) != "次" {
			continue
		}
		t, ok := in.TargetNumber()
		if !ok || t.GreaterThan(c.s.FrequencyMinimum) {
			continue
		}
		fs := frequencies(in.Name)
		if len(fs) == 0 {
			continue
		}
		f := fs[0]
		perYear := t.Mul(decimal.NewFromInt(f.perYear))
		msg := fmt.Sprintf("「%s」的目标为%s%s次，即使每%s都做到，全年也只有约%s次", in.Name, natureWord(in.Nature), t.String(),
			strings.TrimPrefix(f.word, "每"), perYear.String())
		if f.perYear > 1 {
			msg += fmt.Sprintf("（%d个%s）", f.perYear, strings.TrimPrefix(f.word, "每"))
		}
		msg += "；这是能接受的最低频次，不是本项目全年应完成的工作量，目标明显偏低。"
		if len(fs) > 1 {
			words := make([]string, len(fs))
			for i, x := range fs {
				words[i] = x.word
			}
			msg += fmt.Sprintf("名称同时含有%s等%d个频次，一个指标值无法分别考核，应拆成%d个指标。", strings.Join(words, "、"), len(fs), len(fs))
		}
		msg += "请按全年计划完成的次数设定目标，并说明依据。"
		out = append(out, indicatorFinding(in, msg))
	}
	return out
}

func natureWord(n project.Nature) string {
	switch n {
	case project.NatureGE:
		return "≥"
	case project.NatureGT:
		return ">"
	case project.NatureLE:
		return "≤"
	case project.NatureLT:
		return "<"
	case project.NatureEQ:
		return "="
	}
	return ""
}

func deadlineRestatesYear(c context) []Finding {
	var out []Finding
	year := strconv.Itoa(c.p.Year)
	for _, in := range c.p.Indicators {
		if in.Kind() == project.KindDeadline && strings.TrimSpace(in.Target) == year {
			out = append(out, indicatorFinding(in, fmt.Sprintf("时效指标「%s」的目标为「= %s 年」，只是重复了预算年度：任何在年内做完的事都满足它，"+
				"无法考核是否按时。请写明具体完成时限或节点（如「%s-06-30前完成」「每季度首月10日前」）。", in.Name, year, year)))
		}
	}
	return out
}

func qualitativeWeight(c context) []Finding {
	total := c.p.IndicatorWeight()
	if !total.IsPositive() {
		return nil
	}
	q := decimal.Zero
	for _, in := range c.p.Indicators {
		if in.Kind() == project.KindQualitative {
			q = q.Add(in.Weight)
		}
	}
	if q.Div(total).LessThanOrEqual(c.s.QualitativeShare) {
		return nil
	}
	return []Finding{projectFinding(fmt.Sprintf("定性指标合计权重%s，占指标权重%s的%s%%，超过%s%%：财预〔2021〕101号要求以定量指标为主、定性指标为辅，"+
		"定性为主的目标难以客观考核。", q.String(), total.String(), q.Div(total).Mul(decimal.NewFromInt(100)).Round(1).String(),
		c.s.QualitativeShare.Mul(decimal.NewFromInt(100)).String()))}
}

func satisfactionWeight(c context) []Finding {
	w := decimal.Zero
	var ins []project.Indicator
	for _, in := range c.p.Indicators {
		if strings.Contains(in.Level1, "满意度") || strings.Contains(in.Level2, "满意度") {
			w = w.Add(in.Weight)
			ins = append(ins, in)
		}
	}
	if w.LessThanOrEqual(c.s.SatisfactionWeight) {
		return nil
	}
	msg := fmt.Sprintf("满意度指标合计权重%s，超过%s：财预〔2020〕10号将服务对象满意度的权重原则上定为10%%，权重过高会让主观评价左右项目得分。",
		w.String(), c.s.SatisfactionWeight.String())
	if len(ins) == 1 {
		return []Finding{indicatorFinding(ins[0], msg)}
	}
	return []Finding{projectFinding(msg)}
}

func rateFullTarget(c context) []Finding {
	var out []Finding
	hundred := decimal.NewFromInt(100)
	for _, in := range c.p.Indicators {
		u := strings.TrimSpace(in.Unit)
		if (u != "%" && u != "％") || (in.Nature != project.NatureGE && in.Nature != project.NatureEQ && in.Nature != project.NatureGT) {
			continue
		}
		t, ok := in.TargetNumber()
		if !ok || t.LessThan(hundred) {
			continue
		}
		out = append(out, indicatorFinding(in, fmt.Sprintf("「%s」的目标为%s%s%%：比率不可能超过100%%，这个目标只能恰好达到、不能超额完成，"+
			"一次差错就不得满分，也无从判断目标是否定得过低。请按往年实际设定有挑战又可达到的值（如≥98%%），或写明零差错的考核口径。",
			in.Name, natureWord(in.Nature), t.String())))
	}
	return out
}
