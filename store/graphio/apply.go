package graphio

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/diplograph/diplograph/store"
)

// Summary says what Apply wrote.
type Summary struct {
	Documents, Unchanged int // written, already stored
	NewEntities          int
	NewRelations         int
	NewEvidence          int
	Asserted, Retracted  int
	Elapsed              time.Duration
}

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// Progress, if set, gets a line every Every documents (default 100)
	// and at the end: documents so far and the rate.
	Progress io.Writer
	Every    int
	// SetNow, if set, makes the store stamp retractions with the given
	// time (the store's Now); Apply calls it before each retraction it
	// replays and with the zero time when done.
	SetNow func(time.Time)
}

// Apply writes a checked plan into st: documents one transaction each, in
// order, then assertions, then retractions. A plan from Read writes
// without refusals; an error now is the store's (a lost connection, a full
// disk), reported with the line that was being written.
func Apply(ctx context.Context, st store.Store, p *Plan, opt ApplyOptions) (Summary, error) {
	var sum Summary
	start := time.Now()
	every := opt.Every
	if every <= 0 {
		every = 100
	}
	report := func(n int) {
		if opt.Progress == nil {
			return
		}
		el := time.Since(start)
		fmt.Fprintf(opt.Progress, "import: %d/%d documents, %.0f documents/s\n", n, len(p.Batches), float64(n)/el.Seconds())
	}
	for i, b := range p.Batches {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		res, err := st.WriteBatch(ctx, b)
		if err != nil {
			return sum, fmt.Errorf("%s: write: %w", p.where[i], err)
		}
		if res.Existed {
			sum.Unchanged++
		} else {
			sum.Documents++
		}
		sum.NewEntities += len(res.NewEntities)
		sum.NewRelations += len(res.NewRelation)
		sum.NewEvidence += res.NewEvidence
		if (i+1)%every == 0 && i+1 < len(p.Batches) {
			report(i + 1)
		}
	}
	report(len(p.Batches))
	for _, r := range p.Asserts {
		if _, err := st.AssertRelation(ctx, r); err != nil {
			return sum, fmt.Errorf("assert %s %s %s: %w", r.Subject, r.Type, r.Object, err)
		}
		sum.Asserted++
	}
	if opt.SetNow != nil {
		defer opt.SetNow(time.Time{})
	}
	for _, x := range p.Retracts {
		if opt.SetNow != nil {
			opt.SetNow(x.At)
		}
		if _, err := st.RetractRelation(ctx, x.RelationID, x.Reason); err != nil {
			return sum, fmt.Errorf("retract %s: %w", x.RelationID, err)
		}
		sum.Retracted++
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}
