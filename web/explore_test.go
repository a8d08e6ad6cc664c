package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const rebuild = "npm ci --prefix web/explore && npm run --prefix web/explore build"

func TestExplorerHandler(t *testing.T) {
	h := Explorer()
	tests := []struct {
		name, method, path string
		status             int
		header, want       string // a response header and a substring of its value
		body               string // a substring of the body
	}{
		{"bare path redirects", "GET", "/explore", http.StatusMovedPermanently, "Location", "/explore/", ""},
		{"redirect keeps the query", "GET", "/explore?x=1", http.StatusMovedPermanently, "Location", "/explore/?x=1", ""},
		{"page", "GET", "/explore/", http.StatusOK, "Content-Security-Policy", "default-src 'self'", `<script src="explore.js"`},
		{"page is HTML", "GET", "/explore/", http.StatusOK, "Content-Type", "text/html", `role="combobox"`},
		{"HEAD", "HEAD", "/explore/", http.StatusOK, "Content-Type", "text/html", ""},
		{"script", "GET", "/explore/explore.js", http.StatusOK, "Content-Type", "javascript", "cytoscape"},
		{"styles", "GET", "/explore/explore.css", http.StatusOK, "Content-Type", "text/css", "--type-Event:"},
		{"licence of the bundled library", "GET", "/explore/LICENSE.cytoscape", http.StatusOK, "Content-Type", "text/plain", "Permission is hereby granted"},
		{"index.html goes to the folder", "GET", "/explore/index.html", http.StatusMovedPermanently, "Location", "./", ""},
		{"missing file", "GET", "/explore/nothing.js", http.StatusNotFound, "", "", ""},
		{"outside its prefix", "GET", "/elsewhere", http.StatusNotFound, "", "", ""},
		{"no writes", "POST", "/explore/", http.StatusMethodNotAllowed, "Allow", "GET", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.status)
			}
			if got := rec.Header().Get(tt.header); tt.header != "" && !strings.Contains(got, tt.want) {
				t.Errorf("%s = %q, want it to contain %q", tt.header, got, tt.want)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body lacks %q", tt.body)
			}
		})
	}
}

// TestExplorerOffline checks that the page loads only its own files.
func TestExplorerOffline(t *testing.T) {
	dist := ExplorerFS()
	page, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(string(page), -1)
	if len(refs) < 2 {
		t.Fatalf("index.html loads %d files, want at least the script and the styles", len(refs))
	}
	for _, m := range refs {
		ref := m[1]
		switch {
		case strings.Contains(ref, "//"):
			t.Errorf("index.html loads %q from another host", ref)
		case strings.HasPrefix(ref, "#"), ref == "./", ref == "../":
			// in-page anchors and links to the explorer and GraphiQL
		default:
			if _, err := fs.Stat(dist, ref); err != nil {
				t.Errorf("index.html loads %q, which dist lacks", ref)
			}
		}
	}
	css, err := fs.ReadFile(dist, "explore.css")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`url\([^)]*//|@import`).Find(css); m != nil {
		t.Errorf("explore.css fetches from elsewhere: %s", m)
	}
}

// TestExplorerBuildIsFresh catches a dist/ that was not rebuilt after its
// sources changed, without needing node: build.mjs records a hash of its
// inputs that this recomputes.
func TestExplorerBuildIsFresh(t *testing.T) {
	inputs := []string{"build.mjs", "package-lock.json"}
	entries, err := os.ReadDir("explore/src")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		inputs = append(inputs, "src/"+e.Name())
	}
	slices.Sort(inputs[2:])
	h := sha256.New()
	for _, f := range inputs {
		raw, err := os.ReadFile(filepath.Join("explore", f))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f + "\x00"))
		h.Write(raw)
		h.Write([]byte{0})
	}
	recorded, err := fs.ReadFile(ExplorerFS(), "inputs.sha256")
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != strings.TrimSpace(string(recorded)) {
		t.Errorf("web/explore/dist is older than its sources; rebuild it with\n\t%s\nand commit dist/", rebuild)
	}
}

// TestExplorerContrast holds the palette to WCAG AA: 4.5:1 for text on
// the page and the panels, and for the white labels on type badges (which
// also clears the 3:1 that graphical objects such as nodes need).
func TestExplorerContrast(t *testing.T) {
	raw, err := os.ReadFile("explore/src/palette.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Background, Panel, Text, Muted, Accent, Edge, Selected string
		Hover, Current, Mark                                   string
		Types                                                  map[string]struct{ Color, Shape string }
		Other                                                  struct{ Color, Shape string }
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	type pair struct{ name, fg, bg string }
	pairs := []pair{
		{"text on background", p.Text, p.Background},
		{"text on panel", p.Text, p.Panel},
		{"muted on background", p.Muted, p.Background},
		{"muted on panel", p.Muted, p.Panel},
		{"accent on background", p.Accent, p.Background},
		{"accent on panel", p.Accent, p.Panel},
		{"edge on background", p.Edge, p.Background},
		{"selection on background", p.Selected, p.Background},
		{"badge of other types", "#ffffff", p.Other.Color},
		{"text on hover", p.Text, p.Hover},
		{"muted on hover", p.Muted, p.Hover},
		{"accent on hover", p.Accent, p.Hover},
		{"text on the current item", p.Text, p.Current},
		{"muted on the current item", p.Muted, p.Current},
		{"text on a mark", p.Text, p.Mark},
	}
	for typ, s := range p.Types {
		pairs = append(pairs, pair{typ + " badge", "#ffffff", s.Color}, pair{typ + " node on background", s.Color, p.Background})
	}
	if len(p.Types) < 8 {
		t.Errorf("palette has %d entity types, want every type of the ontology", len(p.Types))
	}
	css, err := fs.ReadFile(ExplorerFS(), "explore.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pairs {
		t.Run(c.name, func(t *testing.T) {
			r, err := contrast(c.fg, c.bg)
			if err != nil {
				t.Fatal(err)
			}
			if r < 4.5 {
				t.Errorf("%s on %s: contrast %.2f:1, want at least 4.5:1", c.fg, c.bg, r)
			}
		})
	}
	for typ, s := range p.Types {
		if !strings.Contains(string(css), "--type-"+typ+":"+s.Color) {
			t.Errorf("dist explore.css lacks %s's colour %s: rebuild with %s", typ, s.Color, rebuild)
		}
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		fg, bg string
		want   float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes AA on white
		{"#777777", "#ffffff", 4.48},
	}
	for _, tt := range tests {
		t.Run(tt.fg+" on "+tt.bg, func(t *testing.T) {
			got, err := contrast(tt.fg, tt.bg)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 0.01 {
				t.Errorf("contrast = %.3f, want %.2f", got, tt.want)
			}
		})
	}
	if _, err := contrast("red", "#fff"); err == nil {
		t.Error("contrast of a colour name: no error")
	}
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05), nil
}

func luminance(hexColour string) (float64, error) {
	if len(hexColour) != 7 || hexColour[0] != '#' {
		return 0, &strconv.NumError{Func: "luminance", Num: hexColour, Err: strconv.ErrSyntax}
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hexColour[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, err
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l, nil
}
