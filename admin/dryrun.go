package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/internal/redact"
)

// A dry run (Options.DryRun) sends reads and holds writes back: the innermost
// middleware records each write as a Write and answers it with an empty success, so
// ensure_* and apply run their normal logic and report what they would have done.

// Write is one write a dry run held back: the operation, what it targets and the fields
// it would have sent, secrets shown as "***".
type Write struct {
	Op     string         `json:"op"`
	Method string         `json:"method"`
	Target string         `json:"target,omitempty"`
	Fields map[string]any `json:"fields,omitempty"`
}

// String is one line: op target key=value ..., keys sorted.
func (w Write) String() string {
	var b strings.Builder
	b.WriteString(w.Op)
	if w.Target != "" {
		b.WriteString(" " + w.Target)
	}
	for _, k := range slices.Sorted(maps.Keys(w.Fields)) {
		fmt.Fprintf(&b, " %s=%s", k, shortValue(w.Fields[k]))
	}
	return b.String()
}

// DryRunLog collects held-back writes; one log may serve several clients
// (Options.DryRunLog), so that a run can list all of them at the end.
type DryRunLog struct {
	mu     sync.Mutex
	writes []Write
}

// Writes returns the writes held back so far, in the order they were made.
func (d *DryRunLog) Writes() []Write {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Write(nil), d.writes...)
}

// DryRun tells whether the client holds writes back.
func (c *Client) DryRun() bool { return c.dry != nil }

// DryRunWrites returns the writes this client's log holds, in the order they were made.
func (c *Client) DryRunWrites() []Write {
	if c.dry == nil {
		return nil
	}
	return c.dry.Writes()
}

func (d *DryRunLog) middleware(next Handler) Handler {
	return func(ctx context.Context, call *Call) (*Response, error) {
		if !call.IsWrite() {
			return next(ctx, call)
		}
		w := describeWrite(call)
		d.mu.Lock()
		d.writes = append(d.writes, w)
		d.mu.Unlock()
		return &Response{StatusCode: http.StatusOK, Header: http.Header{HeldBackHeader: {"true"}}}, nil
	}
}

// HeldBackHeader marks the answer a dry run gives in place of the server, so middleware
// outside it (the audit log) can tell a planned write from a sent one.
const HeldBackHeader = "X-Minioscript-Held-Back"

// targetKeys name the object a write acts on, most specific first.
var targetKeys = []string{"accessKey", "userOrGroup", "group", "name", "bucket"}

func describeWrite(call *Call) Write {
	w := Write{Op: call.Op, Method: call.Method, Fields: map[string]any{}}
	for _, q := range call.Query {
		w.Fields[q[0]] = q[1]
	}
	if len(call.Body) > 0 {
		var body map[string]any
		if json.Unmarshal(call.Body, &body) == nil {
			for k, v := range body {
				w.Fields[k] = v
			}
		} else {
			w.Fields["body"] = fmt.Sprintf("%d bytes", len(call.Body))
		}
	}
	if call.S3 {
		w.Target = call.Path
	}
	for _, k := range targetKeys {
		if v, ok := w.Fields[k].(string); ok && v != "" && w.Target == "" {
			w.Target = v
			delete(w.Fields, k)
		}
	}
	redactFields(w.Fields)
	w.Target = redact.URLs(w.Target)
	if len(w.Fields) == 0 {
		w.Fields = nil
	}
	return w
}

// redactFields replaces every secret-looking value, at any depth (objects and lists of
// objects), with "***", and masks the password of any URL in a text value.
func redactFields(m map[string]any) {
	for k, v := range m {
		if redact.Name(k) {
			if v != nil && v != "" {
				m[k] = "***"
			}
			continue
		}
		m[k] = redactValue(v)
	}
}

func redactValue(v any) any {
	switch x := v.(type) {
	case string:
		return redact.URLs(x)
	case map[string]any:
		redactFields(x)
	case []any:
		for i, e := range x {
			x[i] = redactValue(e)
		}
	}
	return v
}

// shortValue formats a field value on one line, lists comma-separated, long values cut,
// a URL's password masked.
func shortValue(v any) string {
	var s string
	switch x := v.(type) {
	case []string:
		s = strings.Join(x, ",")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		s = strings.Join(parts, ",")
	case map[string]any:
		b, _ := json.Marshal(x)
		s = string(b)
	default:
		s = fmt.Sprint(x)
	}
	s = redact.URLs(s)
	if strings.ContainsAny(s, " \t\n") || s == "" {
		s = fmt.Sprintf("%q", s)
	}
	return truncate(s, 80)
}
