package jobs

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/internal/redact"
)

// ChangeError is a change that failed.
type ChangeError struct {
	Change Change
	Err    error
}

func (e *ChangeError) Error() string {
	return fmt.Sprintf("%s %s %s: %v", e.Change.Action, e.Change.Kind, e.Change.Name, e.Err)
}

func (e *ChangeError) Unwrap() error { return e.Err }

// Report is what a plan would do or what Apply did: the same for both when every
// change succeeds, and the same whether Apply used the bulk import or not.
type Report struct {
	Changes   []Change
	Created   int
	Updated   int
	Deleted   int
	Unchanged int
	Failed    int
	Errors    []*ChangeError
	Warnings  []string
	Applied   bool // false for a plan
	DryRun    bool
	Bulk      bool // the server's IAM import carried part of the changes
}

// PlanReport is the report of a plan that has not been applied.
func PlanReport(p *Plan, dryRun bool) *Report {
	r := &Report{Changes: p.Changes, Unchanged: p.Unchanged, DryRun: dryRun, Warnings: p.Warnings}
	for _, ch := range p.Changes {
		r.count(ch.Action)
	}
	return r
}

func (r *Report) count(action string) {
	switch action {
	case ActionCreate:
		r.Created++
	case ActionUpdate:
		r.Updated++
	case ActionDelete:
		r.Deleted++
	}
}

// String is the readable form without colour (Render).
func (r *Report) String() string {
	var b strings.Builder
	r.Render(&b, false)
	return strings.TrimRight(b.String(), "\n")
}

// CountLine is the report's first line: what it creates, updates and deletes.
func (r *Report) CountLine() string {
	var s string
	switch {
	case r.Applied && !r.DryRun:
		s = fmt.Sprintf("applied: %d created, %d updated, %d deleted, %d unchanged, %d failed",
			r.Created, r.Updated, r.Deleted, r.Unchanged, r.Failed)
	case r.DryRun:
		s = fmt.Sprintf("dry run: %d to create, %d to update, %d to delete, %d unchanged", r.Created, r.Updated, r.Deleted, r.Unchanged)
	default:
		s = fmt.Sprintf("plan: %d to create, %d to update, %d to delete, %d unchanged", r.Created, r.Updated, r.Deleted, r.Unchanged)
	}
	if r.Bulk {
		s += " (bulk import)"
	}
	return s
}

// Render writes the one readable form of plans and reports (plan, apply, --dry-run and
// a Lua report's tostring): the count line, then one line per change — "+" a create
// with the object, "~" an update with "field: before → after", "-" a delete with what
// the server held — then warnings and errors. Secrets show as (secret). With color,
// the signs are green, yellow and red.
func (r *Report) Render(w io.Writer, color bool) {
	fmt.Fprintln(w, r.CountLine())
	for _, ch := range r.Changes {
		fmt.Fprintln(w, "  "+ch.render(color))
	}
	if names := r.RestartNeeded(); len(names) > 0 {
		fmt.Fprintf(w, "restart needed: the server applies config %s when it restarts (service_restart)\n", strings.Join(names, ", "))
	}
	for _, s := range r.Warnings {
		fmt.Fprintln(w, "warning: "+s)
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w, "error: "+e.Error())
	}
}

// RestartNeeded names the changes made that the server applies only when it restarts.
func (r *Report) RestartNeeded() []string {
	var out []string
	for _, ch := range r.Changes {
		if ch.Restart {
			out = append(out, ch.Name)
		}
	}
	return out
}

// Line is the change as one line without colour.
func (ch Change) Line() string { return ch.render(false) }

var signs = map[string]struct{ sign, color string }{
	ActionCreate: {"+", "\x1b[32m"}, ActionUpdate: {"~", "\x1b[33m"}, ActionDelete: {"-", "\x1b[31m"},
}

func (ch Change) render(color bool) string {
	s := signs[ch.Action]
	var b strings.Builder
	if color {
		b.WriteString(s.color + s.sign + "\x1b[0m")
	} else {
		b.WriteString(s.sign)
	}
	fmt.Fprintf(&b, " %s %s", ch.Kind, ch.Name)
	if ch.Restart {
		b.WriteString(" (after a restart)")
	}
	if ch.Action == ActionUpdate {
		for i, k := range slices.Sorted(maps.Keys(ch.After)) {
			sep := " "
			if i > 0 {
				sep = ", "
			}
			fmt.Fprintf(&b, "%s%s: %s → %s", sep, k, showValue(ch.Before[k]), showValue(ch.After[k]))
		}
		return b.String()
	}
	fields := ch.After
	if ch.Action == ActionDelete {
		fields = ch.Before
	}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		fmt.Fprintf(&b, " %s=%s", k, showValue(fields[k]))
	}
	return b.String()
}

// showValue writes a field value: lists comma-joined, "" and text with spaces quoted, a
// URL's password masked.
func showValue(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		s = ""
	case []string:
		s = strings.Join(x, ",")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = showValue(e)
		}
		s = strings.Join(parts, ",")
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case map[string]any, map[string]string:
		b, _ := json.Marshal(x) // keys sorted
		s = string(b)
	default:
		s = fmt.Sprint(x)
	}
	s = redact.URLs(s)
	if s == "" || strings.ContainsAny(s, " \t\n") {
		s = strconv.Quote(s)
	}
	return s
}

// UseColor tells whether output should be coloured: it goes to a terminal, and
// NO_COLOR is unset or empty (https://no-color.org).
func UseColor(terminal bool) bool {
	return terminal && os.Getenv("NO_COLOR") == ""
}

// ChangeLog collects the changes of every engine that records into it (its Record
// method fits Engine.OnChange), so that a run can print a summary at the end. Safe for
// concurrent use.
type ChangeLog struct {
	mu        sync.Mutex
	changes   []Change
	unchanged int
}

// Record adds one change.
func (l *ChangeLog) Record(ch Change) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.changes = append(l.changes, ch)
}

// Unchanged adds n objects found already as wanted (its method fits
// Engine.OnUnchanged).
func (l *ChangeLog) Unchanged(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unchanged += n
}

// Report sums up the changes recorded so far, as a plan of a dry run or as applied.
func (l *ChangeLog) Report(dryRun bool) *Report {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &Report{Changes: append([]Change(nil), l.changes...), Applied: true, DryRun: dryRun, Unchanged: l.unchanged}
	for _, ch := range l.changes {
		r.count(ch.Action)
	}
	return r
}

// ByKind counts the changes recorded so far by kind (user, group, ...).
func (l *ChangeLog) ByKind() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := map[string]int{}
	for _, ch := range l.changes {
		m[ch.Kind]++
	}
	return m
}
