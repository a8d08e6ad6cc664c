package graph

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/loaders"
)

// Compiled plans answer queries without gqlgen's generic executor, in the
// spirit of graphql-jit: what the executor works out again for every
// object of every answer — the fields selected on it (CollectFields, with
// a cache key made each time), a FieldContext and a context for each
// field, the middleware chain around each, a Marshaler for each value and
// a FieldSet for each object, all assembled before anything is written —
// a plan works out once per query document and type, and then writes the
// answer's JSON as it resolves it (docs/PERFORMANCE.md, "Issue 13, sixth
// pass").
//
// What a plan calls for a field is what the executor calls (plan_gen.go,
// generated beside the executor from gqlgen's own templates): the field's
// context from the same function, made only where the field resolves
// through a resolver or takes arguments (the resolvers read their
// selection and arguments from it); its value through the same method,
// struct field or resolver; a scalar's or an enum's JSON through the same
// marshal function. What the field middleware (enforce) does, a plan does
// too: the deadline before each resolver field, every list charged to the
// request's budget.
//
// A plan gives the answer only when it has nothing else to say. Anything
// that would make the executor's answer more than data — an error from a
// resolver or a marshaller, an extension a resolver registers, a null
// where the schema allows none, a panic, a deadline passed, a budget
// crossed — makes the plan give up: what it spent of the budget is given
// back and the executor answers the request from the start, with its own
// errors, paths and null propagation. So
// does a value of a type the plan does not expect. Queries the plans do
// not take at all go to the executor directly: mutations and
// subscriptions, any directive in the document (@skip, @include, @defer
// decide per request what is selected), a field with no entry in
// planFields (introspection, batch resolvers), and every query when the
// server has field or root field interceptors of its own beyond enforce.

// planField is how a plan resolves one field of one object (plan_gen.go).
type planField struct {
	// fieldContext makes the field's context, for fields that resolve
	// through a resolver, take arguments or a context; nil otherwise.
	fieldContext func(ec *executionContext, ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error)
	// resolve returns the field's value on obj.
	resolve func(ec *executionContext, ctx context.Context, obj any) (any, error)
	// leaf marshals the value of a scalar or enum field (or a list of
	// them) as the executor does; nil for fields of objects, and a nil
	// Marshaler for a value of a type the executor would refuse.
	leaf func(ec *executionContext, ctx context.Context, v any) graphql.Marshaler
	// quoted: the executor marshals the value, a string or a pointer to
	// one, with graphql.MarshalString (String, ID), which writeQuoted
	// writes without a Marshaler of its own.
	quoted     bool
	resolver   bool
	concurrent bool
}

// planned is the executable schema with compiled plans in front of the
// generated executor.
type planned struct {
	graphql.ExecutableSchema
	es    *executableSchema
	plans *lru.LRU[*opPlan]
	// check, when set, is a file to which every planned answer's
	// comparison with the executor's is appended (PlanCheckEnv).
	check string
}

// PlanCheckEnv names a file: when it is set in the server's environment,
// every query a plan answers is answered by the executor too, the answer
// given is the executor's, and one line per query is appended to the
// file, "same" or "differs" with the query and both answers. The tests
// run with it (graph's TestMain, cmd/diplograph's end-to-end tests) and
// fail on any "differs"; it doubles each query's work, so it is for
// tests only.
const PlanCheckEnv = "DIPLOGRAPH_PLAN_CHECK"

// newPlanned puts plans in front of es, keeping up to size of them (one
// per query document and operation, as the query cache keeps documents).
func newPlanned(es graphql.ExecutableSchema, size int) graphql.ExecutableSchema {
	e, ok := es.(*executableSchema)
	if !ok {
		return es
	}
	return &planned{ExecutableSchema: es, es: e, plans: lru.New[*opPlan](size), check: os.Getenv(PlanCheckEnv)}
}

// planMetrics counts answers by who gave them, for tests and benchmarks.
var planMetrics struct {
	planned, fallback, executor atomic.Int64
}

// Exec answers a query from its plan when there is one, and otherwise, or
// when the plan gives up, through the executor.
func (p *planned) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	pl := p.plan(ctx, oc)
	if pl == nil {
		planMetrics.executor.Add(1)
		return p.ExecutableSchema.Exec(ctx)
	}
	var fallback graphql.ResponseHandler
	done := false
	return func(ctx context.Context) *graphql.Response {
		if fallback != nil {
			return fallback(ctx)
		}
		if done {
			return nil
		}
		done = true
		b, _ := ctx.Value(budgetKey{}).(*budget)
		var rows int64
		if b != nil {
			rows = b.rows.Load()
		}
		if data, ok := pl.run(ctx, p.es, oc); ok {
			planMetrics.planned.Add(1)
			if p.check != "" {
				if b != nil {
					b.rows.Store(rows)
				}
				return p.compare(ctx, oc, data)
			}
			return &graphql.Response{Data: data}
		}
		planMetrics.fallback.Add(1)
		fallback = p.ExecutableSchema.Exec(ctx)
		return fallback(ctx)
	}
}

// compare answers through the executor and appends to p.check whether
// the plan's data, planData, is the same.
func (p *planned) compare(ctx context.Context, oc *graphql.OperationContext, planData []byte) *graphql.Response {
	ectx := graphql.WithResponseContext(ctx, quietPresenter, func(context.Context, any) error { return errPlanPanic })
	var resp *graphql.Response
	for h := p.ExecutableSchema.Exec(ectx); ; {
		r := h(ectx)
		if r == nil {
			break
		}
		if resp == nil {
			resp = r
		}
	}
	errs := graphql.GetErrors(ectx)
	line := "same\n"
	if resp == nil || len(errs) > 0 || !bytes.Equal(resp.Data, planData) {
		var exec []byte
		if resp != nil {
			exec = resp.Data
		}
		line = fmt.Sprintf("differs %q %s\nplan: %s\nexecutor: %s (errors %v)\n", oc.OperationName, oc.RawQuery, planData, exec, errs)
	}
	if f, err := os.OpenFile(p.check, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		f.WriteString(line)
		f.Close()
	}
	if resp == nil {
		return &graphql.Response{Data: planData}
	}
	for _, e := range errs {
		graphql.AddError(ctx, e)
	}
	return resp
}

// plan returns the operation's plan, compiled on first use; nil when the
// plans do not take it.
func (p *planned) plan(ctx context.Context, oc *graphql.OperationContext) *opPlan {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || oc.Doc == nil {
		return nil
	}
	key := oc.OperationName + "\x00" + oc.RawQuery
	pl, ok := p.plans.Get(ctx, key)
	if !ok || pl.op != oc.Operation {
		pl = compile(oc)
		p.plans.Add(ctx, key, pl)
	}
	if pl.broken.Load() {
		return nil
	}
	return pl
}

// opPlan is the plan of one operation of one query document.
type opPlan struct {
	op   *ast.OperationDefinition
	root *selNode
	// broken is set when a selection turned out to hold a field the
	// plans do not take: every request of the operation then goes to the
	// executor.
	broken atomic.Bool
	size   atomic.Int64 // of the last answer
}

func compile(oc *graphql.OperationContext) *opPlan {
	pl := &opPlan{op: oc.Operation, root: &selNode{sel: oc.Operation.SelectionSet}}
	if len(oc.Operation.Directives) > 0 || hasDirectives(oc.Operation.SelectionSet, map[string]bool{}) {
		pl.broken.Store(true)
	}
	return pl
}

// hasDirectives reports whether a directive appears anywhere in sel or
// the fragments it spreads.
func hasDirectives(sel ast.SelectionSet, seen map[string]bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if len(s.Directives) > 0 || hasDirectives(s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if len(s.Directives) > 0 || hasDirectives(s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if len(s.Directives) > 0 || s.Definition == nil {
				return true
			}
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if len(s.Definition.Directives) > 0 || hasDirectives(s.Definition.SelectionSet, seen) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// selNode is one selection set of the document, with the fields it
// selects on each object type, worked out on first use.
type selNode struct {
	sel  ast.SelectionSet
	mode listMode // how a list of objects under it is marshalled (listorder.go)
	// object is the field's type when it is an object type (of a list or
	// not), "" for an interface or a union, whose values' types are
	// looked up (planImplementor).
	object string
	obj    atomic.Pointer[objPlan] // what it selects on object
	mu     sync.Mutex
	objs   atomic.Pointer[map[string]*objPlan]
}

// objPlan is what a selection selects on one object type.
type objPlan struct {
	name     string
	typename []byte // the name as __typename's JSON
	fields   []fieldPlan
}

// fieldPlan is one field of an objPlan.
type fieldPlan struct {
	key   []byte // ,"alias": (no comma before the first)
	field graphql.CollectedField
	pf    *planField // nil for __typename
	typ   *ast.Type
	list  bool     // a list type: charged to the budget
	child *selNode // the selection under a field of objects
}

// forType returns what n selects on the object type name, nil when it
// selects a field the plans do not take.
func (n *selNode) forType(oc *graphql.OperationContext, pl *opPlan, name string) *objPlan {
	if name == n.object {
		if o := n.obj.Load(); o != nil {
			return o
		}
	}
	if m := n.objs.Load(); m != nil {
		if o, ok := (*m)[name]; ok {
			return o
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	old := n.objs.Load()
	if old != nil {
		if o, ok := (*old)[name]; ok {
			return o
		}
	}
	o := compileObject(oc, n.sel, name)
	if o == nil {
		pl.broken.Store(true)
	}
	m := make(map[string]*objPlan, 1)
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	m[name] = o
	n.objs.Store(&m)
	if name == n.object && o != nil {
		n.obj.Store(o)
	}
	return o
}

func compileObject(oc *graphql.OperationContext, sel ast.SelectionSet, name string) *objPlan {
	satisfies, ok := planSatisfies[name]
	fields, known := planFields[name]
	if !ok || !known {
		return nil
	}
	o := &objPlan{name: name, typename: marshalled(graphql.MarshalString(name))}
	written := map[string]bool{}
	for _, f := range graphql.CollectFields(oc, sel, satisfies) {
		if written[f.Alias] || f.Deferrable != nil {
			if f.Deferrable != nil {
				return nil
			}
			continue
		}
		written[f.Alias] = true
		key := marshalled(graphql.MarshalString(f.Alias))
		if len(o.fields) > 0 {
			key = append([]byte{','}, key...)
		}
		fp := fieldPlan{key: append(key, ':'), field: f}
		if f.Name == "__typename" {
			o.fields = append(o.fields, fp)
			continue
		}
		pf := fields[f.Name]
		if pf == nil || f.Definition == nil || f.Definition.Type == nil {
			return nil
		}
		fp.pf = pf
		fp.typ = f.Definition.Type
		fp.list = fp.typ.Elem != nil
		if pf.leaf == nil {
			def := parsedSchema.Types[fp.typ.Name()]
			if def == nil {
				return nil
			}
			fp.child = &selNode{sel: f.Selections, mode: modeOf(f.Selections)}
			switch def.Kind {
			case ast.Object:
				fp.child.object = def.Name
			case ast.Interface, ast.Union:
			default:
				return nil
			}
		}
		o.fields = append(o.fields, fp)
	}
	return o
}

func marshalled(m graphql.Marshaler) []byte {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.Bytes()
}

// runState is one request's run of a plan.
type runState struct {
	ec     *executionContext
	oc     *graphql.OperationContext
	pl     *opPlan
	budget *budget
	failed atomic.Bool // the plan gives up
	mu     sync.Mutex
	fcs    map[*fieldPlan]*graphql.FieldContext // the first of each field's
}

// run answers the operation, or reports false when the plan gives up, in
// which case whatever it charged to the budget is given back.
func (pl *opPlan) run(ctx context.Context, es *executableSchema, oc *graphql.OperationContext) (data []byte, ok bool) {
	ec := newExecutionContext(oc, es, nil)
	r := &runState{ec: ec, oc: oc, pl: pl}
	r.budget, _ = ctx.Value(budgetKey{}).(*budget)
	var rows int64
	if r.budget != nil {
		rows = r.budget.rows.Load()
	}
	// Errors (and response extensions) the plan's resolvers and
	// marshallers add go to a response context of the plan's own, never
	// into the answer: any at all and the executor answers instead.
	ctx = graphql.WithResponseContext(ctx, quietPresenter, func(context.Context, any) error { return errPlanPanic })
	ctx = graphql.WithUnmarshalerMap(ctx, ec.planUnmarshalers())
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query"})
	defer func() {
		if v := recover(); v != nil {
			ok = false
		}
		if !ok && r.budget != nil {
			r.budget.rows.Store(rows)
		}
	}()
	// The answer is written into a buffer the size of the last one, so
	// that it is allocated once rather than grown by doubling.
	var w bytes.Buffer
	w.Grow(max(int(pl.size.Load())+256, 1024))
	o := pl.root.forType(oc, pl, "Query")
	if o == nil || !r.object(ctx, &w, o, nil, true) || r.failed.Load() ||
		len(graphql.GetErrors(ctx)) > 0 || len(graphql.GetExtensions(ctx)) > 0 {
		return nil, false
	}
	pl.size.Store(int64(w.Len()))
	return w.Bytes(), true
}

var errPlanPanic = fmt.Errorf("plan: panic")

func quietPresenter(_ context.Context, err error) *gqlerror.Error {
	return graphql.DefaultErrorPresenter(context.Background(), err)
}

// object writes obj's fields as o selects them.
func (r *runState) object(ctx context.Context, w *bytes.Buffer, o *objPlan, obj any, root bool) bool {
	w.WriteByte('{')
	for i := range o.fields {
		fp := &o.fields[i]
		w.Write(fp.key)
		if fp.pf == nil {
			w.Write(o.typename)
			continue
		}
		if !r.field(ctx, w, fp, obj, root) {
			return false
		}
	}
	w.WriteByte('}')
	return true
}

// fieldContext returns a context for fp: the executor's own the first
// time in a request, a copy of it after. The executor makes one for each
// object the field is resolved on, and parses its arguments each time
// (the participants of each of 50 events); they are the same in one
// request.
func (r *runState) fieldContext(ctx context.Context, fp *fieldPlan) (*graphql.FieldContext, bool) {
	r.mu.Lock()
	first := r.fcs[fp]
	r.mu.Unlock()
	if first == nil {
		fc, err := fp.pf.fieldContext(r.ec, ctx, fp.field)
		if err != nil {
			return nil, false
		}
		c := *fc
		r.mu.Lock()
		if r.fcs == nil {
			r.fcs = map[*fieldPlan]*graphql.FieldContext{}
		}
		r.fcs[fp] = &c
		r.mu.Unlock()
		return fc, true
	}
	c := *first
	return &c, true
}

// field resolves one field and writes its value.
func (r *runState) field(ctx context.Context, w *bytes.Buffer, fp *fieldPlan, obj any, root bool) bool {
	pf := fp.pf
	if root {
		ctx = graphql.WithRootFieldContext(ctx, &graphql.RootFieldContext{Object: fp.field.Name, Field: fp.field})
	}
	// enforce's deadline: before resolver fields only.
	if pf.resolver && ctx.Err() != nil {
		return false
	}
	var fc *graphql.FieldContext
	if pf.fieldContext != nil {
		var ok bool
		if fc, ok = r.fieldContext(ctx, fp); !ok {
			return false
		}
		ctx = graphql.WithFieldContext(ctx, fc)
	}
	v, err := pf.resolve(r.ec, ctx, obj)
	if err != nil {
		return false
	}
	if fc != nil {
		fc.Result = v
	}
	nonNull := fp.typ.NonNull
	if v == nil {
		if nonNull {
			return false
		}
		w.WriteString("null")
		return true
	}
	// enforce's budget: every list a field returns.
	if fp.list && r.budget != nil {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.Len() > 0 {
			if r.budget.rows.Add(-int64(rv.Len())) < 0 {
				return false
			}
		}
	}
	if pf.quoted {
		switch s := v.(type) {
		case string:
			writeQuoted(w, s)
			return true
		case *string:
			if s != nil {
				writeQuoted(w, *s)
				return true
			}
			if nonNull {
				return false
			}
			w.WriteString("null")
			return true
		}
	}
	if pf.leaf != nil {
		m := pf.leaf(r.ec, ctx, v)
		if m == nil || (nonNull && m == graphql.Null) {
			return false
		}
		m.MarshalGQL(w)
		return true
	}
	return r.value(ctx, w, fp.typ, fp.child, v)
}

// value writes v, a value of the object, interface or union type t (or a
// list of them) with the selection n.
func (r *runState) value(ctx context.Context, w *bytes.Buffer, t *ast.Type, n *selNode, v any) bool {
	if t.Elem != nil && t.NonNull && v != nil {
		// A nil slice where the schema wants a list is an empty one.
		return r.list(ctx, w, t.Elem, n, v)
	}
	if isNil(v) {
		if t.NonNull {
			return false
		}
		w.WriteString("null")
		return true
	}
	if t.Elem != nil {
		return r.list(ctx, w, t.Elem, n, v)
	}
	name, obj := n.object, v
	if name == "" {
		if name, obj = planImplementor(t.NamedType, v); name == "" {
			return false
		}
	}
	o := n.forType(r.oc, r.pl, name)
	if o == nil {
		return false
	}
	return r.object(ctx, w, o, obj, false)
}

// list writes the elements of v, a slice, in order where the executor
// would (marshalList), and a goroutine each where it would not.
func (r *runState) list(ctx context.Context, w *bytes.Buffer, elem *ast.Type, n *selNode, v any) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return false
	}
	l := rv.Len()
	w.WriteByte('[')
	mode := inOrder
	if elem.Elem == nil && l > 1 {
		mode = n.mode
		if mode == watched && !loaders.Primed(ctx) {
			mode = concurrent
		}
	}
	for i := 0; i < l; i++ {
		if mode == concurrent {
			if !r.rest(ctx, w, elem, n, rv, i) {
				return false
			}
			break
		}
		if i > 0 {
			w.WriteByte(',')
		}
		var before int64
		if mode == watched {
			before = loaders.Waits(ctx)
		}
		if !r.value(ctx, w, elem, n, rv.Index(i).Interface()) {
			return false
		}
		if mode == watched && loaders.Waits(ctx) != before {
			mode = concurrent
		}
	}
	w.WriteByte(']')
	return true
}

// rest writes the elements from first on, each resolved on a goroutine
// of its own into a buffer of its own, as the executor does.
func (r *runState) rest(ctx context.Context, w *bytes.Buffer, elem *ast.Type, n *selNode, rv reflect.Value, first int) bool {
	bufs := make([]bytes.Buffer, rv.Len()-first)
	var wg sync.WaitGroup
	for i := range bufs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					r.failed.Store(true)
				}
			}()
			if !r.value(ctx, &bufs[i], elem, n, rv.Index(first+i).Interface()) {
				r.failed.Store(true)
			}
		}(i)
	}
	wg.Wait()
	if r.failed.Load() {
		return false
	}
	for i := range bufs {
		if first+i > 0 {
			w.WriteByte(',')
		}
		w.Write(bufs[i].Bytes())
	}
	return true
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

const hexDigits = "0123456789ABCDEF"

// writeQuoted writes s as graphql.MarshalString does (gqlgen's
// writeQuotedString, v0.17.90): quotes, backslash and the control
// characters escaped, nothing else (TestWriteQuoted holds it to
// graphql.MarshalString).
func writeQuoted(w *bytes.Buffer, s string) {
	start := 0
	w.WriteByte('"')
	for i, c := range s {
		if c < 0x20 || c == '\\' || c == '"' {
			w.WriteString(s[start:i])
			switch c {
			case '\t':
				w.WriteString(`\t`)
			case '\r':
				w.WriteString(`\r`)
			case '\n':
				w.WriteString(`\n`)
			case '\\':
				w.WriteString(`\\`)
			case '"':
				w.WriteString(`\"`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hexDigits[c>>4])
				w.WriteByte(hexDigits[c&0xf])
			}
			start = i + 1
		}
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}
