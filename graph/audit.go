package graph

import (
	"context"
	"strconv"
	"time"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// AuditLog reads the audit log for the auditLog query. It is injected
// (serve adapts auth's) so that graph stays free of who may do what; the
// access guard lets only admins reach the query.
type AuditLog func(ctx context.Context, q AuditQuery) (AuditPage, error)

// AuditQuery selects audit entries. Nil fields do not filter.
type AuditQuery struct {
	Key, Operation *string
	Failed         *bool
	Since, Until   *time.Time
	First          int   // 1 to store.MaxPageSize
	After          int64 // entries older than this one; 0: from the newest
}

// AuditPage is a page of entries, newest first, each with its cursor.
type AuditPage struct {
	Entries []*model.AuditEntry
	Cursors []int64
	HasNext bool
}

func (r *Resolver) auditLog(ctx context.Context, filter *model.AuditFilter, first *int, after *string) (*model.AuditConnection, error) {
	if r.Audit == nil {
		return nil, store.Errorf(store.EINVALID, "this server keeps no audit log")
	}
	p, countOnly, err := page(first, after)
	if err != nil {
		return nil, err
	}
	conn := &model.AuditConnection{Edges: []*model.AuditEdge{}, PageInfo: pageInfo(false, "")}
	if countOnly {
		return conn, nil
	}
	q := AuditQuery{First: p.First}
	if q.First <= 0 {
		q.First = store.DefaultPageSize
	}
	if p.After != "" {
		if q.After, err = strconv.ParseInt(p.After, 10, 64); err != nil || q.After <= 0 {
			return nil, store.Errorf(store.EINVALID, "after %q is not a cursor of the audit log", p.After)
		}
	}
	if filter != nil {
		q.Key, q.Operation, q.Failed = filter.Key, filter.Operation, filter.Failed
		for _, b := range []struct {
			name string
			in   *string
			out  **time.Time
		}{{"filter.since", filter.Since, &q.Since}, {"filter.until", filter.Until, &q.Until}} {
			if b.in == nil {
				continue
			}
			t, err := time.Parse(time.RFC3339, *b.in)
			if err != nil {
				return nil, store.Errorf(store.EINVALID, "%s: %q is not an RFC 3339 time such as 2024-03-18T09:00:00Z", b.name, clip(*b.in, 40))
			}
			*b.out = &t
		}
	}
	res, err := r.Audit(ctx, q)
	if err != nil {
		return nil, err
	}
	end := ""
	for i, e := range res.Entries {
		end = strconv.FormatInt(res.Cursors[i], 10)
		conn.Edges = append(conn.Edges, &model.AuditEdge{Cursor: end, Node: e})
	}
	conn.PageInfo = pageInfo(res.HasNext, end)
	return conn, nil
}
