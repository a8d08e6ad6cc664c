package sqlite

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenWaitsForRestore: while a restore holds the store's lock, Open
// waits for it, and gives up with ErrInUse if it is held too long.
func TestOpenWaitsForRestore(t *testing.T) {
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 50 * time.Millisecond
	path := filepath.Join(t.TempDir(), "graph.db")
	lock, err := lockStore(path, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	if db, err := Open(path); !errors.Is(err, ErrInUse) {
		if db != nil {
			db.Close()
		}
		t.Fatalf("Open during a restore = %v, want ErrInUse", err)
	}

	lockWait = time.Minute // a deadline, not a timing: the lock goes at once
	released := make(chan struct{})
	go func() {
		time.Sleep(100 * time.Millisecond)
		lock.Close()
		close(released)
	}()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open once the restore is done: %v", err)
	}
	<-released
	if _, err := lockStore(path, true, 0); !errors.Is(err, ErrInUse) {
		t.Errorf("exclusive lock while the store is open = %v, want ErrInUse", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	l, err := lockStore(path, true, 0)
	if err != nil {
		t.Fatalf("exclusive lock once the store is closed: %v", err)
	}
	l.Close()
}
