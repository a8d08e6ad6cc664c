package store

import (
	"testing"
)

// FuzzDecodeCursor feeds arbitrary strings to DecodeCursor, which reads
// cursors straight from GraphQL arguments: it must never panic, must reject
// with EINVALID, and whatever it accepts must survive a round trip.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{
		"",
		"=",
		EncodeCursor("", ""),
		EncodeCursor("Ministry of Foreign Affairs", "organization:ministry-of-foreign-affairs"),
		EncodeCursor("2023-05-02", "event:us-czech-strategic-dialogue"),
		EncodeCursor("\xff\x00\"\\", "id\n"),
		"ImEiICJiIg",       // "a" "b" by hand
		"ImEiICJiIiA",      // trailing space
		"ImEi",             // one part
		"ImEiICJcdTAwNDEi", // escaped A
		"IlxcIiAiIg",       // "\\" ""
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		key, id, err := DecodeCursor(cursor)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("DecodeCursor(%q) error %v has code %q, want %q", cursor, err, ErrorCode(err), EINVALID)
			}
			if key != "" || id != "" {
				t.Fatalf("DecodeCursor(%q) = %q, %q with error %v", cursor, key, id, err)
			}
			return
		}
		k2, id2, err := DecodeCursor(EncodeCursor(key, id))
		if err != nil || k2 != key || id2 != id {
			t.Fatalf("DecodeCursor(EncodeCursor(%q, %q)) = %q, %q, %v", key, id, k2, id2, err)
		}
	})
}

// FuzzCursorRoundTrip checks that every sort key and id, however odd
// (quotes, spaces, invalid UTF-8), comes back from its cursor unchanged,
// and that the cursor is URL-safe.
func FuzzCursorRoundTrip(f *testing.F) {
	f.Add("", "")
	f.Add("a b", "c\"d")
	f.Add("\" \"", "\\")
	f.Add("\xc3\x28", "\U0010FFFF")
	f.Fuzz(func(t *testing.T, key, id string) {
		c := EncodeCursor(key, id)
		for _, r := range c {
			if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				t.Fatalf("EncodeCursor(%q, %q) = %q has %q, not URL-safe", key, id, c, r)
			}
		}
		k2, id2, err := DecodeCursor(c)
		if err != nil || k2 != key || id2 != id {
			t.Fatalf("DecodeCursor(EncodeCursor(%q, %q)) = %q, %q, %v", key, id, k2, id2, err)
		}
	})
}
