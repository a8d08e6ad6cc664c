package sqlite

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrInUse is returned (wrapped) by Restore when another process has the
// store open, and by Open when a restore is replacing the store.
var ErrInUse = errors.New("in use by another process")

// errLocked is flock's answer when a conflicting lock is held.
var errLocked = errors.New("locked")

// lockWait is how long Open waits for a restore to finish.
var lockWait = BusyTimeout

// LockPath returns the lock file that goes with the database at path: every
// process with the store open holds a shared lock on it, and Restore an
// exclusive one while it replaces the database. The file stays; the locks
// go with the processes.
func LockPath(path string) string { return path + ".lock" }

// lockStore locks the database at path, shared or exclusive, waiting up
// to wait for a conflicting lock to go. Closing the file unlocks it.
func lockStore(path string, exclusive bool, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(LockPath(path), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := flock(f, exclusive)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, errLocked) || !time.Now().Before(deadline) {
			f.Close()
			if errors.Is(err, errLocked) {
				return nil, ErrInUse
			}
			return nil, fmt.Errorf("lock: %w", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
