package web

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
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
func Dashboard() http.Handler { return page("/dashboard", DashboardFS(), true) }
