// Package english puts into English the texts the product writes in
// Chinese (domain reference: users read Chinese; English is selectable):
// the bases of lights and scores, what a line still lacks, validation and
// error messages, notices, quality findings, names of rules and actions.
//
// It works like a gettext catalogue whose message ids are the Chinese
// texts: each entry is a Chinese pattern and its English. A pattern's {}
// stands for any text and {n} for a number; the English names them {1},
// {2}, … in the Chinese order, so that English may order them otherwise.
// What a placeholder captured is put into English too (a light's name, a
// band, a date); what no entry matches is data (a project's or an
// indicator's name, an explanation) and is left as written.
package english

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// entry is one Chinese pattern and its English.
type entry struct {
	zh, en string
}

// pattern is an entry with placeholders, compiled.
type pattern struct {
	re     *regexp.Regexp
	anchor string // the longest literal part: a pattern is tried only on a text holding it
	en     string
}

type catalogue struct {
	exact    map[string]string
	patterns []pattern
}

var (
	loaded  catalogue
	loadOne sync.Once
)

func load() catalogue {
	loadOne.Do(func() {
		loaded = compile(allEntries())
	})
	return loaded
}

// allEntries gathers the entries of every area of the product.
func allEntries() []entry {
	var out []entry
	// the more particular patterns first: a light's basis before a score's
	for _, part := range [][]entry{citeEntries, wordEntries, monitorEntries, scoringEntries, reportEntries, noticeEntries, auditEntries,
		errorEntries, projectEntries, qualityEntries, seasonEntries, userEntries, tableEntries, objectNameEntries, profileEntries, accountEntries, hierarchyEntries, libraryEntries} {
		out = append(out, part...)
	}
	return out
}

var (
	// {} never spans a "；": sentences joined so are put into English one
	// by one; {*} may (a list a pattern quotes whole)
	anyText = `([^；]+?)`
	anyList = `(.+?)`
	number  = `([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)`
)

func compile(es []entry) catalogue {
	c := catalogue{exact: map[string]string{}}
	for _, e := range es {
		if !strings.Contains(e.zh, "{") {
			c.exact[e.zh] = e.en
			continue
		}
		var re strings.Builder
		re.WriteString("^")
		anchor := ""
		rest := e.zh
		for rest != "" {
			i := strings.Index(rest, "{")
			if i < 0 {
				re.WriteString(regexp.QuoteMeta(rest))
				anchor = longer(anchor, rest)
				break
			}
			re.WriteString(regexp.QuoteMeta(rest[:i]))
			anchor = longer(anchor, rest[:i])
			switch {
			case strings.HasPrefix(rest[i:], "{}"):
				re.WriteString(anyText)
				rest = rest[i+2:]
			case strings.HasPrefix(rest[i:], "{*}"):
				re.WriteString(anyList)
				rest = rest[i+3:]
			case strings.HasPrefix(rest[i:], "{n}"):
				re.WriteString(number)
				rest = rest[i+3:]
			default:
				panic(fmt.Sprintf("english: bad placeholder in %q", e.zh))
			}
		}
		re.WriteString("$")
		c.patterns = append(c.patterns, pattern{re: regexp.MustCompile(re.String()), anchor: anchor, en: e.en})
	}
	return c
}

func longer(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// hasHan reports whether s holds a Chinese character: only such texts may
// need translating.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// maxDepth bounds the translation of captured parts within captured parts.
const maxDepth = 5

// Translate puts a text into English: by the catalogue, then piece by
// piece where the text joins sentences with "；". A text no entry covers is
// data and comes back as it is.
func Translate(s string) string {
	out, ok := translate(load(), s, 0)
	if !ok || out == "" {
		return out
	}
	// a sentence starts with a capital, though its first word was put into
	// English as a part of another ("the projected value …")
	if r := out[0]; r >= 'a' && r <= 'z' {
		out = string(r-'a'+'A') + out[1:]
	}
	return out
}

// translate answers the English and whether anything was translated.
func translate(c catalogue, s string, depth int) (string, bool) {
	if !hasHan(s) || depth > maxDepth {
		return s, false
	}
	if en, ok := c.exact[s]; ok {
		return en, true
	}
	if en, ok := special(s); ok {
		return en, true
	}
	for _, p := range c.patterns {
		if p.anchor != "" && !strings.Contains(s, p.anchor) {
			continue
		}
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		return fill(c, p.en, m[1:], depth), true
	}
	// sentences ended by "。" (a notice's body), one by one
	if body, ok := strings.CutSuffix(s, "。"); ok && body != "" {
		parts := strings.Split(body, "。")
		changed := false
		for i, part := range parts {
			var ok bool
			parts[i], ok = translate(c, part, depth+1)
			changed = changed || ok
		}
		if changed {
			return strings.Join(parts, ". ") + ".", true
		}
	}
	// sentences joined by "；" (a basis and its overshoot note, reasons),
	// then a list joined by "、" (what a line still lacks)
	for _, sep := range [][2]string{{"；", "; "}, {"、", ", "}} {
		if parts := strings.Split(s, sep[0]); len(parts) > 1 {
			changed := false
			for i, part := range parts {
				var ok bool
				parts[i], ok = translate(c, part, depth+1)
				changed = changed || ok
			}
			if changed {
				return strings.Join(parts, sep[1]), true
			}
		}
	}
	return s, false
}

var placeholderRef = regexp.MustCompile(`\{([1-9])\}`)

func fill(c catalogue, en string, args []string, depth int) string {
	return placeholderRef.ReplaceAllStringFunc(en, func(ref string) string {
		i, _ := strconv.Atoi(ref[1 : len(ref)-1])
		if i > len(args) {
			return ref
		}
		out, _ := translate(c, args[i-1], depth+1)
		return out
	})
}

var (
	// 2024年7月5日, 2024年7月5日 14:30
	chineseDay = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日( \d{1,2}:\d{2})?$`)
	// 2024年1–6月监控, 2024年度自评
	monitorLabel = regexp.MustCompile(`^(\d{4})年1–(\d{1,2})月监控$`)
	finalLabel   = regexp.MustCompile(`^(\d{4})年度自评$`)
	months       = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// special puts dates and period labels into English.
func special(s string) (string, bool) {
	if m := chineseDay.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return fmt.Sprintf("%s-%02d-%02d%s", m[1], mo, d, m[4]), true
	}
	if m := monitorLabel.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s Jan–%s monitoring", m[1], months[mo-1]), true
		}
	}
	if m := finalLabel.FindStringSubmatch(s); m != nil {
		return m[1] + " annual self-evaluation", true
	}
	return "", false
}

// MonthName is the English abbreviation of a month (1–12), "" otherwise.
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return months[m-1]
}
