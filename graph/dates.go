package graph

import (
	"time"

	"github.com/diplograph/diplograph/store"
)

// checkDate rejects a date argument that is given but is not an ISO 8601
// calendar date in one of the forms the graph stores: YYYY, YYYY-MM or
// YYYY-MM-DD, with a month 01–12 and a day that month has. Every resolver
// and endpoint that takes a date calls it, so that "last year", "2020-13"
// or "2021-02-30" are a BAD_USER_INPUT error (store.EINVALID) naming the
// argument as the caller wrote it (filter.from, input.date) instead of a
// filter that silently matches nothing. A nil v is an argument not given.
func checkDate(arg string, v *string) error {
	if v == nil || validDate(*v) {
		return nil
	}
	return store.Errorf(store.EINVALID, "%s: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", arg, clip(*v, 40))
}

// checkDateRange checks the bounds of an inclusive date range, from and
// to, named prefix+"from" and prefix+"to", with checkDate, and rejects a
// range that ends before it begins: compared as prefixes, as the stores
// compare dates, so from: "2024-03" to: "2024" is the March of 2024.
func checkDateRange(prefix string, from, to *string) error {
	if err := checkDate(prefix+"from", from); err != nil {
		return err
	}
	if err := checkDate(prefix+"to", to); err != nil {
		return err
	}
	if from != nil && to != nil {
		n := min(len(*from), len(*to))
		if (*from)[:n] > (*to)[:n] {
			return store.Errorf(store.EINVALID, "%sfrom: %q is after %sto: %q", prefix, *from, prefix, *to)
		}
	}
	return nil
}

// validDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a real
// month and a real day of that month (leap years included).
func validDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	if len(s) == 4 {
		return true
	}
	num := func(a, b int) int {
		n := 0
		for _, c := range s[a:b] {
			n = n*10 + int(c-'0')
		}
		return n
	}
	month := num(5, 7)
	if month < 1 || month > 12 {
		return false
	}
	if len(s) == 7 {
		return true
	}
	// Day 0 of the next month is the last day of this one.
	last := time.Date(num(0, 4), time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	day := num(8, 10)
	return day >= 1 && day <= last
}

// clip cuts s to at most n bytes for an error message, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n-- // not inside a UTF-8 sequence
	}
	return s[:n] + "…"
}

// ValidDate reports whether s is a date checkDate accepts: YYYY, YYYY-MM
// or YYYY-MM-DD, a real month and day. The command line checks sidecar
// files with it.
func ValidDate(s string) bool { return validDate(s) }

// checkSource rejects a source given by the caller that is not an
// absolute http(s) URL with a host (store.Versionable), the empty string
// included: a source is where the document was published, and a
// document's versions are the documents of one URL, so a path, a name,
// "http:/x" or "ftp://x" would be kept as the document's origin and
// silently never have versions. A file's own path, which ingest records
// as its origin when no source is given, is not the caller's source and
// is not checked here. A nil v is an argument not given.
func checkSource(arg string, v *string) error {
	if v == nil || store.Versionable(*v) {
		return nil
	}
	return store.Errorf(store.EINVALID, "%s: %q is not an absolute http(s) URL", arg, clip(*v, 80))
}
