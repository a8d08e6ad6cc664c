package event

// Trigger is a rule: words that report a happening of one kind, and what
// the words around it mean. Rules are data; Find reads them in order of
// Priority when one sentence holds several triggers, and the frame takes
// the kind of the strongest and the arguments of all.
type Trigger struct {
	Name  string
	Words []string // folded keys
	Kind  string
	// Verb: the word must be used as a verb (by its tag, where the text
	// layer tags; untagged text takes the word as it comes). Noun: it must
	// not be.
	Verb, Noun bool
	Meets      bool // the people on either side of it met (MET_WITH)
	Trip       bool // the subject travels; places follow "to"
	Signs      bool // the instruments of the sentence were signed at it
	// Attends: it reports who took part in a happening named or referred
	// to elsewhere ("the meeting was attended by A, B and C"); it makes
	// no happening of its own.
	Attends  bool
	Priority int
	// Example is a sentence of our own, names in brackets with their type
	// ([P person], [O body], [C state], [L place], [A instrument],
	// [E event]), and Want the frame it must give (Frame.String); both
	// are the rule's test (rules_test.go) and its documentation.
	Example, Want string
}

// Triggers is the lexicon, strongest first within each kind.
var Triggers = []Trigger{
	{Name: "summit-noun", Words: []string{"summit"}, Kind: "SUMMIT", Noun: true, Priority: 90,
		Example: "[P Anna Weber] and [P Karl Hof] gathered in [L Zenda] for the summit.",
		Want:    "SUMMIT HELD agents=Anna Weber,Karl Hof places=Zenda"},
	{Name: "dialogue-noun", Words: []string{"dialogue", "consultations", "consultation"}, Kind: "DIALOGUE", Noun: true, Meets: true, Priority: 80,
		Example: "[C Ruritania] and [C Freedonia] held political consultations in [L Zenda], [C Ruritania].",
		Want:    "DIALOGUE HELD agents=Ruritania,Freedonia places=Zenda,Ruritania"},
	{Name: "negotiation-noun", Words: []string{"negotiations", "negotiation"}, Kind: "NEGOTIATION", Noun: true, Priority: 70,
		Example: "[C Ruritania] and [C Freedonia] will open negotiations in [L Zenda].",
		Want:    "NEGOTIATION PLANNED agents=Ruritania,Freedonia places=Zenda"},
	{Name: "conference-noun", Words: []string{"conference", "forum", "symposium", "congress"}, Kind: "CONFERENCE", Noun: true, Priority: 70,
		Example: "Minister [P Anna Weber] spoke at a conference in [L Zenda] on security in [L Rivia].",
		Want:    "CONFERENCE HELD agents=Anna Weber places=Zenda"},
	{Name: "exercise-noun", Words: []string{"exercise", "exercises", "drill", "drills"}, Kind: "EXERCISE", Noun: true, Priority: 70,
		Example: "[C Ruritania] and [C Freedonia] held a joint exercise near [L Zenda].",
		Want:    "EXERCISE HELD agents=Ruritania,Freedonia places=Zenda"},
	{Name: "trip-verb", Words: []string{"travel", "travels", "travelled", "traveled", "travelling", "traveling", "visit", "visits", "visited", "visiting", "tour", "toured",
		"head", "heads", "headed", "heading", "fly", "flies", "flew", "flying", "go", "goes", "went", "proceed", "proceeds", "proceeded"}, Kind: "VISIT", Verb: true, Trip: true, Priority: 60,
		Example: "Minister [P Anna Weber] will travel to [L Zenda], [C Ruritania], and [L Rivia] to discuss trade with [C Freedonia].",
		Want:    "VISIT PLANNED agents=Anna Weber places=Zenda,Ruritania traveller=Anna Weber | VISIT PLANNED agents=Anna Weber places=Rivia traveller=Anna Weber"},
	{Name: "trip-noun", Words: []string{"visit", "trip", "tour", "stop", "visits", "trips", "tours", "stops", "stopover"}, Kind: "VISIT", Noun: true, Trip: true, Priority: 55,
		Example: "During her visit to [L Zenda], Minister [P Anna Weber] met Prime Minister [P Karl Hof].",
		Want:    "VISIT HELD agents=Anna Weber,Karl Hof places=Zenda traveller=Anna Weber met=Anna Weber~Karl Hof"},
	{Name: "signing-verb", Words: []string{"signed", "sign", "signs", "inked", "initialled", "initialed"}, Kind: "SIGNING", Verb: true, Signs: true, Priority: 50,
		Example: "Minister [P Anna Weber] and Minister [P Karl Hof] signed the [A Memorandum on Trade] in [L Zenda].",
		Want:    "SIGNING HELD agents=Anna Weber,Karl Hof places=Zenda instruments=Memorandum on Trade"},
	{Name: "signing-noun", Words: []string{"signing"}, Kind: "SIGNING", Signs: true, Priority: 50,
		Example: "The signing of the [A Memorandum on Trade] was postponed.",
		Want:    "SIGNING POSTPONED instruments=Memorandum on Trade"},
	{Name: "met-verb", Words: []string{"met", "meet", "meets", "meeting"}, Kind: "MEETING", Verb: true, Meets: true, Priority: 40,
		Example: "Minister [P Anna Weber] met Prime Minister [P Karl Hof] in [L Zenda] to discuss relations between [C Ruritania] and [C Freedonia].",
		Want:    "MEETING HELD agents=Anna Weber,Karl Hof places=Zenda met=Anna Weber~Karl Hof"},
	{Name: "host-verb", Words: []string{"hosted", "host", "hosts", "received", "receives", "receive", "welcomed", "welcomes"}, Kind: "MEETING", Verb: true, Meets: true, Priority: 35,
		Example: "Prime Minister [P Karl Hof] received Minister [P Anna Weber] at the [L Zenda Palace].",
		Want:    "MEETING HELD agents=Karl Hof,Anna Weber places=Zenda Palace met=Karl Hof~Anna Weber"},
	{Name: "talk-verb", Words: []string{"spoke", "speaks", "talked", "phoned", "telephoned"}, Kind: "MEETING", Verb: true, Meets: true, Priority: 30,
		Example: "Minister [P Anna Weber] spoke with Minister [P Karl Hof] by telephone about the negotiations.",
		Want:    "MEETING HELD agents=Anna Weber,Karl Hof met=Anna Weber~Karl Hof"},
	{Name: "chair-verb", Words: []string{"convened", "chaired", "co-chaired", "cochaired"}, Kind: "MEETING", Verb: true, Priority: 30,
		Example: "[P Anna Weber] and [P Karl Hof] co-chaired the [E Zenda Round].",
		Want:    "MEETING HELD named=Zenda Round agents=Anna Weber,Karl Hof"},
	{Name: "attend-verb", Words: []string{"attended", "attend", "attends", "attending", "participated", "participate", "participates", "participating"}, Kind: "MEETING", Verb: true, Attends: true, Priority: 25,
		Example: "The meeting was attended by the foreign ministers of [C Ruritania], [C Freedonia] and [C Borduria].",
		Want:    "MEETING HELD agents=Ruritania,Freedonia,Borduria attends"},
	{Name: "credentials-noun", Words: []string{"credentials"}, Kind: "MEETING", Noun: true, Meets: true, Priority: 22,
		Example: "Ambassador [P Anna Weber] presented her credentials to President [P Karl Hof] in [L Zenda].",
		Want:    "MEETING HELD agents=Anna Weber,Karl Hof places=Zenda met=Anna Weber~Karl Hof"},
	{Name: "meeting-noun", Words: []string{"meeting", "meetings", "talks", "talk", "call", "conversation", "videoconference", "session", "audience"}, Kind: "MEETING", Noun: true, Meets: true, Priority: 20,
		Example: "[P Anna Weber] held talks with [O the Ministry of Trade] and [P Karl Hof] in [L Zenda].",
		Want:    "MEETING HELD agents=Anna Weber,Ministry of Trade,Karl Hof places=Zenda met=Anna Weber~Karl Hof"},
}

// placeNouns after a state's adjective make it a place: "in Zenda, the
// Rivian capital".
var placeNouns = map[string]bool{"capital": true, "city": true, "town": true, "port": true, "village": true, "region": true, "province": true, "island": true, "coast": true, "border": true}

// Cue words: what the word before a name says its role is.
var (
	placeCues = map[string]bool{"in": true, "at": true, "near": true, "inside": true}
	// After these a name is on the other side of a meeting.
	withCues = map[string]bool{"with": true, "between": true, "and": true, "by": true, "met": true, "meet": true,
		"received": true, "receive": true, "hosted": true, "host": true, "welcomed": true, "counterpart": true}
	// After these a name is not a participant: it owns a post or a body
	// ("Minister of Foreign Affairs of Chile"), or is a topic or a source.
	ownerCues = map[string]bool{"of": true, "'s": true, "’s": true, "on": true, "about": true, "from": true, "for": true,
		"regarding": true, "against": true, "into": true, "under": true, "over": true, "toward": true, "towards": true}
	// Words that may stand between a cue and the name it marks.
	// Words after which an untagged trigger is a noun ("her visit").
	determiners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true, "this": true, "that": true, "our": true, "whose": true}
	skippable   = map[string]bool{"the": true, "his": true, "her": true, "their": true, "its": true, ",": true,
		"h.e": true, "h.e.": true, "he": false, "mr": true, "mrs": true, "ms": true, "dr": true, "both": true}
	// Words before a trigger that put the happening in the future.
	plannedCues = map[string]bool{"will": true, "shall": true, "would": true, "to": true, "scheduled": true, "next": true,
		"upcoming": true, "forthcoming": true, "planned": true, "expected": true, "plans": true, "intends": true}
)

// More cue words: before a subject, before a noun that is a topic, and
// words that may modify an event noun.
var (
	subjectCues = map[string]bool{"": true, ",": true, "and": true, "both": true, "today": true, "yesterday": true, "while": true, "when": true,
		"said": true, "says": true, "stated": true, "announced": true, "that": true} // "the statement said that Rivia held …"
	topicCues     = map[string]bool{"about": true, "on": true, "regarding": true, "of": true, "concerning": true, "discussed": true, "discuss": true, "including": true}
	nounModifiers = map[string]bool{"bilateral": true, "official": true, "working": true, "state": true, "joint": true, "first": true, "second": true,
		"third": true, "annual": true, "high-level": true, "telephone": true, "phone": true, "video": true, "virtual": true, "ministerial": true,
		"political": true, "strategic": true, "trilateral": true, "two-day": true, "three-day": true, "informal": true, "formal": true, "productive": true, "fruitful": true, "constructive": true}
)

// Words that open what a happening was about, and verbs of purpose that
// "to" opens when the text layer has not tagged them.
var (
	topicStarts  = map[string]bool{"regarding": true, "concerning": true, "about": true, "discussed": true, "discussing": true}
	purposeVerbs = map[string]bool{"discuss": true, "review": true, "explore": true, "strengthen": true, "reaffirm": true, "advance": true,
		"deepen": true, "promote": true, "exchange": true, "consult": true, "underline": true, "highlight": true, "celebrate": true, "mark": true, "sign": false}
)

// SourceVerbs, right after a person, make the person the source of the
// report ("her spokesperson Ana Lima told reporters"), not a participant.
var SourceVerbs = map[string]bool{"told": true, "said": true, "says": true, "tells": true, "added": true, "noted": true, "briefed": true, "announced": true}

// stopNouns before "in" name one more stop of a trip: "as well as stops
// in Rivia and Zenda".
var stopNouns = map[string]bool{"stop": true, "stops": true, "stopover": true, "stopovers": true}

// foundingVerbs found a series of happenings rather than report one.
var foundingVerbs = map[string]bool{"establish": true, "establishing": true, "established": true, "institutionalize": true,
	"institutionalise": true, "institutionalizing": true, "institutionalising": true, "create": true, "creating": true}

// Words that join a phrase to an event noun, and words that end the
// phrase.
var (
	spanLinks = map[string]bool{"with": true, "between": true, "of": true, "to": true, "in": true}
	spanStops = map[string]bool{",": true, ".": true, ";": true, ":": true, "(": true, ")": true, "which": true, "that": true, "where": true,
		"who": true, "when": true, "during": true, "after": true, "before": true, "while": true, "as": true, "and": false, "to": true, "on": true, "in": true, "at": true, "for": true}
)

// headlineWords are the function words a headline capitalizes.
var headlineWords = map[string]bool{"for": true, "to": true, "with": true, "in": true, "on": true, "at": true, "by": true, "from": true, "and": true, "of": true, "travels": true, "visits": true, "meets": true}

// clauseBreaks end the report of one happening within a sentence.
var clauseBreaks = map[string]bool{";": true, "while": true, "when": true, "whereas": true, "meanwhile": true, "but": true, "although": true, "however": true}

// Cues anywhere in the sentence that change the status, strongest first.
var statusCues = []struct {
	Status string
	Words  []string
}{
	{Cancelled, []string{"cancelled", "canceled", "called off", "calls off"}},
	{Postponed, []string{"postponed", "delayed", "rescheduled", "deferred"}},
	{Proposed, []string{"proposed", "invited", "suggested", "invitation"}},
}

// attendingPlurals name those who attend on a state's or body's behalf:
// "the foreign ministers of A, B and C attended".
var attendingPlurals = map[string]bool{"ministers": true, "representatives": true, "delegations": true, "leaders": true, "heads": true,
	"officials": true, "envoys": true, "delegates": true, "members": true, "ambassadors": true, "presidents": true}
