package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// monthRE is a month's name, in full or abbreviated as news style writes
// it ("Sept. 29", "Jan 5"); "Mar" and "Jun" need their period, as without
// it they are words or names.
const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`

// day is a day of the month, with the ordinal suffix some styles add
// ("September 29th").
const day = `(\d{1,2})(?:st|nd|rd|th|ST|ND|RD|TH)?`

var (
	dayMonthYear = regexp.MustCompile(`\b` + day + `(?:\s*(?:[-–]|(?i:to|and))\s*` + day + `)?(?: of|,)? ` + monthRE + `,? (\d{4})\b`)
	monthDayYear = regexp.MustCompile(`\b` + monthRE + ` ` + day + `(?:\s*(?:[-–]|(?i:to|and))\s*` + day + `)?,? (\d{4})\b`)
	// "May 31 to June 2, 2016", "31 May – 2 June 2016": a range across
	// two months, its year said once at its end
	monthDayRange = regexp.MustCompile(`\b` + monthRE + ` ` + day + `\s*(?:[-–]|(?i:to|until))\s*` + monthRE + ` ` + day + `,? (\d{4})\b`)
	dayMonthRange = regexp.MustCompile(`\b` + day + ` ` + monthRE + `\s*(?:[-–]|(?i:to|until))\s*` + day + ` ` + monthRE + `,? (\d{4})\b`)
	// "on May 17", "from May 16 to 17", "on 4 June": the year is the
	// document's.
	monthDay  = regexp.MustCompile(`\b` + monthRE + ` ` + day + `(?:\s*(?:[-–]|(?i:to|and))\s*` + day + `)?\b`)
	dayMonth  = regexp.MustCompile(`\b` + day + `(?:\s*(?:[-–]|(?i:to|and))\s*` + day + `)?(?: of)? ` + monthRE + `\b`)
	monthYear = regexp.MustCompile(`\b` + monthRE + `,? (\d{4})\b`)
	yearOnly  = regexp.MustCompile(`\b(1[6-9]\d\d|20\d\d)\b`)
	weekday   = regexp.MustCompile(`\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	// "met today", "earlier today", "this morning": the document's own day
	today = regexp.MustCompile(`\b(?i:today|this morning|this afternoon|this evening|tonight)\b`)
)

// maxDateReach is how far into a text findDates looks, in bytes.
const maxDateReach = 1200

// dateMention is a date the text states, as ISO prefixes.
type dateMention struct {
	Start, End int // byte offsets in the string searched
	Date, End_ string
}

// findDates returns the dates stated in s, most precise first at each
// place: "Monday, 18 March 2024", "August 11-13, 2020" (a range),
// "May 2020", "2014". A bare weekday ("on Monday") takes docDate.
func findDates(s, docDate string) []dateMention {
	// The passes ask for the dates of a sentence from each of its names;
	// on a sentence thousands of words long that made the regular
	// expressions quadratic in it. A date that belongs to a name stands
	// within a few lines of it, and every date has a digit or a weekday.
	if len(s) > maxDateReach {
		cut := maxDateReach
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if !strings.ContainsAny(s, "0123456789") && !strings.Contains(s, "day") && !strings.Contains(s, "this ") && !strings.Contains(s, "tonight") {
		return nil
	}
	var out []dateMention
	taken := func(a, b int) bool {
		for _, d := range out {
			if a < d.End && d.Start < b {
				return true
			}
		}
		return false
	}
	// the submatches of each range: first day, first month, second day,
	// second month (each a pair of offsets into m), then the year's
	for _, r := range []struct {
		re                 *regexp.Regexp
		d1, m1, d2, m2, yr int
	}{{monthDayRange, 4, 2, 8, 6, 10}, {dayMonthRange, 2, 4, 6, 8, 10}} {
		for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
			if taken(m[0], m[1]) {
				continue
			}
			y := s[m[r.yr]:m[r.yr+1]]
			d1, _ := strconv.Atoi(s[m[r.d1]:m[r.d1+1]])
			d2, _ := strconv.Atoi(s[m[r.d2]:m[r.d2+1]])
			out = append(out, dateMention{Start: m[0], End: m[1], Date: iso(y, month(s[m[r.m1]:m[r.m1+1]]), d1), End_: iso(y, month(s[m[r.m2]:m[r.m2+1]]), d2)})
		}
	}
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(s, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		d1, _ := strconv.Atoi(s[m[2]:m[3]])
		mo := month(s[m[6]:m[7]])
		y := s[m[8]:m[9]]
		dm := dateMention{Start: m[0], End: m[1], Date: iso(y, mo, d1)}
		if m[4] >= 0 {
			d2, _ := strconv.Atoi(s[m[4]:m[5]])
			dm.End_ = iso(y, mo, d2)
		}
		out = append(out, dm)
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(s, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		mo := month(s[m[2]:m[3]])
		d1, _ := strconv.Atoi(s[m[4]:m[5]])
		y := s[m[8]:m[9]]
		dm := dateMention{Start: m[0], End: m[1], Date: iso(y, mo, d1)}
		if m[6] >= 0 {
			d2, _ := strconv.Atoi(s[m[6]:m[7]])
			dm.End_ = iso(y, mo, d2)
		}
		out = append(out, dm)
	}
	if len(docDate) >= 4 {
		y := docDate[:4]
		for _, m := range monthDay.FindAllStringSubmatchIndex(s, -1) {
			if taken(m[0], m[1]) || m[1] < len(s) && s[m[1]] == ',' && yearAfter(s[m[1]:]) {
				continue
			}
			mo := month(s[m[2]:m[3]])
			d1, _ := strconv.Atoi(s[m[4]:m[5]])
			dm := dateMention{Start: m[0], End: m[1], Date: iso(y, mo, d1)}
			if m[6] >= 0 {
				d2, _ := strconv.Atoi(s[m[6]:m[7]])
				dm.End_ = iso(y, mo, d2)
			}
			out = append(out, dm)
		}
		for _, m := range dayMonth.FindAllStringSubmatchIndex(s, -1) {
			if taken(m[0], m[1]) || yearAfter(s[m[1]:]) {
				continue
			}
			mo := month(s[m[6]:m[7]])
			d1, _ := strconv.Atoi(s[m[2]:m[3]])
			dm := dateMention{Start: m[0], End: m[1], Date: iso(y, mo, d1)}
			if m[4] >= 0 {
				d2, _ := strconv.Atoi(s[m[4]:m[5]])
				dm.End_ = iso(y, mo, d2)
			}
			out = append(out, dm)
		}
	}
	for _, m := range monthYear.FindAllStringSubmatchIndex(s, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		mo := month(s[m[2]:m[3]])
		out = append(out, dateMention{Start: m[0], End: m[1], Date: fmt.Sprintf("%s-%02d", s[m[4]:m[5]], mo)})
	}
	for _, m := range yearOnly.FindAllStringIndex(s, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		out = append(out, dateMention{Start: m[0], End: m[1], Date: s[m[0]:m[1]]})
	}
	if docDate != "" {
		for _, m := range weekday.FindAllStringIndex(s, -1) {
			if !taken(m[0], m[1]) {
				out = append(out, dateMention{Start: m[0], End: m[1], Date: docDate})
			}
		}
	}
	if len(docDate) == len("2006-01-02") {
		for _, m := range today.FindAllStringIndex(s, -1) {
			out = append(out, dateMention{Start: m[0], End: m[1], Date: docDate})
		}
	}
	return out
}

// month is the number of a month's name or abbreviation ("Sept." → 9).
func month(name string) int {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if m, ok := months[name]; ok {
		return m
	}
	for full, m := range months {
		if len(name) >= 3 && strings.HasPrefix(full, name) {
			return m
		}
	}
	return 0
}

func iso(y string, m, d int) string {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return y
	}
	return fmt.Sprintf("%s-%02d-%02d", y, m, d)
}

// precision ranks a date by how much it says.
func precision(d string) int { return len(d) }

// yearAfter reports a year right after a day and month (", 2023", " 2023").
func yearAfter(s string) bool {
	s = strings.TrimLeft(s, ", ")
	return len(s) >= 4 && isDigits(s[:4])
}

// datesIn is the dates the text states between byte offsets from and to
// (offsets in the result are from from), leaving out the years that are
// part of a name there ("the 2022 Rivia Summit", "Vision 2030"): they
// date the thing named, not what the sentence tells.
func (rl *relater) datesIn(from, to int) []dateMention {
	text := rl.a.Text[from:to]
	ds := findDates(text, rl.doc.Date)
	return slices.DeleteFunc(ds, func(d dateMention) bool { return rl.inName(from+d.Start, nil) || sinceDate(text, d) })
}

// sinceDate reports a date that only bounds a span from below ("since he
// took office on 10 March 2020"): no happening's own date.
func sinceDate(text string, d dateMention) bool {
	words := strings.Fields(strings.ToLower(text[:d.Start]))
	return slices.Contains(words[max(0, len(words)-6):], "since") // "since she took office on", not "since 2019, …, the latest on"
}
