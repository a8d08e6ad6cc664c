package graphio

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// graphmlKeys are the GraphML attributes written, in order: id, for,
// attr.name, attr.type.
var graphmlKeys = [][4]string{
	{"type", "node", "type", "string"},
	{"kind", "node", "kind", "string"},
	{"name", "node", "name", "string"},
	{"label", "node", "label", "string"}, // yEd and Gephi show it
	{"aliases", "node", "aliases", "string"},
	{"date", "node", "date", "string"},
	{"endDate", "node", "endDate", "string"},
	{"status", "node", "status", "string"},
	{"statusAsOf", "node", "statusAsOf", "string"},
	{"rtype", "edge", "type", "string"},
	{"title", "edge", "title", "string"},
	{"since", "edge", "since", "string"},
	{"until", "edge", "until", "string"},
	{"tense", "edge", "tense", "string"},
	{"tenseAsOf", "edge", "tenseAsOf", "string"},
	{"confidence", "edge", "confidence", "double"},
	{"firstSeen", "edge", "firstSeen", "string"},
	{"lastSeen", "edge", "lastSeen", "string"},
	{"evidence", "edge", "evidence", "int"},
	{"retracted", "edge", "retracted", "string"},
	{"withdrawnBy", "edge", "withdrawnBy", "string"},
	{"withdrawnAt", "edge", "withdrawnAt", "string"},
}

// WriteGraphML writes g's entities as nodes and its relations as directed
// edges (MET_WITH too, subject first), each with its properties as data;
// aliases are joined by "; ", evidence is counted. Documents and evidence
// text are left out: GraphML is for looking at the graph in Gephi or yEd.
func (g *Graph) WriteGraphML(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k[0], k[1], k[2], k[3])
	}
	bw.WriteString(`  <graph id="diplograph" edgedefault="directed">` + "\n")
	data := func(key, val string) {
		if val == "" {
			return
		}
		fmt.Fprintf(bw, "      <data key=%q>%s</data>\n", key, escape(val))
	}
	for _, e := range g.Entities {
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", escape(e.ID))
		data("type", string(e.Type))
		data("kind", e.Kind)
		data("name", e.Name)
		data("label", e.Name)
		data("aliases", strings.Join(e.Aliases, "; "))
		data("date", e.Date)
		data("endDate", e.EndDate)
		data("status", e.Status)
		data("statusAsOf", e.StatusAsOf)
		bw.WriteString("    </node>\n")
	}
	for _, r := range g.Relations {
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", escape(r.ID), escape(r.Subject), escape(r.Object))
		data("rtype", string(r.Type))
		data("title", r.Title)
		data("since", r.Since)
		data("until", r.Until)
		data("tense", r.Tense)
		data("tenseAsOf", r.TenseAsOf)
		data("confidence", strconv.FormatFloat(r.Confidence, 'g', -1, 64))
		data("firstSeen", r.FirstSeen)
		data("lastSeen", r.LastSeen)
		data("evidence", strconv.Itoa(len(r.Evidence)))
		if r.Retracted != nil {
			data("retracted", r.Retracted.Reason)
		}
		if r.Withdrawn != nil {
			data("withdrawnBy", r.Withdrawn.By)
			data("withdrawnAt", r.Withdrawn.At)
		}
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
