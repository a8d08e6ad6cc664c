package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func newTestPipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	return p
}

// TestGolden pins the extraction of the corpus; refresh with -update and
// read the diff.
func TestGolden(t *testing.T) {
	p := newTestPipeline(t)
	files, err := filepath.Glob("../corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := p.Process(context.Background(), f, data)
			if err != nil {
				t.Fatalf("Process(%s) = %v", f, err)
			}
			a := ToAnnotation(b)
			a.Document = filepath.Base(f)
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(f), ".txt")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("extraction of %s differs from %s:\n%s", f, golden, goldenDiff(string(want), string(got)))
			}
		})
	}
}

// goldenDiff lists the lines only one side has, enough to see what moved.
func goldenDiff(want, got string) string {
	w := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		w[l]++
	}
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		if w[l] > 0 {
			w[l]--
			continue
		}
		b.WriteString("+ " + l + "\n")
	}
	for l, n := range w {
		for ; n > 0; n-- {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}

func TestEvidenceOffsets(t *testing.T) {
	p := newTestPipeline(t)
	files, _ := filepath.Glob("../corpus/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Process(context.Background(), f, data)
		if err != nil {
			t.Fatalf("Process(%s) = %v", f, err)
		}
		if len(b.Relations) == 0 {
			t.Errorf("Process(%s): no relations", f)
		}
		for _, r := range b.Relations {
			for _, ev := range r.Evidence {
				if b.Document.Text[ev.Start:ev.End] != ev.Sentence {
					t.Errorf("%s: evidence [%d,%d) = %q, want %q", f, ev.Start, ev.End, b.Document.Text[ev.Start:ev.End], ev.Sentence)
				}
				if ev.Extractor == "" || ev.Confidence <= 0 || ev.Confidence > 1 {
					t.Errorf("%s: evidence %+v lacks extractor or confidence", f, ev)
				}
			}
		}
		if err := b.Prepare(); err != nil {
			t.Errorf("Prepare(%s) = %v", f, err)
		}
	}
}

func TestSeedDialogue(t *testing.T) {
	p := newTestPipeline(t)
	data, err := os.ReadFile("../corpus/000_a6d54f805eaf123d.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Process(context.Background(), "000_a6d54f805eaf123d.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var dialogue string
	byID := map[string]string{}
	for _, e := range b.Entities {
		byID[e.ID] = e.Name
		if e.Type == schema.Event && e.Kind == "DIALOGUE" && strings.Contains(e.Name, "Cyber Dialogue") {
			dialogue = e.ID
			if e.Date != "2024-03-18" {
				t.Errorf("dialogue date = %q, want 2024-03-18", e.Date)
			}
		}
	}
	if dialogue == "" {
		t.Fatal("no Cyber Dialogue event")
	}
	attended := map[string]bool{}
	heldIn := ""
	for _, r := range b.Relations {
		if r.Type == schema.Attended && r.Object == dialogue {
			attended[byID[r.Subject]] = true
		}
		if r.Type == schema.HeldIn && r.Subject == dialogue {
			heldIn = byID[r.Object]
		}
	}
	if heldIn != "Czernin Palace" {
		t.Errorf("dialogue HELD_IN %q, want Czernin Palace", heldIn)
	}
	for _, body := range []string{"Ministry of Justice", "Ministry of the Interior", "Czech Telecommunications Office", "Supreme State Prosecutor's Office", "Ministry of Industry and Trade", "Cyber and Information Warfare Command", "National Cyber and Information Security Agency"} {
		found := false
		for name := range attended {
			if strings.HasPrefix(name, body) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s did not ATTEND the dialogue; attended: %v", body, attended)
		}
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		text, doc string
		date, end string
	}{
		{"was held on Monday, 18 March 2024 at the", "", "2024-03-18", ""},
		{"in Washington on May 2, 2023.", "", "2023-05-02", ""},
		{"will travel to the Czech Republic on August 11-13, 2020, where", "", "2020-08-11", "2020-08-13"},
		{"by Secretary Pompeo and PM Babis in May 2020 further", "", "2020-05", ""},
		{"endorsed at the 2014 NATO Summit", "", "2014", ""},
		{"signed a new MoU on Monday to improve", "2016-04-18", "2016-04-18", ""},
		{"MAY 2, 2023", "", "2023-05-02", ""},
		{"the envoys initialled the text on Nov. 3, 2021 in Geneva", "", "2021-11-03", ""},
		{"talks opened on Sept 8 in Lusaka", "2021-09-10", "2021-09-08", ""},
		{"the accord signed on February 14th, 2019", "", "2019-02-14", ""},
		{"on the 5th of March 2020 the council", "", "2020-03-05", ""},
		{"met with the Minister on 15th, October 2020.", "", "2020-10-15", ""},
		{"Today, the two ministers spoke.", "2021-06-01", "2021-06-01", ""},
		{"ON THE OCCASION OF THE STATE VISIT FROM 8TH TO 10TH MAY 2018", "", "2018-05-08", "2018-05-10"},
		{"Mar 2020 without its period is not a month", "", "2020", ""},
		{"the ministers met today in Lima", "2024-05-02", "2024-05-02", ""},
		{"is scheduled to visit Chile from May 31 to June 02, 2016.", "", "2016-05-31", "2016-06-02"},
		{"from 30 November – 2 December 2025 in Lima", "", "2025-11-30", "2025-12-02"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ds := findDates(tt.text, tt.doc)
			if len(ds) == 0 {
				t.Fatalf("findDates(%q) = none, want %s", tt.text, tt.date)
			}
			if ds[0].Date != tt.date || ds[0].End_ != tt.end {
				t.Errorf("findDates(%q) = %s..%s, want %s..%s", tt.text, ds[0].Date, ds[0].End_, tt.date, tt.end)
			}
		})
	}
	if ds := findDates("on Monday we met", ""); len(ds) != 0 {
		t.Errorf("findDates without a document date = %v, want none", ds)
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"The U.S. Secretary met him. Then they left.", 2},
		{"Secretary of State Antony J. Blinken spoke.", 1},
		{"It was long and wrapped over a line that does not end with a mark so\n\nit goes on here.", 1},
		{"I. INTRODUCTION\n\nWith the United States set to begin.", 2},
		{"democracy.1 The warm relationship began.", 2},
		{"Phone call between Foreign Minister Ana Lopez and Foreign Minister Karl Soto of Chile\n2019-02-21\n\nToday the two spoke.", 3},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a := annotate(tt.text)
			if len(a.Sents) != tt.want {
				var got []string
				for i := range a.Sents {
					got = append(got, a.sentText(i))
				}
				t.Errorf("annotate(%q) = %d sentences %q, want %d", tt.text, len(a.Sents), got, tt.want)
			}
		})
	}
}

// TestRecognize checks single recognizers on short general texts about
// other states, so they are not tuned to the corpus.
func TestRecognize(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		text string
		want []string // "Type:Name" that must be found (name or alias)
	}{
		{"Foreign Minister Annalena Baerbock met Prime Minister Kishida in Tokyo.", []string{"Person:Annalena Baerbock", "Person:Kishida", "Location:Tokyo"}},
		{"Representatives of the Ministry of Defence of Poland and the Polish Border Guard attended.", []string{"Organization:Ministry of Defence of Poland", "Organization:Polish Border Guard", "Country:Poland"}},
		{"The Federal Office for Information Security (BSI) warned. BSI said more.", []string{"Organization:BSI"}},
		{"Both states are members of the OSCE and the Council of Europe.", []string{"Organization:OSCE", "Organization:Council of Europe"}},
		{"The 2023 NATO Summit in Vilnius, Lithuania, ended.", []string{"Event:2023 NATO Summit", "Location:Vilnius", "Country:Lithuania"}},
		{"The Estonian invasion of Latvia was fiction.", []string{"Event:Estonian invasion of Latvia"}},
		{"Tallinn hosted the Estonia - Finland Cyber Dialogue on 3 May 2022.", []string{"Event:Estonia - Finland Cyber Dialogue"}},
		{"Minister Alma Ruiz held a Chile-Peru Foreign Ministers' video call with her counterpart.", []string{"Event:Chile-Peru Foreign Ministers' video call"}},
		{"The envoy met Ri Son-gwon, Director of the Foreign Affairs Department, in Caracas.", []string{"Person:Ri Son-gwon"}},
		{"A briefing is planned in Tarapoto on 22 May; the envoy will travel to Iquitos and Yurimaguas.", []string{"Location:Tarapoto", "Location:Iquitos", "Location:Yurimaguas"}},
		{"The third session of the Peru-Chile Commission on Co-operation opened in Lima.", []string{"Organization:Peru-Chile Commission on Co-operation"}},
		{"State Councillor Li Wen met the delegation.", []string{"Person:Li Wen"}},
		{"They signed the Agreement Between the Ministry of Energy of Peru and the Ministry of Mines of Chile on Grid Links.", []string{"Agreement:Agreement Between the Ministry of Energy of Peru and the Ministry of Mines of Chile on Grid Links"}},
		{"A Trade & Industry Office spokesperson spoke in Lima.", []string{"Organization:Trade & Industry Office"}},
		{"Foreign Minister Alma Ruiz spoke with her counterpart, Foreign Minister Chad Ortiz.", []string{"Person:Chad Ortiz"}},
		{"Special Envoy for Water and Climate Policy Marta Okonjo will travel to Peru.", []string{"Person:Marta Okonjo"}},
		{"Under Secretary for Political Affairs Victoria Lind met the envoy.", []string{"Person:Victoria Lind"}},
		{"The Special Envoy for Central Asia, Ambassador Karl Hof, spoke.", []string{"Person:Karl Hof"}},
		{"The grant went to the Lima Institute and Cusco University in 2024.", []string{"Organization:Lima Institute", "Organization:Cusco University"}},
		{"Ambassador Saeed Rashid Al Kuwaiti spoke in Abu Dhabi.", []string{"Person:Saeed Rashid Al Kuwaiti"}},
		{"Lima, 3 March 2025 – The Ministry of Trade of Peru signed the accord.", []string{"Organization:Ministry of Trade of Peru"}},
		{"Ana Prado is a fellow at the Andes Policy Institute and the Charter Foundation.", []string{"Organization:Andes Policy Institute", "Organization:Charter Foundation"}},
		{"The ministers met on the sidelines of the 61st session of the UN General Assembly.", []string{"Event:61st session of the UN General Assembly"}},
		{"Ana Lopez and Karl Soto signed the treaty in Lima.", []string{"Person:Ana Lopez", "Person:Karl Soto"}},
		{"Deputy Prime Minister Karl Hof MP met Foreign Minister Ana Lopez MP in Lima.", []string{"Person:Karl Hof", "Person:Ana Lopez"}},
		{"Officials of the Chilean and Peruvian Foreign Ministries met in Lima.", []string{"Organization:Chilean Foreign Ministry", "Organization:Peruvian Foreign Ministry"}},
		{"Bilateral topics led the agenda of Foreign Minister Karl Hof’s visit. During his visit to Peru, Foreign Minister Karl Hof met President Ana Lopez.", []string{"Event:Foreign Minister Karl Hof’s visit to Peru", "Event:visit to Peru"}},
		{"Minister Ana Lopez will also meet Emir Tamim bin Hamad of Qatar.", []string{"Person:Tamim bin Hamad"}},
		{"The first consultative meeting of the heads of state of Central Asia took place in March 2018.", []string{"Event:first consultative meeting of the heads of state of Central Asia"}},
		{"Foreign Minister Ana Lopez of Chile will pay an official visit to Peru next week.", []string{"Event:official visit to Peru"}},
		{"Chile and Peru will hold a political dialogue in Lima later this year.", []string{"Event:political dialogue in Lima"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "t.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				typ, name, _ := strings.Cut(w, ":")
				found := false
				for _, e := range b.Entities {
					if string(e.Type) != typ {
						continue
					}
					for _, n := range append([]string{e.Name}, e.Aliases...) {
						if schema.Normalize(n) == schema.Normalize(name) {
							found = true
						}
					}
				}
				if !found {
					var got []string
					for _, e := range b.Entities {
						got = append(got, string(e.Type)+":"+e.Name)
					}
					t.Errorf("Process(%q) lacks %s; got %v", tt.text, w, got)
				}
			}
		})
	}
}

func TestBadInputNeverPanics(t *testing.T) {
	p := newTestPipeline(t)
	inputs := []string{"(", ")", "( X )", "’s", "U.S.", "A.", "The", "Secretary", "Minister of", "of the", "\n\n\n", "“”", "2024", "Ministry of the (NÚKIB)", "invasion of", "Signing of the"}
	for _, in := range inputs {
		if _, err := p.Process(context.Background(), "x.txt", []byte(in)); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Errorf("Process(%q) = %v", in, err)
		}
	}
}

// TestRelate checks relation rules on short general texts about other
// states.
func TestRelate(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		text string
		want []string // "subject name|PREDICATE|object name"
	}{
		{"The Estonia - Latvia Cyber Dialogue was held on 3 May 2022 in Tallinn. It was attended by representatives of the Ministry of Defence and the Estonian Information System Authority.",
			[]string{"Estonia|ATTENDED|Estonia - Latvia Cyber Dialogue", "Estonia - Latvia Cyber Dialogue|HELD_IN|Tallinn", "Ministry of Defence|ATTENDED|Estonia - Latvia Cyber Dialogue", "Estonian Information System Authority|PART_OF|Estonia"}},
		{"A member of NATO and the European Union, Latvia joined NATO in 2004.",
			[]string{"Latvia|MEMBER_OF|North Atlantic Treaty Organization", "Latvia|MEMBER_OF|European Union"}},
		{"Representatives of the Departments of Defense, Homeland Security and Justice attended the U.S.-Japan Cyber Dialogue.",
			[]string{"Department of Defense|ATTENDED|U.S.-Japan Cyber Dialogue", "Department of Homeland Security|ATTENDED|U.S.-Japan Cyber Dialogue", "Department of Justice|ATTENDED|U.S.-Japan Cyber Dialogue"}},
		{"Secretary Pompeo will travel to Slovenia on August 12-13, 2020, where he will meet Prime Minister Janša.",
			[]string{"Pompeo|ATTENDED|Secretary Pompeo's visit to Slovenia", "Secretary Pompeo's visit to Slovenia|HELD_IN|Slovenia", "Pompeo|MET_WITH|Janša"}},
		{"The agreement was signed by Minister of Defence Hanno Pevkur, Director of the Estonian Defence Forces Cyber Command.",
			[]string{"Hanno Pevkur|HOLDS_POSITION|Estonian Defence Forces Cyber Command"}},
		{"President Luiz Inácio Lula da Silva held a summit with Prime Minister Narendra Modi of India at Itamaraty Palace in Brasilia on June 5, 2024.",
			[]string{"Luiz Inácio Lula da Silva|ATTENDED|summit with Prime Minister Narendra Modi of India", "Narendra Modi|ATTENDED|summit with Prime Minister Narendra Modi of India", "Luiz Inácio Lula da Silva|MET_WITH|Narendra Modi"}},
		{"Prime Minister Narendra Modi was on an official visit to Kenya from March 4 to 6, 2024.",
			[]string{"Narendra Modi|ATTENDED|official visit to Kenya", "official visit to Kenya|HELD_IN|Kenya"}},
		{"All three East African countries — Kenya, Uganda and Tanzania — are members of the East African Community. In 2019 the defence ministers of the three countries signed a Memorandum of Understanding on Defence Cooperation in Arusha.",
			[]string{"Kenya|MEMBER_OF|East African Community", "Tanzania|MEMBER_OF|East African Community", "Uganda|SIGNED|Memorandum of Understanding on Defence Cooperation", "signing of the Memorandum of Understanding on Defence Cooperation|HELD_IN|Arusha"}},
		{"Foreign Minister Alma Ruiz met her Peruvian counterpart, Javier Olaechea, in Lima on 3 May 2024.",
			[]string{"Javier Olaechea|HOLDS_POSITION|Peru", "Alma Ruiz|MET_WITH|Javier Olaechea"}},
		{"On 13 June 2022, the statement said Peru held three bilateral meetings with Chile, Bolivia and Ecuador.",
			[]string{"Peru|ATTENDED|bilateral meeting with Ecuador", "Ecuador|ATTENDED|bilateral meeting with Ecuador", "Chile|ATTENDED|bilateral meeting with Chile"}},
		{"The 12th Andean Ministers' Meeting was held in Quito on 25 July 2024. The meeting was attended by the foreign ministers of Bolivia, Colombia and Peru, and Ecuador participated as an observer.",
			[]string{"Bolivia|ATTENDED|Andean Ministers' Meeting", "Colombia|ATTENDED|Andean Ministers' Meeting", "Peru|ATTENDED|Andean Ministers' Meeting", "Ecuador|ATTENDED|Andean Ministers' Meeting"}},
		{"The accord was signed by Chilean Foreign Minister Alma Ruiz, Trade Minister Karl Soto, Peruvian Defence Minister Ana Prado and Interior Minister Luis Vera.",
			[]string{"Karl Soto|HOLDS_POSITION|Chile", "Ana Prado|HOLDS_POSITION|Peru", "Luis Vera|HOLDS_POSITION|Peru"}},
		{"Kenyan Cabinet Secretary for Foreign Affairs Ali Hassan met the envoy.",
			[]string{"Ali Hassan|HOLDS_POSITION|Kenya"}},
		{"Peruvian Foreign Minister Ana Prado met the envoy. Minister Prado will continue to Ecuador to meet with President Luis Vera.",
			[]string{"Ana Prado|HOLDS_POSITION|Peru", "Luis Vera|HOLDS_POSITION|Ecuador"}},
		{"The two Presidents witnessed the signing of an Agreement on Visa Waivers and a Memorandum of Understanding on Fisheries. The agreements were signed by Foreign Minister Alma Ruiz of Chile and Foreign Minister Javier Olaechea of Peru.",
			[]string{"Alma Ruiz|SIGNED|Agreement on Visa Waivers", "Javier Olaechea|SIGNED|Memorandum of Understanding on Fisheries"}},
		// a plural post over names, and instruments sharing a plural head
		// (rolenames.go, sharedheads.go)
		{"Ministers Ana Prado of Peru and Santiago Vera Soto of Chile signed the Trade and Fisheries Cooperation Agreements in Lima.",
			[]string{"Ana Prado|HOLDS_POSITION|Peru", "Santiago Vera Soto|HOLDS_POSITION|Chile", "Ana Prado|SIGNED|Trade Cooperation Agreement", "Santiago Vera Soto|SIGNED|Fisheries Cooperation Agreement"}},
		// a headline naming the happening by its two states (frames.go)
		{"Peru-Chile Foreign Ministers' Telephone Talk\n\nOn 3 May 2024, Foreign Minister Ana Prado of Peru held a telephone talk with Foreign Minister Karl Soto of Chile.",
			[]string{"Peru|ATTENDED|Peru-Chile Foreign Ministers' Telephone Talk", "Chile|ATTENDED|Peru-Chile Foreign Ministers' Telephone Talk", "Ana Prado|ATTENDED|Peru-Chile Foreign Ministers' Telephone Talk"}},
		// a happening's number is part of its name; a headline's "13th
		// High-Level Meeting" is the body's "Peru–Chile High-Level Meeting"
		{"Peru and Chile hold 13th High-Level Meeting in Lima\n\nThe Peru–Chile High-Level Meeting was held in Lima on 5 February 2025. The next High-Level Meeting will be held in Chile in 2027. Earlier, the 8th political consultation between Peru and Chile took place in Santiago on 3 January 2025.",
			[]string{"13th High-Level Meeting|HELD_IN|Lima", "Chile|ATTENDED|next High-Level Meeting", "8th political consultation between Peru and Chile|HELD_IN|Santiago"}},
		// a subject pronoun stands for the latest person who was a
		// sentence's subject, not for one met (pronouns.go)
		{"Prado in Lima\n\nForeign Minister Ana Prado held talks with Foreign Minister Karl Soto in Lima on 3 May 2024. She also met with President Dina Boluarte. Later, she called on Prime Minister Luis Vera.",
			[]string{"Ana Prado|MET_WITH|Dina Boluarte", "Ana Prado|MET_WITH|Luis Vera", "Ana Prado|ATTENDED|call on Prime Minister Luis Vera"}},
		// "the two sides", "both ministers" as a subject stand for the pair
		// named together last (pronouns.go)
		{"Okafor in Nairobi\n\nNigerian Foreign Minister Daniel Okafor and Kenyan Foreign Minister Ali Hassan co-chaired the 5th Session of the Kenya-Nigeria Joint Commission in Nairobi on 4 March 2025. The two sides signed a Memorandum of Understanding on Trade Promotion. Both ministers stressed the need for peace.",
			[]string{"Kenya|SIGNED|Memorandum of Understanding on Trade Promotion", "Nigeria|SIGNED|Memorandum of Understanding on Trade Promotion"}},
		// a visit is also named by its frame, both orders, city and state
		{"President Karl Soto is scheduled to arrive in Lima on Friday for a four-day State visit.",
			[]string{"Karl Soto|ATTENDED|visit of President Karl Soto to Lima", "Karl Soto|ATTENDED|Karl Soto's visit to Lima"}},
		// "as part of his visit" sets the sentence in the visit; an "of"
		// inside a post is no cue of its holder's (event/find.go)
		{"Ministers met\n27 June 2024\n\nAs part of his official visit to Peru, Chile’s Minister of Foreign Affairs Ana Prado met Thursday with the country’s Minister of Foreign Affairs Karl Soto.",
			[]string{"Ana Prado|ATTENDED|official visit of Ana Prado to Peru", "Karl Soto|ATTENDED|Ana Prado's visit to Peru"}},
		// a named instrument's head goes on in lower case (sharedheads.go)
		{"Peruvian Foreign Minister Ana Prado and Chilean Foreign Minister Karl Soto, on 18 May 2023, signed a Memorandum of Understanding on the establishment of a consultation and cooperation council. The MoU was signed at the 11th Pacific Forum in Lima.",
			[]string{"Ana Prado|SIGNED|Memorandum of Understanding on the establishment of a consultation and cooperation council", "Chile|SIGNED|Memorandum of Understanding on the establishment of a consultation and cooperation council"}},
		// a joint body's meeting; a body's name "held in" a place is its
		// session; a plural post over a surname and a full name
		{"Peru's Minister of Foreign Affairs Ana Prado said the visit matters. The visit will be preceded by a Joint Trade Commission (JTC) meeting led by both countries’ Foreign Ministers, Prado and Karl Soto of Chile. Building on the May 2019 Joint Trade Commission, held in Lima, Peru, the talks will focus on ports.",
			[]string{"Karl Soto|HOLDS_POSITION|Chile", "Karl Soto|ATTENDED|Joint Trade Commission (JTC) meeting", "May 2019 Joint Trade Commission|HELD_IN|Lima"}},
		// the members listed after a body's name (relate.go, memberList)
		{"He spoke to his peers from the member-countries of the East African Community (EAC): Kenya, Uganda, and Tanzania, at the summit.",
			[]string{"Kenya|MEMBER_OF|East African Community", "Tanzania|MEMBER_OF|East African Community"}},
		// a meeting of two people is also named as its frame makes it
		{"In the afternoon, President Ana Prado held a bilateral meeting with President Karl Soto in Lima.",
			[]string{"Karl Soto|ATTENDED|bilateral meeting of Ana Prado with Karl Soto", "Ana Prado|ATTENDED|meeting between Ana Prado and Karl Soto"}},
		// a bare post in a sentence set in a state is that state's
		{"Secretary-General Anna Weber will make official visits to Japan and Vietnam. While in Japan, Ms Weber will meet with Prime Minister Taro Sato.",
			[]string{"Taro Sato|HOLDS_POSITION|Japan"}},
		// "H. E" written with a space; a set-off name may go on with "to …"
		{"Accra, June 15, GNA - Mr Kofi Mensah, Deputy Minister for Foreign Affairs, has signed a memorandum of understanding (MOU) with the Minister for Foreign Affairs of Finland, H. E Mr Pekka Virtanen to establish political consultations.",
			[]string{"Pekka Virtanen|HOLDS_POSITION|Finland"}},
		// a meeting the deals were signed at produced them, and their
		// signers took part (instruments.go, signedAtMeeting)
		{"Peru and Chile inked five deals at the third meeting of the Joint Trade Committee in Lima on 4 May 2024. The Agreement on Fisheries was signed by Trade Minister Ana Prado and Trade Minister Karl Soto.",
			[]string{"third meeting of the Joint Trade Committee|PRODUCED|Agreement on Fisheries", "Karl Soto|ATTENDED|third meeting of the Joint Trade Committee"}},
		// "here" is the dateline's place (here.go)
		{"Peru, Chile sign trade deal\nLima, May 4\n\nPeru and Chile signed one agreement during the fifth Peru-Chile Joint Commission meeting that concluded here today.",
			[]string{"fifth Peru-Chile Joint Commission meeting|HELD_IN|Lima"}},
		// a body's name ends at its state before "and", and at its head
		// before a post and its holder (recognize.go, org)
		{"Ministers witnessed the signing of a memorandum of understanding between the Department of Fisheries of Peru and Marine Authority of Chile. The Fisheries Authority CEO Ana Prado attended.",
			[]string{"Department of Fisheries of Peru|PART_OF|Peru", "Marine Authority of Chile|PART_OF|Chile", "Ana Prado|HOLDS_POSITION|Fisheries Authority"}},
		// "the first round of political consultations between A and B":
		// the round is the happening, both bodies its sides, its name
		// whole (event/find.go)
		{"Consultations\n\nThe first round of political consultations between the Ministry of Foreign Affairs of Peru and the Ministry of Foreign Affairs and Trade of Chile took place in Lima.",
			[]string{"Ministry of Foreign Affairs and Trade of Chile|ATTENDED|first round of political consultations between the Ministry of Foreign Affairs of Peru and the Ministry of Foreign Affairs and Trade of Chile", "first round of political consultations between the Ministry of Foreign Affairs of Peru and the Ministry of Foreign Affairs and Trade of Chile|HELD_IN|Lima"}},
		// a name after a ministry's last field is its official's; a post
		// "at" a body before its holder (recognize.go, recognize_person.go)
		{"The Chilean side was headed by State Secretary at the Ministry of Foreign Affairs and Trade Karla Villanueva.",
			[]string{"Karla Villanueva|HOLDS_POSITION|Ministry of Foreign Affairs and Trade"}},
		// people named after a common noun for their role (rolenames.go)
		{"Foreign Minister Daniel Okafor met his counterparts from Ghana and Togo, Kwame Boateng and Ama Lawson, in Accra.",
			[]string{"Kwame Boateng|HOLDS_POSITION|Ghana", "Ama Lawson|HOLDS_POSITION|Togo", "Daniel Okafor|MET_WITH|Ama Lawson"}},
		{"President Samuel Eze will meet with his peers Carlos Mendes of Portugal and Pedro Ruiz of Spain.",
			[]string{"Carlos Mendes|HOLDS_POSITION|Portugal", "Pedro Ruiz|HOLDS_POSITION|Spain", "Samuel Eze|MET_WITH|Pedro Ruiz"}},
		{"Minister Daniel Okafor later received the Bolivian senators Rosa Quispe and Hugo Mamani.",
			[]string{"Rosa Quispe|HOLDS_POSITION|Bolivia", "Hugo Mamani|HOLDS_POSITION|Bolivia"}},
		{"In the evening, the Minister joined the President of the Republic, Samuel Eze, in meetings with the Presidents of Senegal, Macky Diallo; and Mali, Ibrahim Keita.",
			[]string{"Macky Diallo|HOLDS_POSITION|Senegal", "Ibrahim Keita|HOLDS_POSITION|Mali"}},
		{"Minister Daniel Okafor met with the Deputy Director for Africa of the International Monetary Fund, Helen Carter, in Accra.",
			[]string{"Helen Carter|HOLDS_POSITION|International Monetary Fund", "Daniel Okafor|MET_WITH|Helen Carter"}},
		{"Minister Alma Ruiz spoke by telephone with her counterpart from Peru, H.E. Javier Olaechea.",
			[]string{"Javier Olaechea|HOLDS_POSITION|Peru"}},
		{"Minister Alma Ruiz will travel to Peru and Chile. In Peru, she will meet President Dina Boluarte and Prime Minister Gustavo Adrianzén.",
			[]string{"Dina Boluarte|HOLDS_POSITION|Peru", "Gustavo Adrianzén|HOLDS_POSITION|Peru"}},
		{"The talks were held in Lima. Peru's Minister of Foreign Affairs, Javier Olaechea, opened them.",
			[]string{"Javier Olaechea|HOLDS_POSITION|Peru"}},
		{"Foreign Minister Alma Ruiz hosted U.S. Secretary of State Tom Reed to review the Chile-US partnership, including trade with Peru, Peru's exports and Peru's ports.",
			[]string{"Alma Ruiz|HOLDS_POSITION|Chile"}},
		{"The delegation was received by Chairman of the Andean Water Authority Rosa Quispe in Lima.",
			[]string{"Rosa Quispe|HOLDS_POSITION|Andean Water Authority"}},
		{"Amb. Lena Park, U.S Deputy Envoy for Arctic Affairs, arrived in Oslo.",
			[]string{"Lena Park|HOLDS_POSITION|United States"}},
		{"A study by the Andean University’s Department of Mining Law was published.",
			[]string{"Department of Mining Law|PART_OF|Andean University"}},
		{"Minister Alma Ruiz will travel to Peru and Bolivia on 3-5 May 2025.",
			[]string{"Alma Ruiz|ATTENDED|Minister Alma Ruiz's visit to Peru", "Alma Ruiz|ATTENDED|Minister Alma Ruiz's visit to Bolivia", "Minister Alma Ruiz's visit to Bolivia|HELD_IN|Bolivia"}},
		{"Kenya and Ethiopia participate in the Intergovernmental Authority on Development, which also includes Somalia and Djibouti.",
			[]string{"Kenya|MEMBER_OF|Intergovernmental Authority on Development", "Djibouti|MEMBER_OF|Intergovernmental Authority on Development"}},
		{"On the occasion of the summit, Brazil and India signed the Agreement on Defence Industry Cooperation.",
			[]string{"Brazil|SIGNED|Agreement on Defence Industry Cooperation"}},
		{"The leaders will meet at the BRICS Summit in Johannesburg, South Africa, which will take place on August 22-24, 2023.",
			[]string{"BRICS Summit in Johannesburg|HELD_IN|Johannesburg"}},
		{"India reaffirmed its commitment to Article 51 of the Charter of the United Nations.",
			[]string{}},
		{"On 3 May 2024, Health Kenya and the Ministry of Defence of India signed a Memorandum of Understanding on Medical Cooperation.",
			[]string{"Health Kenya|PART_OF|Kenya"}},
		{"The minister will address the Lok Sabha, India's parliament, and meet opposition leaders, including Rahul Gandhi.",
			[]string{"Lok Sabha|PART_OF|India"}},
		{"In 2022, Brazilian Minister for Defence Paulo Sérgio Nogueira and Indian Minister of Defence Rajnath Singh signed a Memorandum of Understanding on Defence Cooperation.",
			[]string{"Paulo Sérgio Nogueira|HOLDS_POSITION|Brazil", "Paulo Sérgio Nogueira|MET_WITH|Rajnath Singh", "Rajnath Singh|SIGNED|Memorandum of Understanding on Defence Cooperation"}},
		{"The ministers noted that India's Strategy for a Secure, Open and Resilient Cyberspace and Kenya's National Cybersecurity Strategy share goals.",
			[]string{"India|SIGNED|Strategy for a Secure, Open and Resilient Cyberspace", "Kenya|SIGNED|National Cybersecurity Strategy"}},
		{"Brazil and India will resume negotiations on a Brazil-India defence industry cooperation agreement.",
			[]string{"Brazil|ATTENDED|negotiations on a Brazil-India defence industry cooperation agreement"}},
		{"Representatives of the African Union Commission and the ASEAN Secretariat attended the meeting.",
			[]string{"ASEAN Secretariat|PART_OF|Association of Southeast Asian Nations"}},
		{"The MoU was signed by Prime Cabinet Secretary Musalia Mudavadi on behalf of Kenya and Minister of State Shakhboot bin Nahyan Al Nahyan on behalf of the UAE.",
			[]string{"Musalia Mudavadi|HOLDS_POSITION|Kenya", "Shakhboot bin Nahyan Al Nahyan|HOLDS_POSITION|United Arab Emirates"}},
		{"President Lula held a summit with Prime Minister Narendra Modi on 5 June 2024. The leaders agreed to cooperate for the success of the G20 Summit in Rio de Janeiro, which both leaders will attend in November, and of the BRICS Summit in Kazan, to which Indonesia has been invited.",
			[]string{"Narendra Modi|ATTENDED|G20 Summit in Rio de Janeiro", "Indonesia|ATTENDED|BRICS Summit in Kazan"}},
		{"He met U.S. servicemembers of the 82nd Airborne Division deployed there.",
			[]string{"82nd Airborne Division|PART_OF|United States"}},
		{"Minister for Foreign Affairs of Japan Yoko Kamikawa met Kenya's Foreign Minister Musalia Mudavadi. Brazil's President Luiz Inácio Lula da Silva spoke. Ambassador of Brazil to Kenya Carlos Sérgio Sobral Duarte attended. The talks were attended by Mr. Rahul Sharma, Joint Secretary of the Ministry of External Affairs of India.",
			[]string{"Musalia Mudavadi|HOLDS_POSITION|Kenya", "Luiz Inácio Lula da Silva|HOLDS_POSITION|Brazil", "Carlos Sérgio Sobral Duarte|HOLDS_POSITION|Brazil", "Rahul Sharma|HOLDS_POSITION|Ministry of External Affairs of India", "Yoko Kamikawa|MET_WITH|Musalia Mudavadi"}},
		{"The Cyber Committee, which reports to the National Security Council of Kenya, will review the plan.",
			[]string{"Cyber Committee|PART_OF|National Security Council of Kenya"}},
		// portfolios compounded, listed after a comma up to the post's
		// state, and a spaced-out form of address
		{"Luis Vera, Minister of Foreign Affairs and Development Cooperation of the Republic of Peru, spoke.",
			[]string{"Luis Vera|HOLDS_POSITION|Peru"}},
		{"The Minister of Foreign Affairs, Trade and Regional Integration of Peru, Luis Vera, met the envoy.",
			[]string{"Luis Vera|HOLDS_POSITION|Peru"}},
		{"The Ministers were accompanied by Karl Soto, Minister of Public Works of Chile, and H. E. Ana Ruiz, Minister of Health of Peru.",
			[]string{"Karl Soto|HOLDS_POSITION|Chile", "Ana Ruiz|HOLDS_POSITION|Peru"}},
		// a sitting of those who meet, the named gathering of theirs, the
		// states whose posts and envoys attended, and those represented
		{"The second standing meeting of Andes Forum Foreign Ministers was held in Quito on 4 May 2023. It was attended by the Prime Minister of Peru, the Deputy Prime Minister of Bolivia, and Ministers from Ecuador, Colombia and Venezuela. Argentina and Uruguay were represented by officials. Chile took part in the Forum Foreign Ministers Meeting for the first time.",
			[]string{"Peru|ATTENDED|second standing meeting of Andes Forum Foreign Ministers", "Colombia|ATTENDED|Forum Foreign Ministers Meeting", "Venezuela|ATTENDED|Forum Foreign Ministers Meeting", "Uruguay|ATTENDED|Forum Foreign Ministers Meeting"}},
		// a plural post in lower case, over pairs of a state and its
		// holder, or over states and then names
		{"The presidents of Peru, Ana María Lopez, and Chile, Karl Soto, met in Lima and agreed to cooperate.",
			[]string{"Ana María Lopez|HOLDS_POSITION|Peru", "Karl Soto|HOLDS_POSITION|Chile", "Ana María Lopez|MET_WITH|Karl Soto"}},
		{"The foreign ministers of Peru and Chile, Ana Lopez and Karl Soto, met in Lima.",
			[]string{"Ana Lopez|HOLDS_POSITION|Peru", "Karl Soto|HOLDS_POSITION|Chile"}},
		// ", where she held …": a happening of its own, of the subject
		// before, at the place named before
		{"Deputy Foreign Minister Ana Lopez of Peru paid a working visit to Santiago from 3 to 5 May 2023, where she held consultations with Deputy Foreign Minister Karl Soto.",
			[]string{"Ana Lopez|ATTENDED|working visit to Santiago", "Ana Lopez|MET_WITH|Karl Soto", "Ana Lopez|ATTENDED|consultations between Ana Lopez and Karl Soto"}},
		{"Minister Karl Soto will travel to Lima on 3 May 2023, where he will meet President Ana Lopez, Prime Minister Luis Vera and other officials.",
			[]string{"Karl Soto|MET_WITH|Ana Lopez", "Karl Soto|MET_WITH|Luis Vera"}},
		// a post named bare is the dateline city's state's, but not an
		// envoy's
		{"KUALA LUMPUR: Foreign Minister Ana Lopez will make an official visit to Peru next week. Ambassador Karl Soto will accompany her. The visit will strengthen ties between Malaysia and Peru.",
			[]string{"Ana Lopez|HOLDS_POSITION|Malaysia"}},
		// sides paired before a body's summit are in its name and attend
		{"Leaders will prepare for the ASEAN-CARICOM summit in Lima in July 2023.",
			[]string{"Association of Southeast Asian Nations|ATTENDED|ASEAN-CARICOM summit", "Caribbean Community|ATTENDED|ASEAN-CARICOM summit"}},
		// "His talks with B": the subject's own happening
		{"Foreign Minister Karl Hof visited Peru on 4 May 2023. His talks with President Ana Lopez showed broad consensus.",
			[]string{"Karl Hof|MET_WITH|Ana Lopez"}},
		// those who accompany someone attend what they attend
		{"Foreign Minister Luis Vera of Peru met with Foreign Minister Ana Lopez of Chile in Lima on 3 May 2022. The Ministers were accompanied in the meeting by Karl Soto, Minister of Public Works, and Ana Ruiz, Minister of Health of Chile.",
			[]string{"Karl Soto|ATTENDED|meeting between Luis Vera and Ana Lopez", "Ana Ruiz|ATTENDED|meeting between Luis Vera and Ana Lopez"}},
		{"Foreign Minister Luis Vera of Peru met with Foreign Minister Ana Lopez of Chile in Lima on 3 May 2022. He was accompanied by Karl Soto, Minister of Public Works.",
			[]string{"Karl Soto|ATTENDED|meeting between Luis Vera and Ana Lopez"}},
		// a numbered sitting of a body no layer knew, and of a gathering
		// named in lower case
		{"The third meeting of the Chile-Peru Joint Planning Group took place in Santiago on 4 May 2023.",
			[]string{"Chile|ATTENDED|third meeting of the Chile-Peru Joint Planning Group", "third meeting of the Chile-Peru Joint Planning Group|HELD_IN|Santiago"}},
		{"Both sides agreed to hold the sixth round of the strategic dialogue in Lima.",
			[]string{"sixth round of the strategic dialogue|HELD_IN|Lima"}},
		// one sitting named twice, by word and by figure
		{"The fifth session of the Rivia-Zenda Joint Fisheries Committee opened in Lima. The 5th session of the Fisheries Committee was chaired by Ana Prado.",
			[]string{"Ana Prado|ATTENDED|fifth session of the Rivia-Zenda Joint Fisheries Committee", "5th session of the Fisheries Committee|HELD_IN|Lima"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "r.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			names := map[string][]string{}
			for _, e := range b.Entities {
				names[e.ID] = append([]string{e.Name}, e.Aliases...)
			}
			has := func(id, name string) bool {
				for _, n := range names[id] {
					if schema.Normalize(n) == schema.Normalize(name) {
						return true
					}
				}
				return false
			}
			for _, w := range tt.want {
				f := strings.Split(w, "|")
				found := false
				for _, r := range b.Relations {
					if string(r.Type) == f[1] && (has(r.Subject, f[0]) && has(r.Object, f[2]) || r.Type.Symmetric() && has(r.Subject, f[2]) && has(r.Object, f[0])) {
						found = true
					}
				}
				if !found {
					var got []string
					for _, r := range b.Relations {
						got = append(got, names[r.Subject][0]+"|"+string(r.Type)+"|"+names[r.Object][0])
					}
					t.Errorf("Process(%q) lacks %s; got %v", tt.text, w, got)
				}
			}
		})
	}
}

func TestUserGazetteer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.tsv")
	if err := os.WriteFile(path, []byte("# mine\nRuritanian Cyber Bureau\tOrganization\tRCB|Cyber Bureau\tGOVERNMENT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(WithGazetteer(path))
	if err != nil {
		t.Fatalf("New(WithGazetteer) = %v", err)
	}
	b, err := p.Process(context.Background(), "g.txt", []byte("The RCB warned of new attacks."))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range b.Entities {
		if e.Name == "Ruritanian Cyber Bureau" && e.Kind == "GOVERNMENT" {
			found = true
		}
	}
	if !found {
		t.Errorf("Process with a user gazetteer: %v lacks Ruritanian Cyber Bureau", b.Entities)
	}
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	if err := os.WriteFile(bad, []byte("X\tPlanet\t\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(WithGazetteer(bad)); err == nil || !strings.Contains(err.Error(), "bad.tsv") {
		t.Errorf("New with an unknown type = %v, want an error naming the file", err)
	}
}

// TestRelateNot checks that general rules stop where they should: each
// text yields the relations in want and none of those in not ("Type:name"
// entries name entities that must not be found).
func TestRelateNot(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"The President met the Prime Minister at the Presidential Office in Nairobi, Kenya, on 2 May 2024 and later spoke with Belarusian democratic forces.",
			[]string{"Presidential Office|LOCATED_IN|Nairobi", "Nairobi|LOCATED_IN|Kenya"},
			[]string{"Country:Belarus", "Organization:Presidential Office"}},
		{"KUALA LUMPUR: Foreign Minister Ana Lopez will make an official visit to Peru next week. Ambassador Karl Soto will accompany her. The visit will strengthen ties between Malaysia and Peru.",
			[]string{"Ana Lopez|HOLDS_POSITION|Malaysia"},
			[]string{"Karl Soto|HOLDS_POSITION|Malaysia", "Ana Lopez|HOLDS_POSITION|Peru"}},
		{"The South American and West African directors met in Lima.",
			nil,
			[]string{"Country:United States"}},
		{"Minister Karl Soto will travel to Lima on 3 May 2023, where he will meet President Ana Lopez and Prime Minister Luis Vera.",
			[]string{"Karl Soto|MET_WITH|Ana Lopez"},
			[]string{"Ana Lopez|MET_WITH|Luis Vera"}},
		{"Foreign Minister Luis Vera of Peru met with Foreign Minister Ana Lopez of Chile in Lima on 3 May 2022. The Ministers were accompanied in the meeting by Karl Soto, Minister of Public Works, and Ana Ruiz, Minister of Health of Chile.",
			[]string{"Karl Soto|ATTENDED|meeting between Luis Vera and Ana Lopez"},
			[]string{"Karl Soto|MET_WITH|Ana Ruiz", "Event:meeting between Karl Soto and Ana Ruiz"}},
		{"The two ministers also signed a memorandum of understanding on fisheries between Chile and Peru.",
			[]string{"Chile|SIGNED|memorandum of understanding on fisheries between Chile and Peru"},
			[]string{"Event:signing of the memorandum of understanding on fisheries between Chile and Peru"}},
		{"Foreign Minister Alma Ruiz met her Peruvian counterpart, Javier Olaechea, in Lima on 3 May 2024.",
			nil,
			[]string{"Alma Ruiz|HOLDS_POSITION|Peru"}},
		{"Foreign Minister Kofi Mensah held talks with his Peruvian counterpart in Lima on 3 May 2024. The next round of political consultations will be held in Accra in 2026.",
			[]string{"next round of political consultations|HELD_IN|Accra"},
			[]string{"talks with his Peruvian counterpart|HELD_IN|Accra"}},
		{"Minister Ana Prado will travel to Kenya and Ethiopia from 4 to 7 June 2025. In Nairobi, Minister Prado will meet Foreign Minister Ali Hassan. In Addis Ababa, she will hold talks with Foreign Minister Abebe Tadesse.",
			[]string{"Abebe Tadesse|ATTENDED|Ana Prado's visit to Ethiopia", "Ana Prado's visit to Ethiopia|HELD_IN|Addis Ababa", "Ali Hassan|ATTENDED|Ana Prado's visit to Kenya"},
			[]string{"Ana Prado's visit to Kenya|HELD_IN|Addis Ababa", "Abebe Tadesse|ATTENDED|Ana Prado's visit to Kenya"}},
		{"The accord was signed by Chilean Foreign Minister Alma Ruiz, Trade Minister Karl Soto, Peruvian Defence Minister Ana Prado and Interior Minister Luis Vera.",
			nil,
			[]string{"Karl Soto|HOLDS_POSITION|Peru"}},
		// an envoy's posting ("to Peru") is part of the post, never its
		// owner; the holder may follow set off by commas
		{"Chilean Ambassador to Peru Rosa Vidal and Peruvian High Commissioner to Ghana Luis Vera attended. The Ambassador of Ghana to Chile, H.E. Mr. Kwame Asante, spoke. Peru's Ambassador to the United Nations, Ana Prado, also spoke.",
			[]string{"Rosa Vidal|HOLDS_POSITION|Chile", "Luis Vera|HOLDS_POSITION|Peru", "Kwame Asante|HOLDS_POSITION|Ghana", "Ana Prado|HOLDS_POSITION|Peru"},
			[]string{"Rosa Vidal|HOLDS_POSITION|Peru", "Luis Vera|HOLDS_POSITION|Ghana", "Kwame Asante|HOLDS_POSITION|Chile"}},
		// "of the U.S. to Sri Lanka": the article before the sending
		// state; "of the Estonian Information System Authority" and "of
		// the Finland Foreign Ministry" name bodies, not people
		{"Lu was accompanied by the Ambassador of the U.S. to Sri Lanka Julie Chung. Kai Sauer, Under-Secretary of the Finland Foreign Ministry, and Margus Tamm, Director General of the Estonian Information System Authority, attended.",
			[]string{"Julie Chung|HOLDS_POSITION|United States"},
			[]string{"Person:Foreign", "Person:Information System", "Julie Chung|HOLDS_POSITION|Sri Lanka"}},
		// "Shaikh" and "HRH" are forms of address, no part of a name
		{"The talks were attended by Shaikh Ahmed Karim, Minister of State of Qatar, and HRH Prince Faisal Saud.",
			[]string{"Ahmed Karim|HOLDS_POSITION|Qatar"},
			[]string{"Person:Shaikh Ahmed Karim", "Person:HRH Prince Faisal Saud"}},
		// a plural post over pairs of a portfolio and its holder
		{"The delegation accompanying President Luis Vera of Panama includes the Ministers of Fisheries Ana Soto, Trade and Industry Karl Hof, and Rural Development Rosa Vidal.",
			[]string{"Ana Soto|HOLDS_POSITION|Panama", "Karl Hof|HOLDS_POSITION|Panama", "Rosa Vidal|HOLDS_POSITION|Panama"},
			[]string{"Person:Trade and Industry Karl Hof", "Person:Fisheries Ana Soto"}},
		// "participates extensively in peacekeeping": an adverb does not
		// make a verb objectless, so it refers to no happening named before
		{"Minister Ana Prado will visit Peru on 5 June 2025. Chile participates extensively in peacekeeping operations conducted by the United Nations and the African Union.",
			[]string{"Ana Prado|ATTENDED|Ana Prado's visit to Peru"},
			[]string{"African Union|ATTENDED|Ana Prado's visit to Peru", "United Nations|ATTENDED|Ana Prado's visit to Peru"}},
		// two posts of one state before a name set off by a comma (the
		// verb right after it); "President of the Republic A"
		{"Deputy Prime Minister and Minister of Foreign Affairs of Chile, Ana Prado had a phone conversation on Wednesday with Minister for Foreign Affairs of Norway, Kari Nordmann. She will meet President of the Republic Sauli Niinistö.",
			[]string{"Ana Prado|HOLDS_POSITION|Chile", "Ana Prado|MET_WITH|Kari Nordmann", "Ana Prado|MET_WITH|Sauli Niinistö"},
			nil},
		// "HE" is "H.E." without its dots; an envoy serves "in" a state
		// as well as "to" it
		{"Foreign Minister Ana Prado held talks with his Peruvian counterpart, HE Luis Vera Soto, on Tuesday. The delegation includes the Ambassador of Panama in Costa Rica, Rosa Escalona.",
			[]string{"Luis Vera Soto|HOLDS_POSITION|Peru", "Rosa Escalona|HOLDS_POSITION|Panama"},
			[]string{"Person:HE Luis Vera Soto", "Rosa Escalona|HOLDS_POSITION|Costa Rica"}},
		// a visit to a city within the dates of the traveller's visit to
		// the state is a leg of it: whom he meets there took part in the
		// trip; "Ambassador to Peru" names a posting, not a stop
		{"State Secretary Karl Hof of Norway is scheduled to visit Peru from May 31 to June 02, 2016. State Secretary Hof, who had served as Ambassador to Chile from 2007 to 2010, will visit Cusco on June 01 where he will meet Governor Ana Prado.",
			[]string{"Ana Prado|ATTENDED|Karl Hof's visit to Peru", "Ana Prado|ATTENDED|Secretary Hof's visit to Cusco"},
			[]string{"Karl Hof|ATTENDED|Karl Hof's visit to Chile", "Event:Karl Hof's visit to Chile"}},
		// "have an audience with A, and pay a courtesy call on B and C":
		// the second predicate's guests are not the audience's
		{"Prime Minister Luis Vera is also scheduled to have an audience with King Karim Aziz, and pay a courtesy call on Senate President Ana Prado and Speaker Rosa Quispe.",
			[]string{"Karim Aziz|ATTENDED|audience", "Rosa Quispe|ATTENDED|courtesy call on Senate President Ana Prado", "Luis Vera|MET_WITH|Rosa Quispe"},
			[]string{"Ana Prado|ATTENDED|audience", "Rosa Quispe|ATTENDED|audience"}},
		// "Ibero-American", "Latin American": a region's adjective, not
		// the United States'
		{"They highlighted the Ibero-American Summit to be held in the Dominican Republic and the Latin American integration process.",
			[]string{"Ibero-American Summit|HELD_IN|Dominican Republic"},
			[]string{"Country:United States"}},
		// a phrase of time is no part of a happening's name
		{"The ministers agreed to organize a bilateral summit between Presidents Ana Prado and Luis Vera in April.",
			[]string{"Ana Prado|ATTENDED|bilateral summit between Presidents Ana Prado and Luis Vera"},
			[]string{"Event:bilateral summit between Presidents Ana Prado and Luis Vera in April"}},
		// a body's name ends before its post's holder, whatever its
		// last word; a leader is a post
		{"He will meet the Secretary General of the Secretariat for Reconciliation Mechanisms Mano Tittawella. Opposition Leader Ana Soto of Chile also attended.",
			[]string{"Mano Tittawella|HOLDS_POSITION|Secretariat for Reconciliation Mechanisms", "Ana Soto|HOLDS_POSITION|Chile"},
			[]string{"Organization:Secretariat for Reconciliation Mechanisms Mano Tittawella"}},
		// a dash after a dateline in capitals ends it; "the Peruvian
		// Ministries of Defence and Finance" are each the Peruvian one
		{"LIMA– Representatives of the European Commission and of the Peruvian Ministries of Defence and Finance met in Lima.",
			[]string{"Peruvian Ministry of Defence|PART_OF|Peru", "Peruvian Ministry of Finance|PART_OF|Peru"},
			[]string{"Organization:LIMA– Representatives of the European Commission", "Organization:Representatives of the European Commission"}},
		// the happening the first sentence reports taking place is the
		// document's: its heads of delegation attend it, not a summit
		// the text mentions later
		{"Santiago, October 15, AGENCY\nThe first round of political consultations between the Ministry of Foreign Affairs of Chile and the Ministry of Foreign Affairs of Peru took place in Lima, the Peruvian capital.\nThe Chilean delegation was led by Deputy Foreign Minister Ana Prado, while the Peruvian side was headed by State Secretary Luis Vera.\nThey also stressed the significance of the 12th Summit of the Andean Community in Quito on October 7.",
			[]string{"Ana Prado|ATTENDED|first round of political consultations between the Ministry of Foreign Affairs of Chile and the Ministry of Foreign Affairs of Peru", "Luis Vera|ATTENDED|first round of political consultations between the Ministry of Foreign Affairs of Chile and the Ministry of Foreign Affairs of Peru"},
			[]string{"Ana Prado|ATTENDED|12th Summit of the Andean Community in Quito", "Luis Vera|ATTENDED|12th Summit of the Andean Community in Quito"}},
		// "called on A and met B": two meetings, each with its own
		// guest; the object of the first verb is no subject of the second
		{"Ambassador Donald Lu also called on President Ana Prado and met Secretary of Defence, General Luis Vera (Retd).",
			[]string{"Donald Lu|MET_WITH|Ana Prado", "Donald Lu|MET_WITH|Luis Vera", "Luis Vera|ATTENDED|meeting with Secretary of Defence, General Luis Vera"},
			[]string{"Ana Prado|MET_WITH|Luis Vera", "Luis Vera|ATTENDED|call on President Ana Prado", "Ana Prado|ATTENDED|meeting with Secretary of Defence, General Luis Vera"}},
		// a gathering in lower case named by its two sides is the
		// document's, and its chairs attend it, not a later meeting's;
		// the headline's short name is the same happening
		{"Chile and Peru have held the first political consultations\n\nOn 3 May 2024, the first political consultations between Chile and Peru were held in Lima. The consultations were chaired by Ana Prado, Director General of the Ministry of Foreign Affairs of Chile, and Luis Vera, Director General of the Ministry of Foreign Affairs of Peru. Prior to the consultations, Ana Prado also met with foreign ambassadors in Lima.",
			[]string{"Ana Prado|ATTENDED|first political consultations between Chile and Peru", "Luis Vera|ATTENDED|first political consultations between Chile and Peru", "first political consultations between Chile and Peru|HELD_IN|Lima"},
			[]string{"Luis Vera|ATTENDED|meeting with foreign ambassadors in Lima"}},
		// "a summit in Arusha" is the "Arusha Summit" named before; a
		// list set off by dashes names the members of the plural before it
		{"The Arusha Summit was a success. The leaders of the three – Kenya, Uganda and Tanzania – met at a summit in Arusha on 3 May 2024.",
			[]string{"Kenya|ATTENDED|Arusha Summit", "Uganda|ATTENDED|Arusha Summit", "Tanzania|ATTENDED|summit in Arusha", "Arusha Summit|HELD_IN|Arusha"},
			nil},
		// a region's noun closes a place's name; a town set off before
		// its district lies in the state the district lies in
		{"The ministers will travel to Nakuru, Rift Valley Province in the Republic of Kenya, on 3 May 2025.",
			[]string{"Nakuru|LOCATED_IN|Rift Valley Province", "Rift Valley Province|LOCATED_IN|Kenya", "Nakuru|LOCATED_IN|Kenya"},
			nil},
		// "His Excellency" is no part of a name, and each post set off
		// after a name is that name's
		{"At the invitation of His Excellency Kwame Asante, President of the Republic of Ghana, His Excellency Luis Vera, President of the Republic of Peru, made a State Visit to Ghana from 8 to 10 May 2018.",
			[]string{"Kwame Asante|HOLDS_POSITION|Ghana", "Luis Vera|HOLDS_POSITION|Peru"},
			[]string{"Person:His Excellency Luis Vera", "Luis Vera|HOLDS_POSITION|Ghana"}},
		// a phrase of its own and a place individuate a happening whose
		// people are named only by their posts; "upcoming" is no part
		// of its name
		{"Chile and Peru discussed the upcoming consultative meeting of the heads of state of the Andes, which will be held in Quito.",
			[]string{"consultative meeting of the heads of state of the Andes|HELD_IN|Quito"},
			nil},
		// a day may follow a plural post's list of holders; two named
		// people who met at a named place make a meeting of their own
		{"Foreign Ministers Ana Prado of Chile and Luis Vera of Peru met Friday in Lima.",
			[]string{"Ana Prado|HOLDS_POSITION|Chile", "Luis Vera|HOLDS_POSITION|Peru", "Ana Prado|ATTENDED|meeting between Ana Prado and Luis Vera", "meeting between Ana Prado and Luis Vera|HELD_IN|Lima"},
			[]string{"Luis Vera|HOLDS_POSITION|Chile"}},
		// "Minister Responsible for …" is a post; a remit ending in a
		// portfolio ("East African Affairs") holds no name
		{"Foreign Minister Ana Prado of Chile met Ali Hassan, Minister Responsible for East African Affairs, in Nairobi.",
			[]string{"Ana Prado|MET_WITH|Ali Hassan"},
			[]string{"Person:African Affairs", "Person:Responsible"}},
		// a body's name ends at its state, before its official's name;
		// the same body named with the state's official name is one
		{"State Secretary of the Ministry of Trade of the Republic of Chile Ana Prado met the delegation of the Ministry of Trade of Peru. The Ministry of Trade of Chile hosted the talks.",
			[]string{"Ana Prado|HOLDS_POSITION|Ministry of Trade of Chile", "Ana Prado|HOLDS_POSITION|Ministry of Trade of the Republic of Chile", "Ministry of Trade of Peru|PART_OF|Peru"},
			[]string{"Organization:Ministry of Trade of the Republic of Chile Ana Prado", "Ministry of Trade of Peru|PART_OF|Chile"}},
		{"Chile and Chile's neighbours met in Lima on 2 May 2024. Trade Minister Karl Soto and Chile's Health Minister Ana Prado signed an agreement on health. Chile hosted the talks.",
			[]string{"Ana Prado|HOLDS_POSITION|Chile"},
			[]string{"Karl Soto|HOLDS_POSITION|Chile"}},
		// a plural trip is one visit per stop; a pronoun on the trip is the
		// traveller; a source quoted is no participant (event/join.go)
		{"Secretary-General Anna Weber will make official visits to Japan and Vietnam next week, as well as stops in Laos. While in Japan, she will meet Prime Minister Taro Sato, her spokesperson Paul Klein told reporters. She will then fly to Vietnam to meet with President Tran Van Minh.",
			[]string{"Anna Weber|ATTENDED|Anna Weber's visit to Laos", "Anna Weber's visit to Japan|HELD_IN|Japan", "Taro Sato|ATTENDED|Anna Weber's visit to Japan", "Tran Van Minh|ATTENDED|Anna Weber's visit to Vietnam", "Anna Weber|MET_WITH|Tran Van Minh"},
			[]string{"Anna Weber|MET_WITH|Paul Klein", "Paul Klein|ATTENDED|Anna Weber's visit to Japan", "Event:official visits to Japan and Vietnam"}},
		// a generated city is a place only where the words around make it
		// one: many are also surnames (gazetteer.go, cities.tsv)
		{"Minister Ana Prado will travel to Bukavu and meet Governor Paulo Santos Hammond there.",
			[]string{"Ana Prado|ATTENDED|Minister Ana Prado's visit to Bukavu"},
			[]string{"Location:Santos", "Location:Hammond", "Bukavu|LOCATED_IN|Democratic Republic of the Congo"}},
		// a call between two people named is an event of its own, even
		// undated; the sentence's setting ("During a call, …") is its
		// happening, not the talks it speaks of (frames.go, event/find.go)
		{"Foreign Minister Kofi Mensah and his Peruvian counterpart Ana Prado had a telephone conversation. During the call, Mensah and Prado underlined the importance of resuming negotiations over the border. Later, Mensah received a phone call from Chilean Foreign Minister Karl Soto.",
			[]string{"Kofi Mensah|ATTENDED|telephone conversation between Kofi Mensah and Ana Prado", "Ana Prado|ATTENDED|telephone conversation between Kofi Mensah and Ana Prado", "Karl Soto|ATTENDED|phone call between Kofi Mensah and Karl Soto"},
			[]string{"Kofi Mensah|ATTENDED|negotiations over the border"}},
		// one event by its short names: without the body's acronym, without
		// its "of" complement (extract.go, mergeDoc)
		{"The Andean Community will hold an Extraordinary CAN Summit of Heads of State in Quito. The Extraordinary Summit of Heads of State will open on 3 May 2031. The Extraordinary Summit will adopt a declaration.",
			[]string{"Extraordinary CAN Summit of Heads of State|HELD_IN|Quito", "Extraordinary Summit|HELD_IN|Quito"},
			nil},
		// posts in compounds and chains: "… Affairs and Trade of Malta",
		// "Chair-in-Office"; an abbreviation before a surname is no given
		// name (recognize_person.go)
		{"The Chair-in-Office, Minister for Foreign and European Affairs and Trade of Malta Carmel Vella will visit Moldova on 12 April 2031. In Bender, CiO Vella will meet with the regional leader Ivan Petrov.",
			[]string{"Carmel Vella|HOLDS_POSITION|Malta", "Carmel Vella|MET_WITH|Ivan Petrov"},
			[]string{"Organization:-in-Office", "Person:CiO Vella", "Person:Malta Carmel Vella"}},
		{"Foreign Minister Ana Prado met Foreign Minister Karl Soto in Lima on 3 May 2024. She also met with President Dina Boluarte and called on Prime Minister Luis Vera.",
			[]string{"Ana Prado|MET_WITH|Luis Vera"},
			[]string{"Karl Soto|MET_WITH|Dina Boluarte"}},
		{"Ministers met\n27 June 2024\n\nAs part of his official visit to Peru, Chile’s Minister of Foreign Affairs Ana Prado met Thursday with the country’s Minister of Foreign Affairs Karl Soto.",
			nil,
			[]string{"Event:Ana Prado's visit to Chile"}},
		// a ministry's parts ("Sector", "Unit") are bodies, never a name
		{"The meeting was attended by Ana Prado, Head of Economic Affairs Sector, and officials of the Foreign Ministry.",
			nil,
			[]string{"Person:Sector"}},
		{"Minister Kofi Mensah met with the President of the Senate, Ana Prado, and addressed students in Lima.",
			nil,
			[]string{"Organization:Senate, Ana Prado"}},
		{"Minister Kofi Mensah met the Speaker of the National Assembly, Ana Prado, in Lima.",
			[]string{"Ana Prado|HOLDS_POSITION|National Assembly", "Kofi Mensah|MET_WITH|Ana Prado"},
			nil},
		{"Minister Karim bin Omar Al Zaid and his Omani counterpart Karim bin Said Al Zaid met in Muscat on 2 May 2024.",
			[]string{"Karim bin Said Al Zaid|HOLDS_POSITION|Oman", "Karim bin Omar Al Zaid|MET_WITH|Karim bin Said Al Zaid"},
			nil},
		{"Tanzania, which joined the East African Community in 2000, hosts the African Court on Human and Peoples' Rights in Arusha.",
			[]string{"Tanzania|MEMBER_OF|East African Community"},
			[]string{"Tanzania|MEMBER_OF|African Court on Human and Peoples' Rights"}},
		{"Germany is a member of NATO and the European Union, while Brazil is a member of Mercosur and BRICS. Brazil joined the Budapest Convention on Cybercrime in 2023.",
			[]string{"Germany|MEMBER_OF|European Union", "Brazil|MEMBER_OF|BRICS", "Brazil|SIGNED|Budapest Convention on Cybercrime"},
			[]string{"Brazil|MEMBER_OF|North Atlantic Treaty Organization", "Germany|MEMBER_OF|BRICS"}},
		{"The two governments signed a Joint Declaration of Intent on Cybersecurity and agreed to hold the next consultations in Berlin in 2025.",
			nil,
			[]string{"signing of the Joint Declaration of Intent on Cybersecurity|HELD_IN|Berlin"}},
		{"Secretary of State Marco Rubio met today with Indian External Affairs Minister Subrahmanyam Jaishankar in Washington. They discussed the Quad, whose foreign ministers met earlier in the day. The Secretary underscored the Trump administration's desire to work with India.",
			[]string{"Marco Rubio|MET_WITH|Subrahmanyam Jaishankar", "Quadrilateral Security Dialogue|ATTENDED|Quad foreign ministers meeting"},
			[]string{"Trump administration|PART_OF|India", "Event:whose foreign ministers meeting"}},
		{"All five East African countries — Kenya, Uganda, Tanzania, Rwanda and Burundi — trade widely. The East African countries participate in the Kenya-led Regional Maritime Security Initiative.",
			[]string{"Rwanda|MEMBER_OF|Regional Maritime Security Initiative", "Kenya|MEMBER_OF|Regional Maritime Security Initiative"},
			nil},
		{"Joint Statement on the Ghana-Chile Strategic Dialogue\n\nThe Ghana-Chile Strategic Dialogue was held in Accra on 4 March 2024. We intend to expand cooperation on supply chain security. The talks focused on ransomware.",
			[]string{"Ghana-Chile Strategic Dialogue|DISCUSSED|supply chain security", "Ghana-Chile Strategic Dialogue|DISCUSSED|ransomware"},
			nil},
		{"Kenya and Ghana signed a Memorandum of Understanding on Maritime Security in Accra on 4 March 2024. The Memorandum also covers cooperation on cybercrime.",
			[]string{"signing of the Memorandum of Understanding on Maritime Security|DISCUSSED|cybercrime"},
			nil},
		{"The Ghana-Chile Strategic Dialogue was held in Accra on 4 March 2024. The delegations discussed energy security and democratic governance, including the start of negotiations on a civil nuclear cooperation agreement.",
			[]string{"Ghana-Chile Strategic Dialogue|DISCUSSED|energy security", "Ghana-Chile Strategic Dialogue|DISCUSSED|democracy"},
			nil},
		{"Press Release\n\nThe Ghana-Chile Strategic Dialogue was held in Accra on 4 March 2024. We have long worked to defend human rights. The new strategy sets a fresh agenda on disinformation.",
			nil,
			[]string{"Ghana-Chile Strategic Dialogue|DISCUSSED|human rights", "Ghana-Chile Strategic Dialogue|DISCUSSED|disinformation"}},
		{"Kenya and the UAE sign Memorandum of Understanding on Cybersecurity\n\nKenya and the United Arab Emirates today signed a Memorandum of Understanding on Cybersecurity Cooperation in Nairobi. The MoU was signed by Prime Cabinet Secretary Musalia Mudavadi.",
			[]string{"Musalia Mudavadi|SIGNED|Memorandum of Understanding on Cybersecurity Cooperation"},
			[]string{"Event:signing of the Memorandum of Understanding"}},
		{"The Memorandum of Understanding on Cyber Defence was signed in Nairobi. In 2020 the ministers signed a Memorandum of Understanding in Arusha.",
			[]string{"signing of the Memorandum of Understanding|HELD_IN|Arusha"},
			[]string{"signing of the Memorandum of Understanding on Cyber Defence|HELD_IN|Arusha"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "n.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			names := map[string][]string{}
			for _, e := range b.Entities {
				names[e.ID] = append([]string{e.Name}, e.Aliases...)
			}
			has := func(id, name string) bool {
				return slices.ContainsFunc(names[id], func(n string) bool { return schema.Normalize(n) == schema.Normalize(name) })
			}
			found := func(rel string) bool {
				f := strings.Split(rel, "|")
				return slices.ContainsFunc(b.Relations, func(r store.Relation) bool {
					return string(r.Type) == f[1] && has(r.Subject, f[0]) && has(r.Object, f[2])
				})
			}
			for _, w := range tt.want {
				if !found(w) {
					t.Errorf("Process(%q) lacks %s", tt.text, w)
				}
			}
			for _, w := range tt.not {
				if typ, name, ok := strings.Cut(w, ":"); ok && !strings.Contains(w, "|") {
					for _, e := range b.Entities {
						if string(e.Type) == typ && has(e.ID, name) {
							t.Errorf("Process(%q) has %s %s", tt.text, typ, name)
						}
					}
				} else if found(w) {
					t.Errorf("Process(%q) has %s", tt.text, w)
				}
			}
		})
	}
}

// TestSameDay: a happening dated by the day of one reported before it.
func TestSameDay(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct{ text, event, want string }{
		{"Chile and Peru signed a Trade Agreement in Lima on 4 May 2023. On the same day, Foreign Minister Ana Lopez met with her counterpart Luis Vera.", "meeting", "2023-05-04"},
		{"Chile and Peru signed a Trade Agreement in Lima on 4 May 2023. The next day, Foreign Minister Ana Lopez met with her counterpart Luis Vera.", "meeting", "2023-05-05"},
		{"Chile and Peru signed a Trade Agreement in Lima on 31 May 2023. In a further step the following day, Foreign Minister Ana Lopez met with her counterpart Luis Vera.", "meeting", "2023-06-01"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "d.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range b.Entities {
				if e.Type == schema.Event && strings.Contains(strings.ToLower(e.Name), tt.event) {
					if e.Date == tt.want {
						return
					}
					got = append(got, e.Name+" "+e.Date)
				}
			}
			t.Errorf("no %s on %s; got %v", tt.event, tt.want, got)
		})
	}
}

// TestNoPersonInPortfolio: a portfolio's words are no person's name.
func TestNoPersonInPortfolio(t *testing.T) {
	p := newTestPipeline(t)
	for _, text := range []string{
		"Luis Vera, Minister of Foreign Affairs and Development Cooperation of Peru, spoke.",
		"The Ministers were accompanied by H. E. Karl Soto, Minister of Health of Chile.",
	} {
		t.Run(text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "n.txt", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range b.Entities {
				if e.Type == schema.Person && e.Name != "Luis Vera" && e.Name != "Karl Soto" {
					t.Errorf("person %q", e.Name)
				}
			}
		})
	}
}

// TestStatusAfterName: what follows a long name is read from its end, and
// an adverb may stand after "will".
func TestStatusAfterName(t *testing.T) {
	p := newTestPipeline(t)
	text := "Minister Ana Lopez will travel to Lima next week. The second meeting of the Peru-Chile Joint Strategic Planning Group and the fifth meeting of the Peru-Bolivia Joint Strategic Planning Group will also be held during the visit."
	b, err := p.Process(context.Background(), "s.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range b.Entities {
		if e.Type == schema.Event && strings.Contains(e.Name, "Joint Strategic Planning Group") {
			n++
			if e.Status != "PLANNED" {
				t.Errorf("%s: %s, want PLANNED", e.Name, e.Status)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d sittings, want 2", n)
	}
}

// TestSinceNoDate: a date after "since" bounds a span; it dates no
// happening. A date well after "since" still may.
func TestSinceNoDate(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct{ text, date string }{
		{"Foreign Minister Ana Lopez will make an official visit to Chile next week. This is Ana Lopez’s first official visit to Chile since she assumed office on March 10, 2020.", ""},
		{"Since 2019 the two countries have held five rounds of the Chile-Peru dialogue, the latest in Lima on 4 May 2023.", "2023-05-04"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "since.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range b.Entities {
				if e.Type == schema.Event && e.Date != tt.date {
					t.Errorf("%s dated %q, want %q", e.Name, e.Date, tt.date)
				}
			}
		})
	}
}
