package web

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

// The explorer's built assets (explore/README.md says how to rebuild them),
// committed so that building the binary needs no node.
//
//go:embed explore/dist
var exploreDist embed.FS

// ExplorerFS holds the explorer's built files: index.html, explore.js,
// explore.css and the licences of what the bundle contains.
func ExplorerFS() fs.FS {
	dist, err := fs.Sub(exploreDist, "explore/dist")
	if err != nil {
		panic(fmt.Sprintf("explorer assets: %v", err)) // embedded at build time
	}
	return dist
}

// explorerCSP allows nothing from other hosts: analysts work on closed
// networks, and the page must not leak what they look at.
const explorerCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// Explorer serves the graph explorer at /explore/ (and redirects /explore
// there, so that the page's relative asset and /graphql URLs resolve). It
// expects the full request path: mount it on both "/explore" and
// "/explore/".
func Explorer() http.Handler { return page("/explore", ExplorerFS(), false) }

// page serves a single-page app of dist at prefix + "/": GET and HEAD only,
// its index under the explorer's policy (and its assets too when
// assetPolicy), the bare prefix redirected to the folder so that relative
// URLs resolve.
func page(prefix string, dist fs.FS, assetPolicy bool) http.Handler {
	files := http.StripPrefix(prefix+"/", http.FileServerFS(dist))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		// A rebuilt binary may ship new assets under the same names.
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		switch {
		case r.URL.Path == prefix:
			target := prefix + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
		case r.URL.Path == prefix+"/":
			w.Header().Set("Content-Security-Policy", explorerCSP)
			http.ServeFileFS(w, r, dist, "index.html")
		case strings.HasPrefix(r.URL.Path, prefix+"/"):
			if assetPolicy {
				w.Header().Set("Content-Security-Policy", explorerCSP)
			}
			files.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}
