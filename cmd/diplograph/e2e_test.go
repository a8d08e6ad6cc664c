package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
)

// The end-to-end tests drive the real binary: built once, then run as a
// user would, against the repository's corpus.

const corpus = "../../corpus"

// agenciesAtDialogues is the query of issue 2, verbatim.
const agenciesAtDialogues = `query AgenciesAtDialogues {
  events(filter: {kind: DIALOGUE}, first: 50) {
    totalCount
    edges { cursor node {
      id name date kind
      location { name }
      participants(type: Organization) { id name kind }
      evidence { document { title } sentence }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "diplograph-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "diplograph")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build diplograph:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	// Every query a compiled plan answers in any server these tests run
	// is answered by gqlgen's executor too and compared (graph.PlanCheckEnv).
	check := filepath.Join(dir, "plancheck")
	os.Setenv(graph.PlanCheckEnv, check)
	code := m.Run()
	if same, differs := readPlanCheck(check); len(differs) > 0 {
		fmt.Fprintf(os.Stderr, "compiled plans: %d answers the same as the executor's, %d differ:\n%s\n", same, len(differs), strings.Join(differs, "\n"))
		code = 1
	} else if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "compiled plans: %d answers compared with the executor's, none differ\n", same)
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// readPlanCheck reads a graph.PlanCheckEnv file: how many answers were
// the same, and the comparisons that differed.
func readPlanCheck(path string) (same int, differs []string) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == "same":
			same++
		case strings.HasPrefix(line, "differs"):
			differs = append(differs, line)
		case len(differs) > 0:
			differs[len(differs)-1] += "\n" + line
		}
	}
	return same, differs
}

// server is a running `diplograph serve`.
type server struct {
	url    string
	cmd    *exec.Cmd
	stderr *bytes.Buffer // everything it logged until it started serving
	done   chan error
}

var servingLine = regexp.MustCompile(`msg=serving graphiql=(http://\S+)/ `)

// startServe runs `diplograph serve` on a free port with a fresh data
// folder and waits until it says where it serves and /healthz answers.
func startServe(t *testing.T) *server {
	t.Helper()
	return startServeIn(t, t.TempDir())
}

// startServeIn is startServe with the data folder data, for tests that
// also run other commands on it (keys), and serve's flags extra.
func startServeIn(t *testing.T, data string, extra ...string) *server {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--corpus", corpus}, extra...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI=")
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	s := &server{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		found := false
		for sc.Scan() {
			if !found {
				s.stderr.WriteString(sc.Text() + "\n")
				if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
					found = true
					urlc <- m[1]
				}
			}
		}
		if !found {
			close(urlc)
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.done
	})
	select {
	case u, ok := <-urlc:
		if !ok {
			t.Fatalf("serve exited before serving:\n%s", s.stderr)
		}
		s.url = u
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve did not start serving within 2 minutes:\n%s", s.stderr)
	}
	for i := 0; ; i++ {
		res, err := http.Get(s.url + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if i == 50 {
			t.Fatalf("/healthz never answered 200: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s
}

type gqlResponse struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func postGraphQL(t *testing.T, url, body string) gqlResponse {
	t.Helper()
	res, err := http.Post(url+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("POST /graphql answered non-JSON %d: %s", res.StatusCode, raw)
	}
	return r
}

// goldDialogue reads the gold annotation of the seed document: the
// DIALOGUE event and the organizations that attended it.
func goldDialogue(t *testing.T) (names []string, date string, orgs [][]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(corpus, "gold", "000_a6d54f805eaf123d.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Entities []struct {
			ID, Type, Kind, Name, Date string
			Aliases                    []string
		}
		Relations []struct{ Subject, Predicate, Object string }
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	var eventID string
	byID := map[string][]string{}
	types := map[string]string{}
	for _, e := range g.Entities {
		byID[e.ID] = append([]string{e.Name}, e.Aliases...)
		types[e.ID] = e.Type
		if e.Type == "Event" && e.Kind == "DIALOGUE" {
			eventID, names, date = e.ID, byID[e.ID], e.Date
		}
	}
	if eventID == "" {
		t.Fatal("gold has no DIALOGUE event")
	}
	for _, r := range g.Relations {
		if r.Predicate == "ATTENDED" && r.Object == eventID && types[r.Subject] == "Organization" {
			orgs = append(orgs, byID[r.Subject])
		}
	}
	return names, date, orgs
}

func matches(names []string, name string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return schema.Normalize(n) == schema.Normalize(name) })
}

func TestServeAgenciesAtDialogues(t *testing.T) {
	s := startServe(t)

	t.Run("ingests the corpus with a line per document", func(t *testing.T) {
		docs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
		for _, d := range docs {
			if !strings.Contains(s.stderr.String(), d+": ") {
				t.Errorf("no progress line for %s in:\n%s", d, s.stderr)
			}
		}
		if strings.Contains(s.stderr.String(), "gold") {
			t.Errorf("gold annotations were taken for documents:\n%s", s.stderr)
		}
	})

	body, _ := json.Marshal(map[string]string{"query": agenciesAtDialogues})
	r := postGraphQL(t, s.url, string(body))
	if len(r.Errors) > 0 {
		t.Fatalf("AgenciesAtDialogues errors: %+v", r.Errors)
	}
	var a struct {
		Events struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Name, Date, Kind string
					Location         *struct{ Name string }
					Participants     []struct{ ID, Name, Kind string }
					Evidence         []struct {
						Document *struct{ Title *string }
						Sentence string
					}
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &a); err != nil {
		t.Fatal(err)
	}
	// ONTOLOGY.md matches entities by name or alias; the verbatim query
	// asks for names only, so the aliases come from a listing.
	aliasBody, _ := json.Marshal(map[string]string{"query": `{ entities(filter: {type: Organization}, first: 500) { edges { node { id name aliases } } } }`})
	ra := postGraphQL(t, s.url, string(aliasBody))
	var orgs struct {
		Entities struct {
			Edges []struct {
				Node struct {
					ID, Name string
					Aliases  []string
				}
			}
		}
	}
	if err := json.Unmarshal(ra.Data, &orgs); err != nil || len(ra.Errors) > 0 {
		t.Fatalf("organization aliases: %v %+v", err, ra.Errors)
	}
	namesOf := map[string][]string{}
	for _, e := range orgs.Entities.Edges {
		namesOf[e.Node.ID] = append([]string{e.Node.Name}, e.Node.Aliases...)
	}
	goldNames, goldDate, goldOrgs := goldDialogue(t)
	// As ONTOLOGY.md scores events: by name or alias, else by kind and date.
	var found bool
	for _, e := range a.Events.Edges {
		n := e.Node
		if n.Kind != "DIALOGUE" {
			t.Errorf("event %q has kind %q in a DIALOGUE listing", n.Name, n.Kind)
		}
		if !matches(goldNames, n.Name) && n.Date != goldDate {
			continue
		}
		found = true
		if n.Date != goldDate {
			t.Errorf("%s: date = %q, want %q", n.Name, n.Date, goldDate)
		}
		// The seed says where: "at the headquarters of the Ministry of
		// Foreign Affairs in the Czernin Palace".
		if n.Location == nil || n.Location.Name != "Czernin Palace" {
			t.Errorf("%s: location = %+v, want Czernin Palace", n.Name, n.Location)
		}
		for _, org := range goldOrgs {
			if !slices.ContainsFunc(n.Participants, func(p struct{ ID, Name, Kind string }) bool {
				return slices.ContainsFunc(append(namesOf[p.ID], p.Name), func(name string) bool { return matches(org, name) })
			}) {
				t.Errorf("%s: attending body %q missing from participants(type: Organization)", n.Name, org[0])
			}
		}
		for _, p := range n.Participants {
			if !strings.HasPrefix(p.ID, "organization:") {
				t.Errorf("%s: participant %s (%s) is not an Organization", n.Name, p.Name, p.ID)
			}
		}
		if len(n.Evidence) == 0 {
			t.Errorf("%s: no evidence", n.Name)
		}
		// document { title } may be null: not every document states one.
		for _, ev := range n.Evidence {
			if ev.Sentence == "" || ev.Document == nil {
				t.Errorf("%s: evidence without sentence or document: %+v", n.Name, ev)
			}
		}
	}
	if !found {
		t.Errorf("the %s dialogue %v is not among %d events: %s", goldDate, goldNames, a.Events.TotalCount, r.Data)
	}

	t.Run("analyst queries on the corpus", func(t *testing.T) {
		gql := func(t *testing.T, q string, vars map[string]any, into any) {
			t.Helper()
			body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
			r := postGraphQL(t, s.url, string(body))
			if len(r.Errors) > 0 {
				t.Fatalf("%s: %+v", q, r.Errors)
			}
			if err := json.Unmarshal(r.Data, into); err != nil {
				t.Fatal(err)
			}
		}
		// The agency the gold file knows by its acronym, found by a prefix
		// of the acronym without its diacritic.
		var nukib []string
		for _, org := range goldOrgs {
			if slices.Contains(org, "NÚKIB") {
				nukib = org
			}
		}
		var found struct {
			Search []struct {
				Entity struct{ ID, Name, Type string }
			}
		}
		gql(t, `{ search(text: "nuki", types: [Organization]) { entity { id name type } } }`, nil, &found)
		if len(found.Search) == 0 || !matches(nukib, found.Search[0].Entity.Name) {
			t.Fatalf("search nuki = %+v, want %v first", found.Search, nukib)
		}
		agency := found.Search[0].Entity.ID

		var tl struct{ Timeline []struct{ Name, Date string } }
		gql(t, `query($e: ID!) { timeline(entity: $e) { name date } }`, map[string]any{"e": agency}, &tl)
		if !slices.ContainsFunc(tl.Timeline, func(e struct{ Name, Date string }) bool { return e.Date == goldDate }) {
			t.Errorf("timeline of %s = %+v, want the %s dialogue", agency, tl.Timeline, goldDate)
		}

		var st struct {
			Stats struct {
				Entities []struct {
					Type  string
					Count int
				}
				Relations []struct {
					Type  string
					Count int
				}
			}
			Entities  struct{ TotalCount int }
			Relations struct{ TotalCount int }
		}
		gql(t, `{ stats { entities { type count } relations { type count } } entities(first: 0) { totalCount } relations(first: 0) { totalCount } }`, nil, &st)
		sumE, sumR, docs := 0, 0, 0
		for _, c := range st.Stats.Entities {
			if c.Type == "Document" {
				docs = c.Count
				continue
			}
			sumE += c.Count
		}
		for _, c := range st.Stats.Relations {
			sumR += c.Count
		}
		corpusDocs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
		if sumE != st.Entities.TotalCount || sumR != st.Relations.TotalCount || docs != len(corpusDocs) {
			t.Errorf("stats: %d entities, %d relations, %d documents; listings say %d, %d and the corpus has %d",
				sumE, sumR, docs, st.Entities.TotalCount, st.Relations.TotalCount, len(corpusDocs))
		}
	})

	t.Run("GraphiQL is served offline", func(t *testing.T) {
		res, err := http.Get(s.url + "/")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("GET / = %d", res.StatusCode)
		}
		if m := regexp.MustCompile(`(?i)https?://`).Find(page); m != nil {
			t.Errorf("GET / names an outside URL:\n%s", page)
		}
		assets := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllSubmatch(page, -1)
		if len(assets) < 4 {
			t.Fatalf("GET / loads %d assets, want the GraphiQL and React bundles:\n%s", len(assets), page)
		}
		for _, m := range assets {
			res, err := http.Get(s.url + string(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || n == 0 {
				t.Errorf("GET %s = %d, %d bytes", m[1], res.StatusCode, n)
			}
		}
	})

	t.Run("bad requests carry extensions.code", func(t *testing.T) {
		tests := []struct{ name, body, code string }{
			{"invalid JSON", `{"query": "{`, "BAD_REQUEST"},
			{"unknown field", `{"query": "{ events { edges { node { colour } } } }"}`, "GRAPHQL_VALIDATION_FAILED"},
			{"huge first", `{"query": "{ events(first: 1000000) { totalCount } }"}`, "BAD_USER_INPUT"},
			{"unknown id", `{"query": "{ entity(id: \"person:nobody-at-all\") { name } }"}`, "NOT_FOUND"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := postGraphQL(t, s.url, tt.body)
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tt.code {
					t.Errorf("errors = %+v, want one with code %s", r.Errors, tt.code)
				}
			})
		}
	})

	t.Run("POST /ingest of a corpus document changes nothing", func(t *testing.T) {
		docs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
		data, err := os.ReadFile(docs[0])
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.Post(s.url+"/ingest?filename="+filepath.Base(docs[0]), "text/plain", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"existed":true`) {
			t.Errorf("POST /ingest %s = %d %s, want 200 and existed", docs[0], res.StatusCode, body)
		}
	})

	t.Run("stops cleanly on SIGTERM", func(t *testing.T) {
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-s.done:
			s.done <- err // for the cleanup
			if err != nil {
				t.Errorf("serve exited with %v after SIGTERM, want 0", err)
			}
		case <-time.After(time.Minute):
			t.Error("serve still running a minute after SIGTERM")
		}
	})
}

func TestIngestCommand(t *testing.T) {
	data := t.TempDir()
	run := func(args ...string) (stdout, stderr string, err error) {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"ingest", "--data", data}, args...)...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err = cmd.Run()
		return out.String(), errb.String(), err
	}
	docs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	added := regexp.MustCompile(`: doc:[0-9a-f]+, \+\d+ entities, \+\d+ relations, \+\d+ evidence$`)

	tests := []struct {
		name    string
		args    []string
		want    *regexp.Regexp // every line of stdout
		lines   int
		wantErr bool
		failed  int // FAILED lines on stderr
	}{
		{"corpus folder", []string{corpus}, added, len(docs), false, 0},
		{"again: unchanged", []string{corpus}, regexp.MustCompile(`: unchanged$`), len(docs), false, 0},
		{"bad files reported on stderr, good ones still ingested", []string{"testdata/ingest/empty.txt", "testdata/ingest/notes.xyz", docs[0]},
			regexp.MustCompile(`: unchanged$`), 1, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := run(tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ingest %v: err = %v, want error %v\nstdout:\n%s\nstderr:\n%s", tt.args, err, tt.wantErr, stdout, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if len(lines) != tt.lines {
				t.Errorf("ingest %v printed %d lines, want %d:\n%s", tt.args, len(lines), tt.lines, stdout)
			}
			for _, l := range lines {
				if !tt.want.MatchString(l) {
					t.Errorf("line %q does not match %s", l, tt.want)
				}
			}
			if n := strings.Count(stderr, "FAILED testdata/ingest/"); n != tt.failed {
				t.Errorf("stderr has %d FAILED lines, want %d:\n%s", n, tt.failed, stderr)
			}
		})
	}
}
