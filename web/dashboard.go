package web

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

// The dashboard's files, written by hand beside a pinned uPlot
// (dashboard/README.md says where it comes from).
//
//go:embed dashboard
var dashboardFiles embed.FS

// DashboardFS holds the dashboard's files: index.html, dashboard.js,
// dashboard.css, uPlot and its licence.
func DashboardFS() fs.FS {
	sub, err := fs.Sub(dashboardFiles, "dashboard")
	if err != nil {
		panic(fmt.Sprintf("dashboard assets: %v", err)) // embedded at build time
	}
	return sub
}

// Dashboard serves the dashboard at /dashboard/ (and redirects /dashboard
// there), under the explorer's policy: nothing from other hosts. Mount it
// on both "/dashboard" and "/dashboard/".
func Dashboard() http.Handler {
	dist := DashboardFS()
	files := http.StripPrefix("/dashboard/", http.FileServerFS(dist))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		switch {
		case r.URL.Path == "/dashboard":
			target := "/dashboard/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
		case r.URL.Path == "/dashboard/":
			w.Header().Set("Content-Security-Policy", explorerCSP)
			http.ServeFileFS(w, r, dist, "index.html")
		case strings.HasPrefix(r.URL.Path, "/dashboard/"):
			w.Header().Set("Content-Security-Policy", explorerCSP)
			files.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}
