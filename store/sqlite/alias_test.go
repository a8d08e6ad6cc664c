package sqlite

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestStringList(t *testing.T) {
	for _, in := range []string{
		`["NATO"]`, `["NATO","OTAN"]`, `["Ministerstvo zahraničí","MZV"]`, `["a\"b","c"]`, `["a\\b"]`,
		`["a", "b"]`, `["",""]`, `["x\u00e9"]`, `[ "a" ]`,
	} {
		var want []string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", in, err)
		}
		got, err := stringList([]byte(in))
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("stringList(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := stringList([]byte(`["a"`)); err == nil {
		t.Errorf("stringList of a truncated array: no error")
	}
}
