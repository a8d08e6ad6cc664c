// Package browsertest starts the headless Chromium that the explorer's and
// the dashboard's browser tests drive, the same way for every package.
package browsertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium is where Debian puts the browser; scripts/setup-explore-test.sh
// (run by `make test`) installs it.
const Chromium = "/usr/bin/chromium"

// Require skips the test when DIPLOGRAPH_SKIP_BROWSER=1 and fails it, saying
// how to install the browser, when Chromium is missing. Call it before
// starting anything the test would otherwise waste.
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv("DIPLOGRAPH_SKIP_BROWSER") == "1" {
		t.Skip("DIPLOGRAPH_SKIP_BROWSER=1")
	}
	if _, err := os.Stat(Chromium); err != nil {
		t.Fatalf("browser tests need Debian's chromium at %s (%v): run scripts/setup-explore-test.sh (make test runs it), or set DIPLOGRAPH_SKIP_BROWSER=1 to skip them", Chromium, err)
	}
}

// New starts headless Chromium with a fresh profile and nothing that
// reaches out to the network by itself, bounded to three minutes so a
// hung browser fails the test rather than the package's timeout. It is
// closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	Require(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(Chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTime()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", Chromium, err)
	}
	return ctx
}

// Do runs the steps of one thing a person does on the page, within a
// time long enough for a slow machine and short enough that a step that
// never happens fails the test with its name.
func Do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Read evaluates a script that reads the page.
func Read[T any](t testing.TB, ctx context.Context, what, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Until waits for a script's condition to hold on the page.
func Until(script string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](script)(ctx, t)
		return err
	})
}
