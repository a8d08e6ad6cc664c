package store

import (
	"testing"
	"time"
)

func TestPickJudgement(t *testing.T) {
	tests := []struct {
		v, at, v2, at2 string
		want, wantAt   string
	}{
		{"PLANNED", "2023", "HELD", "2024", "HELD", "2024"},
		{"HELD", "2024", "PLANNED", "2023", "HELD", "2024"},
		{"HELD", "2024", "", "2025", "HELD", "2024"},
		{"", "", "CANCELLED", "", "CANCELLED", ""},
		{"HELD", "2024", "PLANNED", "2024", "PLANNED", "2024"},
		{"CANCELLED", "", "PLANNED", "2020", "PLANNED", "2020"},
	}
	for _, tt := range tests {
		got, gotAt := PickJudgement(tt.v, tt.at, tt.v2, tt.at2)
		back, backAt := PickJudgement(tt.v2, tt.at2, tt.v, tt.at)
		if got != tt.want || gotAt != tt.wantAt || back != got || backAt != gotAt {
			t.Errorf("PickJudgement(%q, %q, %q, %q) = %q, %q (reversed %q, %q), want %q, %q",
				tt.v, tt.at, tt.v2, tt.at2, got, gotAt, back, backAt, tt.want, tt.wantAt)
		}
	}
}

func TestVersionable(t *testing.T) {
	for s, want := range map[string]bool{
		"https://mzv.gov.cz/x": true, "HTTP://example.org/a?b=1": true,
		"corpus/a.txt": false, "document.txt": false, "ftp://example.org/a": false,
		"https://": false, "/abs/path": false, "storetest://Doc": false,
	} {
		if got := Versionable(s); got != want {
			t.Errorf("Versionable(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWithdrawals(t *testing.T) {
	src := "https://example.org/p"
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	v1 := Document{ID: "doc:1", Source: src, Date: "2024-03-18", IngestedAt: t0}
	v2 := Document{ID: "doc:2", Source: src, Date: "2024-03-18", IngestedAt: t0.Add(time.Minute)}
	other := Document{ID: "doc:o", Source: "corpus/o.txt"}
	support := []Support{
		{"kept", v1}, {"kept", v2},
		{"dropped", v1},
		{"elsewhere", v1}, {"elsewhere", other},
		{"asserted", v1}, {"asserted", Document{}},
	}
	got := Withdrawals([]string{"kept", "dropped", "elsewhere", "asserted", "unsupported"}, support, map[string][]Document{src: {v2, v1}})
	for id, want := range map[string]string{"kept": "", "dropped": "doc:2", "elsewhere": "", "asserted": "", "unsupported": ""} {
		w := got[id]
		if (w == nil) != (want == "") || (w != nil && (w.By != want || w.At != "2024-03-18")) {
			t.Errorf("Withdrawals[%s] = %+v, want by %q", id, w, want)
		}
	}
}
