// Package web holds the static UI the binary serves, embedded at build
// time so that nothing is fetched from elsewhere: the GraphiQL page and its
// scripts and styles (graphiql/, see README.md for where they come from).
package web

import "embed"

// FS holds the UI assets; each UI lives in its own folder.
//
//go:embed graphiql
var FS embed.FS
