package sqlite

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"os"
	"sync"
)

// Checkpoints: SQLite copies the write-ahead log back into the database
// file (and then fsyncs the file) in the writer's commit once the log
// holds walAutocheckpoint frames. As the graph grows, the pages a document
// dirties are spread over ever more of the file's index pages (ids are
// hashes), so a checkpoint copies more distinct pages, at random places,
// and its fsync waits longer: at 9,000 documents the checkpoints were a
// quarter of the writer's time (docs/PERFORMANCE.md, "Third pass"). The
// checkpointer does that work on a connection of its own, beside the
// writer, whenever bgCheckpointFrames frames wait; the writer's own
// checkpoint then finds almost everything copied already, and copies the
// rest, so that the log restarts from its beginning and stays bounded.
const (
	// walAutocheckpoint is the writer's checkpoint threshold, in frames
	// (pages) of the log: 64 MiB.
	walAutocheckpoint = 16000
	// bgCheckpointFrames is how many frames not yet copied wake the
	// checkpointer: a page dirtied again within them is copied once.
	bgCheckpointFrames = 4000
	// bgCheckpointNear is how long the log grows before the checkpointer
	// copies whatever waits, one commit's frames at a time.
	bgCheckpointNear = walAutocheckpoint * 3 / 4
)

// checkpointer runs PASSIVE checkpoints (which never wait for the writer
// or readers) on a connection of its own when the writer pokes it and
// bgCheckpointFrames frames or more wait. Its methods do nothing on a
// nil checkpointer (":memory:" has no log).
type checkpointer struct {
	dsn  string
	shm  string // the log's index, whose header says how far the log and the checkpoints have come
	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once // close runs once; a store may be closed twice

	// Opened on the first look, used by run alone.
	db *sql.DB
	f  *os.File
}

// startCheckpointer starts the checkpointer of the database at path,
// which connects with dsn.
func startCheckpointer(path, dsn string) *checkpointer {
	c := &checkpointer{
		dsn:  dsn,
		shm:  path + "-shm",
		wake: make(chan struct{}, 1),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	go c.run()
	return c
}

// poke tells the checkpointer that the writer committed; it never waits.
func (c *checkpointer) poke() {
	if c == nil {
		return
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// close stops the checkpointer, waiting for a checkpoint under way, and
// closes its connection.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	var errs []error
	c.once.Do(func() {
		close(c.stop)
		<-c.done
		if c.db != nil {
			errs = append(errs, c.db.Close())
		}
		if c.f != nil {
			errs = append(errs, c.f.Close())
		}
	})
	return errors.Join(errs...)
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
		}
		// Until fewer than bgCheckpointFrames wait: the writer may have
		// committed more while one ran.
		for {
			select {
			case <-c.stop:
				return
			default:
			}
			if !c.due() {
				break
			}
			if c.db == nil {
				db, err := sql.Open("sqlite", c.dsn)
				if err != nil {
					break
				}
				db.SetMaxOpenConns(1)
				c.db = db
			}
			// A checkpoint that fails (the writer's own holds the
			// checkpoint lock, say) leaves the work to the next one, or to
			// the writer's.
			if _, err := c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
				break
			}
		}
	}
}

// due reports whether a checkpoint is due: bgCheckpointFrames frames wait,
// or the log nears walAutocheckpoint and any wait, so that the writer's
// own checkpoint, which restarts the log, finds little left to copy.
//
// It reads the header of the log's index (the "-shm" file;
// https://sqlite.org/walformat.html#the_wal_index_file_format): mxFrame,
// the last frame committed, at byte 16, and nBackfill, the last frame
// copied, at byte 96, both in the machine's byte order. A header read
// while the writer changes it only misjudges one wake-up.
func (c *checkpointer) due() bool {
	if c.f == nil {
		f, err := os.Open(c.shm)
		if err != nil {
			return false
		}
		c.f = f
	}
	var h [100]byte
	if _, err := c.f.ReadAt(h[:], 0); err != nil {
		return false
	}
	last := int64(binary.NativeEndian.Uint32(h[16:20]))
	copied := int64(binary.NativeEndian.Uint32(h[96:100]))
	return last-copied >= bgCheckpointFrames || (last >= bgCheckpointNear && last > copied)
}
