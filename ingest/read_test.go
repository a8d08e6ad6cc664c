package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// samplePDF is the content of testdata/read/sample.pdf, which -update
// regenerates with makePDF.
var samplePDF = [][]string{
	{
		"Joint Statement on Cyber Cooperation",
		"18 March 2024",
		"The Ministry of Foreign Affairs of Ruritania and the Freedonian Cyber Command met in Strelsau to review the de-",
		"velopment of their cooperation and signed a Memorandum of Understanding on Cyber Defence, which o cially",
		"opens a new chapter.",
		"1",
	},
	{
		"Both sides will hold joint exercises and brie y report on the rst results in 2025.",
		"2",
	},
}

// TestReadFixtures reads each file of testdata/read, compares text and
// metadata with its golden file, and checks what each format must keep
// and drop.
func TestReadFixtures(t *testing.T) {
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "read", "sample.pdf"), makePDF(samplePDF), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file                         string
		title, date, publisher, kind string
		want, wantNot                []string
	}{
		{
			file:  "article.html",
			title: "Ruritania and Freedonia Hold First Energy Dialogue", date: "2025-06-04",
			publisher: "Ministry of Foreign Affairs of Ruritania", kind: "PRESS_RELEASE",
			want: []string{
				"The first Ruritania–Freedonia Energy Dialogue took place in Strelsau on 4 June 2025. Minister Anna Kovář met her counterpart",
				"discussed energy security and nuclear energy",
				"The ministers at the Zenda Palace. Photo: MFA.",
			},
			wantNot: []string{"Share on Facebook", "Related Articles", "Graustark", "Most read", "All rights reserved", "analytics", "font-family", "About", "Staff Writer", "Search", "Home"},
		},
		{
			file:  "news.html",
			title: "Ruritania, Freedonia agree on missile defence radar", date: "2024-03-03",
			publisher: "Daily Wire Aggregator", kind: "NEWS",
			want: []string{
				"STRELSAU (Reuters) - Ruritania and Freedonia agreed on Monday",
				"\"This is a historic day,\" Defence Minister Anna Kovář told reporters after meeting her Freedonian counterpart Rufus T. Firefly. The two ministers signed",
				"The radar will be operated by the Ruritanian Air Force, the ministry added.",
			},
			wantNot: []string{"Sports", "Share this", "Facebook", "Related", "parliament", "John Smith", "Leave a Reply", "Popular", "Copyright", "Home"},
		},
		{
			file:  "statement.md",
			title: "Joint Statement on the Freedonia–Ruritania Strategic Partnership", date: "2025-03-07",
			publisher: "Office of the Spokesperson", kind: "JOINT_STATEMENT",
			want: []string{
				"Foreign Minister Anna Kovář and Secretary Rufus T. Firefly released the following statement:",
				"Both sides reaffirmed their commitment to collective defense.",
				"They agreed to hold the next round in Freedonia in 2026.",
				"We stand together against disinformation.",
				"The ministers discussed the sanctions regime and export controls.",
			},
			wantNot: []string{"**", "](", "#", "Breaking", "Home", "READ MORE", "Graustark", "Tags", "Flags", "`", "- Both"},
		},
		{
			file:  "release.txt",
			title: "Freedonia and Ruritania sign cyber memorandum", date: "2025-02-12", kind: "PRESS_RELEASE",
			want: []string{
				"at the Zenda Palace. It covers information sharing",
			},
			wantNot: []string{"Main Page"},
		},
		{
			file: "paper.txt",
			date: "2021", kind: "PAPER",
			want: []string{
				"has been defined by their official alliance since the first treaty was signed, and both governments briefly considered",
				"the efforts of both states to build a beneficial partnership and the significant obstacles that have influenced their cooperation.",
				"that were difficult for its armed forces and its civilian institutions alike, and the first decade",
				"The officers of both armies trained together, and their effective cooperation became a model for the region.\n\nBoth states later ratified",
				"II. Historical Overview\n\nRuritania joined",
				"https://www.example.org/of ce/long-term-perspective.pdf",
			},
		},
		{
			file:  "sample.pdf",
			title: "Joint Statement on Cyber Cooperation", date: "2024-03-18", kind: "JOINT_STATEMENT",
			want: []string{
				"met in Strelsau to review the development of their cooperation and signed a Memorandum of Understanding on Cyber Defence, which officially opens a new chapter.",
				"Both sides will hold joint exercises and briefly report on the first results in 2025.",
			},
			wantNot: []string{"\n1\n", "\n2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "read", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(path, data)
			if err != nil {
				t.Fatalf("Read(%q) error: %v", tt.file, err)
			}
			got := fmt.Sprintf("title: %s\ndate: %s\npublisher: %s\nkind: %s\n\n%s\n", doc.Title, doc.Date, doc.Publisher, doc.Kind, doc.Text)
			checkGolden(t, path+".golden", got)
			for _, f := range []struct{ name, got, want string }{
				{"Title", doc.Title, tt.title}, {"Date", doc.Date, tt.date},
				{"Publisher", doc.Publisher, tt.publisher}, {"Kind", doc.Kind, tt.kind},
				{"Filename", doc.Filename, tt.file},
			} {
				if f.got != f.want {
					t.Errorf("Read(%q).%s = %q, want %q", tt.file, f.name, f.got, f.want)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("Read(%q).Text lacks %q; text:\n%s", tt.file, w, doc.Text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(doc.Text, w) {
					t.Errorf("Read(%q).Text has %q; text:\n%s", tt.file, w, doc.Text)
				}
			}
			checkClean(t, doc.Text)
		})
	}
}

// checkClean asserts the invariants of every reader's text.
func checkClean(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Error("text is not valid UTF-8")
	}
	if !norm.NFC.IsNormalString(s) {
		t.Error("text is not NFC")
	}
	for i, r := range s {
		if isControl(r) || r == '\t' || r == '\r' {
			t.Errorf("control character %U at %d", r, i)
			break
		}
	}
	if strings.Contains(s, "  ") || strings.Contains(s, "\n\n\n") || strings.Contains(s, " \n") || strings.Contains(s, "\n ") {
		t.Error("text has unnormalized whitespace")
	}
	if s != strings.TrimSpace(s) {
		t.Error("text has leading or trailing space")
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestReadFixtures -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (-update to accept):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ between want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

func TestReadRejects(t *testing.T) {
	deep := strings.Repeat("<div>", 5000) + "text" + strings.Repeat("</div>", 5000)
	tests := []struct {
		name string
		file string
		data []byte
		want string // in the error, besides the file name
	}{
		{"empty", "a.txt", nil, "empty"},
		{"whitespace only", "a.md", []byte(" \n\t\r\n "), "empty"},
		{"NUL bytes", "a.txt", []byte("hello\x00\x01\x02world"), "binary"},
		{"control characters", "a.txt", bytes.Repeat([]byte("\x01\x02\x03abc"), 50), "binary"},
		{"invalid UTF-8", "a.txt", []byte("Prague \xff\xfe is the capital"), "UTF-8"},
		{"invalid UTF-8 in HTML", "a.html", []byte("<p>Praha \xc3\x28</p>"), "UTF-8"},
		{"oversized", "big.txt", bytes.Repeat([]byte("a"), MaxFileSize+1), "limit"},
		{"unsupported type", "a.docx", []byte("text"), "unsupported"},
		{"malformed PDF", "a.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), "PDF"},
		{"not a PDF", "a.pdf", []byte("just some text"), "PDF"},
		{"truncated PDF", "a.pdf", makePDF(samplePDF)[:300], "PDF"},
		{"PDF with no text", "a.pdf", makePDF([][]string{{}}), "text"},
		{"deeply nested HTML", "a.html", []byte(deep), "nested"},
		{"HTML without text", "a.html", []byte("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>"), "no text"},
		{"markdown of markup only", "a.md", []byte("---\n\n***\n"), "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.file, tt.data)
			if err == nil {
				t.Fatalf("Read(%q, %s) = nil error, want one", tt.file, tt.name)
			}
			if !strings.Contains(err.Error(), tt.file) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read(%q) error = %q, want it to name the file and say %q", tt.file, err, tt.want)
			}
		})
	}
}

func TestReadHTMLCharset(t *testing.T) {
	// "Štěpáník v Praze" in windows-1250, as the page declares.
	body := append([]byte(`<html><head><meta charset="windows-1250"></head><body><p>`), 0x8a, 't', 0xec, 'p', 0xe1, 'n', 0xed, 'k')
	body = append(body, []byte(" v Praze.</p></body></html>")...)
	doc, err := Read("cz.html", body)
	if err != nil {
		t.Fatalf("Read(cz.html) error: %v", err)
	}
	if want := "Štěpáník v Praze."; doc.Text != want {
		t.Errorf("Read(cz.html).Text = %q, want %q", doc.Text, want)
	}
	// Without the declaration the same bytes are not text we can trust.
	if _, err := Read("cz.html", bytes.Replace(body, []byte(`<meta charset="windows-1250">`), nil, 1)); err == nil {
		t.Error("Read of undeclared windows-1250 = nil error")
	}
}

func TestReadMalformedHTML(t *testing.T) {
	// Unclosed and misnested tags are everyday HTML: read, not rejected.
	doc, err := Read("bad.html", []byte("<html><body><p>Minister <b>Kovář <i>met</b> Firefly</i> in Strelsau.<p>Second paragraph<div><span>unclosed"))
	if err != nil {
		t.Fatalf("Read(bad.html) error: %v", err)
	}
	if !strings.Contains(doc.Text, "Minister Kovář met Firefly in Strelsau.") || !strings.Contains(doc.Text, "Second paragraph") {
		t.Errorf("Read(bad.html).Text = %q", doc.Text)
	}
}

func TestRepairLigatures(t *testing.T) {
	damaged := "The o cials de ned the rst steps, brie y reviewed the e orts and the di erence they made, which in uenced the signi cant results and the a airs of state."
	tests := []struct {
		name, in, want string
	}{
		{"damaged text is repaired", damaged,
			"The officials defined the first steps, briefly reviewed the efforts and the difference they made, which influenced the significant results and the affairs of state."},
		{"capitals kept", "O cially, the Signi cant Other arrived. The rst and the de ned e orts.",
			"Officially, the Significant Other arrived. The first and the defined efforts."},
		{"few oddities are left alone", "The official text of the treaty mentions rst once among many ordinary words in a long sentence that goes on.",
			"The official text of the treaty mentions rst once among many ordinary words in a long sentence that goes on."},
		{"names and acronyms are not words to repair", "NÚKIB o cially met Štěpáník and the rst OSCE de ned group.",
			"NÚKIB officially met Štěpáník and the first OSCE defined group."},
		{"URLs untouched", "See https://example.org/of ce/u-s-x for the o cial, rst and de ned text.",
			"See https://example.org/of ce/u-s-x for the official, first and defined text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := repairLigatures(tt.in); got != tt.want {
				t.Errorf("repairLigatures(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestJoinPair(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"the gov-", "ernment said", "the government said"},
		{"the U.S.-", "Czech dialogue", "the U.S.-Czech dialogue"},
		{"a well-", "known place", "a well-known place"},
		{"the end of a", "line", "the end of a line"},
	}
	for _, tt := range tests {
		if got := joinPair(tt.a, tt.b); got != tt.want {
			t.Errorf("joinPair(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestUnwrapParagraphs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sentence broken across a blank line",
			"They stand with Ukraine\n\nand its people. They will help.\n\nNew paragraph.",
			"They stand with Ukraine and its people. They will help.\n\nNew paragraph."},
		{"complete paragraphs stay apart",
			"First paragraph ends here.\n\nSecond one starts.",
			"First paragraph ends here.\n\nSecond one starts."},
		{"list items stay apart",
			"The points are these:\n\n- one item\n\n- another item",
			"The points are these:\n\n- one item\n\n- another item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unwrapParagraphs(tt.in); got != tt.want {
				t.Errorf("unwrapParagraphs(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"MAY 2, 2023", "2023-05-02"},
		{"held on Monday, 18 March 2024 at the palace", "2024-03-18"},
		{"2024-03-18T10:00:00Z", "2024-03-18"},
		{"will travel on August 11-13, 2020, where", "2020-08-11"},
		{"Sept. 5, 2019", "2019-09-05"},
		{"the 5th of May 2019", "2019-05-05"},
		{"31 April 2024", ""},
		{"in 2024 and 2025", ""},
		{"May I say 2 things, 2023 style", ""},
	}
	for _, tt := range tests {
		if got := isoDate(tt.in); got != tt.want {
			t.Errorf("isoDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDocumentKind(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"media note label", "A Visit\n\nMEDIA NOTE\n\nThe Secretary of State will travel to Strelsau.", "MEDIA_NOTE"},
		{"joint statement title", "Joint Statement on Energy\n\nMEDIA NOTE\n\nThe ministers released the following text.", "JOINT_STATEMENT"},
		{"news dateline", "Minister Visits\n\nStrelsau (Ruritania.News) The Ministry released a statement.", "NEWS"},
		{"news attribution", "The ministers met on Monday, officials said. \"It was good,\" Kovář said. The talks went on, she told reporters. The talks ended, he added.", "NEWS"},
		{"paper", "Abstract\n\nThis paper studies alliances.\n\nI. INTRODUCTION\n\nAlliances matter.", "PAPER"},
		{"press release", "Minister of Foreign Affairs meets Secretary\n\nThe Ministry of Foreign Affairs hosted the Secretary of State in Strelsau.", "PRESS_RELEASE"},
		{"other", "A recipe\n\nTake two eggs and some flour. Mix well.", "OTHER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("doc.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Kind != tt.want {
				t.Errorf("Read(%q).Kind = %q, want %q", tt.text, doc.Kind, tt.want)
			}
		})
	}
}

func TestReadCleansText(t *testing.T) {
	// Decomposed "é", a no-break and a zero-width space, a BOM, CRLF, tabs,
	// a form feed, a bell and ligature characters.
	in := "\uFEFFCafe\u0301 du\u00A0monde\r\n\r\nTabs\u200B\there  and\fthere\x07, \uFB01rst and e\uFB00ort.\r\n"
	doc, err := Read("x.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Café du monde\n\nTabs here and there, first and effort."; doc.Text != want {
		t.Errorf("Read(%q).Text = %q, want %q", in, doc.Text, want)
	}
	checkClean(t, doc.Text)
}

func TestReadDropsPageFurniture(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"repeated caption", "Ministers sign. Photo: MFA.\nMinisters sign. Photo: MFA.\n\nBody text.", "Ministers sign. Photo: MFA.\n\nBody text."},
		{"repeated title", "Minister Visits Strelsau\n\nMinister Visits Strelsau\n\nBody text.", "Minister Visits Strelsau\n\nBody text."},
		{"aggregator author box", "Title\n\nBody text here.\n\nMore body text, long enough to be most of the story so that the box is at the end.\n\nAbout Jane Doe 10908 Articles\nJane Doe is the Editor in Chief.",
			"Title\n\nBody text here.\n\nMore body text, long enough to be most of the story so that the box is at the end."},
		{"breadcrumb and site chrome", "Main Page\n\nHome > News > Energy\n\nBody text.", "Body text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("x.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("Read(%q).Text = %q, want %q", tt.in, doc.Text, tt.want)
			}
		})
	}
}

// TestFrontMatterDate: a date that closes a line of front matter after the
// title dates the document; a quotation's attribution does not.
func TestFrontMatterDate(t *testing.T) {
	tests := []struct {
		top  []string
		want string
	}{
		{[]string{"The Andes at Five", "Rivia Institute, Policy Brief No. 12, January 2025", "When the leaders met on 21 September 2024, they agreed."}, "2025-01"},
		{[]string{"Trade in the Andes", "By Ana Prado, Senior Fellow | 12 March 2025", "The ministers met on 3 May 2024."}, "2025-03-12"},
		{[]string{"Minister to travel", "– Minister Ana Prado, October 25, 2019", "The Minister will travel on 11 August 2020."}, "2020-08-11"},
	}
	for _, tt := range tests {
		if got := documentDate(tt.top, false); got != tt.want {
			t.Errorf("documentDate(%q) = %q, want %q", tt.top, got, tt.want)
		}
	}
}
