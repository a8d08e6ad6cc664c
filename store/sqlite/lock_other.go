//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package sqlite

import "os"

// flock does nothing where flock(2) is missing: there, Restore cannot see
// that another process has the store open (on Windows, replacing a file
// another process has open fails anyway).
func flock(f *os.File, exclusive bool) error { return nil }
