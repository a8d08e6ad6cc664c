package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/ingest/eval"
	"github.com/diplograph/diplograph/schema"
)

// TestSetScores fails when extraction over an annotated set scores below
// its floors (below). corpus/ is the set the rules were first written
// against: the targets are entity F1 0.90, relation F1 0.80, no
// entity type below 0.80 and ATTENDED 0.90, and its floors never go below
// them. The others are documents about other states, each annotated from
// ONTOLOGY.md alone and committed before any extractor ran on it: the
// unseen text the product is judged on looks like them, so a rule that
// only fits one set shows in the others. The floors are the figures
// reached, a little below, so that a regression fails; raise them as
// extraction improves.
func TestSetScores(t *testing.T) {
	for _, set := range annotatedSets {
		t.Run(filepath.Base(set.dir), func(t *testing.T) {
			r := scoreDir(t, set.dir, filepath.Join(set.dir, "gold"))
			checkFloors(t, r, set.floors)
		})
	}
}

// annotatedSets are the sets TestSetScores holds to their floors; the
// sealed heldout8 is not one of them (TestSealedFigures).
var annotatedSets = []struct {
	dir    string
	floors floors
}{
	{"../corpus", corpusFloors},
	{"testdata/heldout", heldOutFloors},
	{"testdata/heldout2", heldOut2Floors},
	{"testdata/heldout3", heldOut3Floors},
	{"testdata/heldout4", heldOut4Floors},
	{"testdata/heldout5", heldOut5Floors},
	{"testdata/heldout6", heldOut6Floors},
	{"testdata/heldout7", heldOut7Floors},
	{"testdata/heldout9", heldOut9Floors},
	{"testdata/heldout10", heldOut10Floors},
	{"testdata/heldout11", heldOut11Floors},
	{"testdata/heldout12", heldOut12Floors},
	{"testdata/heldout13", heldOut13Floors},
	{"testdata/heldout14", heldOut14Floors},
	{"testdata/heldout15", heldOut15Floors},
	{"testdata/heldout16", heldOut16Floors},
	{"testdata/heldout17", heldOut17Floors},
	{"testdata/heldout18", heldOut18Floors},
	{"testdata/heldout19", heldOut19Floors},
	{"testdata/heldout20", heldOut20Floors},
	{"testdata/heldout21", heldOut21Floors},
}

// TestSealedFigures scores testdata/heldout8, the set kept sealed: it
// prints its figures and checks nothing, so that nobody reads its misses
// to make a test pass. Its errors are never listed (no -v on it).
func TestSealedFigures(t *testing.T) {
	r := scoreDir(t, "testdata/heldout8", "testdata/heldout8/gold")
	t.Logf("heldout8 (sealed): entity F1 %.3f, relation F1 %.3f", r.EntityTotal().F1(), r.RelationTotal().F1())
}

// floors are the lowest acceptable scores of one set.
type floors struct {
	entity, relation, entityType, attended, discussed float64
}

// Floors: the scores reached, a little below to absorb rounding. The gold
// of every set was revised to ONTOLOGY.md's participation and HELD_IN
// conventions (ingest/testdata/GOLD-REVISION.md): each revised set gained
// attendances and places the rules were never written for, so the figures
// below are those reached on the revised gold, and lower than before it.
// docs/EXTRACTION.md keeps the learning curve.
var (
	corpusFloors = floors{
		entity:     0.93, // reached 0.939
		relation:   0.83, // reached 0.843
		entityType: 0.81, // lowest: Event 0.820
		attended:   0.74, // reached 0.752
		discussed:  0.78, // reached 0.787
	}
	heldOutFloors = floors{
		entity:     0.96, // reached 0.970
		relation:   0.86, // reached 0.880, 0.869 since the people met at a stop attend that stop (ONTOLOGY.md), not the two-stop trip its gold keeps
		entityType: 0.90, // lowest: Event 0.909 (its gold keeps a two-stop trip as one visit; ONTOLOGY.md makes each stop one)
		attended:   0.85, // reached 0.880, then 0.858 (as relation)
		discussed:  0.81, // reached 0.827, 0.816 once "a Memorandum of Understanding on cyber defence cooperation" is named in full (its signing discussed defence cooperation; the gold says not)
	}
	// heldout2's first score, before any rule had seen it, was 0.720 /
	// 0.331; heldout3's 0.734 / 0.321; heldout4's 0.760 / 0.435 (0.765 /
	// 0.450 once its gold, like the corpus's, counted the joint statement a
	// document is as an instrument); heldout5's 0.811 / 0.457.
	heldOut2Floors = floors{
		entity:     0.94, // reached 0.950
		relation:   0.80, // reached 0.811
		entityType: 0.85, // lowest: Event 0.863
		attended:   0.82, // reached 0.829
		discussed:  0.92, // reached 0.928
	}
	heldOut3Floors = floors{
		entity:     0.93, // reached 0.937
		relation:   0.75, // reached 0.766
		entityType: 0.80, // lowest: Event 0.816
		attended:   0.71, // reached 0.727
		discussed:  0.95, // reached 0.958
	}
	heldOut4Floors = floors{
		entity:     0.93, // reached 0.938
		relation:   0.86, // reached 0.871
		entityType: 0.86, // lowest: Event 0.875
		attended:   0.81, // reached 0.818
		discussed:  0.95, // reached 0.957
	}
	heldOut5Floors = floors{
		entity:     0.97, // reached 0.984
		relation:   0.88, // reached 0.897
		entityType: 0.93, // lowest: Organization 0.947
		attended:   0.87, // reached 0.885
		discussed:  0.99, // reached 1.000
	}
	// heldout6 and heldout7 were annotated from ONTOLOGY.md alone and
	// sealed before the extractor ran on them; their first scores (main
	// at 9f03631) were 0.745/0.331 and 0.608/0.177. The floors hold what
	// the event layer reached on them since.
	heldOut6Floors = floors{
		entity:     0.83, // reached 0.845
		relation:   0.60, // reached 0.585; 0.623 at bb8d799
		entityType: 0.0,  // lowest: Agreement 0.333
		attended:   0.43, // reached 0.444
		discussed:  0.0,  // reached 0.200
	}
	heldOut7Floors = floors{
		entity:     0.71, // reached 0.729
		relation:   0.49, // reached 0.441; 0.513 at bb8d799
		entityType: 0.0,  // lowest: Event 0.233
		attended:   0.47, // reached 0.418, 0.397 once "the two sides" stands for the pair (a visit list the pair "coordinated" gains them as sides); 0.500 at bb8d799
		discussed:  0.0,  // reached 0.400
	}
	// heldout9, annotated the same way, first scored 0.673/0.267 at
	// aee5685 (main at 9f03631: 0.660/0.221).
	heldOut9Floors = floors{
		entity:     0.75, // reached 0.762
		relation:   0.46, // reached 0.463; 0.484 at bb8d799
		entityType: 0.0,  // lowest: Agreement 0.333
		attended:   0.38, // reached 0.393
		discussed:  0.0,  // reached 0.000
	}
	// heldout10 and heldout11, annotated the same way and committed
	// (50fc502, 2c1077d) before any extractor ran on them, first scored
	// at 1a056b1: 0.837/0.490 and 0.681/0.247 (main at 9f03631:
	// 0.805/0.327 and 0.647/0.143). The floors are the session's end
	// (caa48da), not tuned on them.
	heldOut10Floors = floors{
		entity:     0.84, // reached 0.845 untuned, 0.840 tuned on (cbefca5: "the Americas" in a post's remit); 0.854 at bb8d799
		relation:   0.54, // reached 0.495 untuned, 0.510 tuned on; 0.567 at bb8d799
		entityType: 0.0,
		attended:   0.50, // reached 0.432 untuned, 0.467 tuned on; 0.526 at bb8d799
		discussed:  0.0,
	}
	heldOut11Floors = floors{
		entity:     0.74, // reached 0.686 untuned, 0.758 tuned on (cbefca5)
		relation:   0.36, // reached 0.261 untuned, 0.373 tuned on
		entityType: 0.0,
		attended:   0.24, // reached 0.211 untuned, 0.254 tuned on
		discussed:  0.0,
	}
	// heldout12, committed (1771503) before any extractor ran on it, first
	// scored at fc0b573: 0.667/0.359 (main at 9f03631: 0.648/0.265); tuned
	// on since, as heldout10 and heldout11 (cbefca5).
	heldOut12Floors = floors{
		entity:     0.75, // reached 0.768, 0.761 at 36c67d7
		relation:   0.54, // reached 0.556, 0.545 at 36c67d7; 0.557 at bb8d799
		entityType: 0.0,
		attended:   0.39, // reached 0.418, 0.397 once "the two sides" stands for the pair (a visit list the pair "coordinated" gains them as sides)
		discussed:  0.0,
	}
	// heldout13, committed (f47c7df) before any extractor ran on it, first
	// scored at 23de56c: 0.662/0.289 (main at 9f03631: 0.667/0.280); tuned
	// on since (36c67d7).
	heldOut13Floors = floors{
		entity:     0.74, // reached 0.752
		relation:   0.52, // reached 0.543
		entityType: 0.0,
		attended:   0.29, // reached 0.306
		discussed:  0.0,
	}
	// heldout14, committed (65671de) before any extractor ran on it, first
	// scored at 6ac56b6: 0.667/0.358 (the session's start fc0b573:
	// 0.648/0.341; main at 9f03631: 0.626/0.297); tuned on since (5a33daa).
	heldOut14Floors = floors{
		entity:     0.74, // reached 0.760 (0c964e6..d27b4f5)
		relation:   0.47, // reached 0.498
		entityType: 0.0,
		attended:   0.35, // reached 0.379
		discussed:  0.0,
	}
	// heldout15, committed (91946b2) at the session's end before any
	// extractor ran on it, first scored at 78a0c6e: 0.651/0.323 (the
	// session's start fc0b573: 0.651/0.327; main at 9f03631: 0.629/0.207).
	// Tuned on in the next session (3c616ae..2435791).
	heldOut15Floors = floors{
		entity:     0.68, // reached 0.704
		relation:   0.39, // reached 0.415
		entityType: 0.0,
		attended:   0.33, // reached 0.358
		discussed:  0.0,
	}
	// heldout16, committed (50194a4) before any extractor ran on it, first
	// scored at 3c616ae: 0.777/0.385 (the session's start 210b39b: the
	// same; main at 9f03631: 0.734/0.215); tuned on since.
	heldOut16Floors = floors{
		entity:     0.82, // reached 0.829; 0.839 at bb8d799
		relation:   0.55, // reached 0.555; 0.570 at bb8d799
		entityType: 0.0,
		attended:   0.45, // reached 0.442; 0.474 at bb8d799
		discussed:  0.0,
	}
	// heldout17, committed (f064594; 926 taken out in 51cb37a, see
	// testdata/agreement) before any extractor ran on it, first scored at
	// the session's end, 8c81979: 0.800/0.343 (the session's start 210b39b:
	// 0.795/0.308; main at 9f03631: 0.728/0.221). Tuned on in the sixth
	// session (6059226..bb8d799).
	heldOut17Floors = floors{
		entity:     0.81, // reached 0.800; 0.832 at bb8d799, tuned on
		relation:   0.52, // reached 0.343; 0.549 at bb8d799, tuned on
		entityType: 0.0,
		attended:   0.50, // reached 0.192; 0.526 at bb8d799, tuned on
		discussed:  0.0,
	}
	// heldout18, committed (53c84c0) at the session's end before any
	// extractor ran on it, first scored at 3d6985b: 0.690/0.265 (the
	// session's start 210b39b: 0.690/0.270; main at 9f03631: 0.695/0.216).
	// Tuned on since (690347f, and the sixth session).
	heldOut18Floors = floors{
		entity:     0.77, // reached 0.690; 0.790 at bb8d799, tuned on
		relation:   0.41, // reached 0.265; 0.431 at bb8d799, tuned on
		entityType: 0.0,
		attended:   0.28, // reached 0.150; 0.304 at bb8d799, tuned on
		discussed:  0.0,
	}
	// heldout19, committed (d073d2d) at the session's end before any
	// extractor ran on it, first scored at 4906085: 0.638/0.281 (the
	// session's start 210b39b: 0.638/0.246; main at 9f03631: 0.569/0.167).
	heldOut19Floors = floors{
		entity:     0.61, // reached 0.638
		relation:   0.26, // reached 0.281
		entityType: 0.0,
		attended:   0.18, // reached 0.211
		discussed:  0.0,
	}
	// heldout20 and heldout21, committed (2403568, 1d6f3c3) at the sixth
	// session's start before any extractor ran on them, first scored at
	// its end, bb8d799: 0.688/0.282 and 0.727/0.211 (the session's start
	// 6059226: 0.691/0.286 and 0.732/0.219; main at 9f03631: 0.670/0.191
	// and 0.700/0.171).
	// Tuned on after the first score (6a29693..8e82b2b).
	heldOut20Floors = floors{
		entity:     0.70, // first score 0.688; 0.716 at 8e82b2b
		relation:   0.28, // first score 0.282; 0.302 at 8e82b2b
		entityType: 0.0,
		attended:   0.18, // first score 0.192; 0.200 at 8e82b2b
		discussed:  0.0,
	}
	heldOut21Floors = floors{
		entity:     0.72, // first score 0.727; 0.742 at 8e82b2b
		relation:   0.22, // first score 0.211; 0.238 at 8e82b2b
		entityType: 0.0,
		attended:   0.14, // first score 0.125; 0.166 at 8e82b2b
		discussed:  0.0,
	}
)

// scoreDir extracts every document of dir that has a gold annotation in
// goldDir and scores the lot.
func scoreDir(t *testing.T, dir, goldDir string) *eval.Report {
	t.Helper()
	gold, err := eval.LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ingest.New()
	if err != nil {
		t.Fatal(err)
	}
	var gs, ps []ingest.Annotation
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		g, ok := gold[filepath.Base(f)]
		if !ok {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Process(context.Background(), f, data)
		if err != nil {
			t.Fatalf("Process(%s) = %v", f, err)
		}
		a := ingest.ToAnnotation(b)
		a.Document = filepath.Base(f)
		gs, ps = append(gs, g), append(ps, a)
	}
	if len(gs) != len(gold) {
		t.Fatalf("%s: %d documents for %d gold annotations", dir, len(gs), len(gold))
	}
	return eval.Score(gs, ps)
}

// checkFloors fails for each figure of r below its floor.
func checkFloors(t *testing.T, r *eval.Report, f floors) {
	t.Helper()
	tests := []struct {
		name       string
		got, floor float64
	}{
		{"entity F1", r.EntityTotal().F1(), f.entity},
		{"relation F1", r.RelationTotal().F1(), f.relation},
	}
	for typ, c := range r.Entities {
		if typ != schema.Topic {
			tests = append(tests, struct {
				name       string
				got, floor float64
			}{string(typ) + " F1", c.F1(), f.entityType})
		}
	}
	if c := r.Relations[schema.Attended]; c != nil {
		tests = append(tests, struct {
			name       string
			got, floor float64
		}{"ATTENDED F1", c.F1(), f.attended})
	}
	if c := r.Relations[schema.Discussed]; c != nil {
		tests = append(tests, struct {
			name       string
			got, floor float64
		}{"DISCUSSED F1", c.F1(), f.discussed})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.floor {
				t.Errorf("%s = %.3f, want >= %.3f", tt.name, tt.got, tt.floor)
			}
		})
	}
}
