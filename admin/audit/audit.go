// Package audit records the writes a run sends: counts for the run summary and, with
// --audit-log, one JSON line per write. It is an admin.Middleware, so it sees every call
// of every client a run creates, whichever way the script connected.
package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// File is an audit log opened for appending; one File may serve many runs at once.
type File struct {
	mu sync.Mutex
	f  *os.File
}

// Open opens path for appending, creating it readable by its owner only.
//
// The file is opened without waiting (O_NONBLOCK): a FIFO would block the open until a
// reader comes, and every write after, so one is refused, as are folders and sockets.
// A regular file or a character device (/dev/stderr) is fine.
func Open(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NONBLOCK, 0o600)
	if errors.Is(err, syscall.ENXIO) {
		err = errors.New("a FIFO (named pipe) could block the run; give a regular file")
	}
	if err != nil {
		return nil, fmt.Errorf("--audit-log %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() && fi.Mode()&os.ModeCharDevice == 0 {
		err = fmt.Errorf("not a regular file (%s); a FIFO or socket could block the run", fi.Mode().Type())
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("--audit-log %s: %w", path, err)
	}
	return &File{f: f}, nil
}

// Close closes the file.
func (a *File) Close() error { return a.f.Close() }

// write appends one line in a single write, so lines of concurrent runs (and of other
// processes appending to the same file) never interleave.
func (a *File) write(e *Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	_, err = a.f.Write(append(b, '\n'))
	return err
}

// Entry is one audit line. It names what was changed but never carries a request body,
// so secrets (passwords, secret keys, session policies) cannot reach the file.
type Entry struct {
	Time       string            `json:"time"`
	Operation  string            `json:"operation"`
	Targets    map[string]string `json:"targets,omitempty"`
	Result     int               `json:"result"` // HTTP status; 0 when no answer came
	Error      string            `json:"error,omitempty"`
	DurationMS float64           `json:"duration_ms"`
	RequestID  string            `json:"request_id,omitempty"`
	DryRun     bool              `json:"dry_run,omitempty"`
	Job        string            `json:"job,omitempty"`
	RunID      string            `json:"run_id,omitempty"`
}

// Recorder counts and audits the writes of one run.
type Recorder struct {
	file   *File // nil: count only
	dryRun bool
	job    string
	runID  string
	now    func() time.Time

	sent, failed, planned atomic.Int64
	warnOnce              sync.Once
	warn                  func(error)
}

// Options configures a Recorder.
type Options struct {
	File   *File // where lines go; nil counts only
	DryRun bool  // the run holds writes back: lines say "dry_run": true
	Job    string
	RunID  string
	// Warn is told once when the audit file cannot be written; the run goes on.
	Warn func(error)
}

// New returns a recorder for one run.
func New(o Options) *Recorder {
	return &Recorder{file: o.File, dryRun: o.DryRun, job: o.Job, runID: o.RunID, warn: o.Warn, now: time.Now}
}

// Counts returns the writes sent, how many of them failed, and the writes a dry run
// held back.
func (r *Recorder) Counts() (sent, failed, planned int64) {
	return r.sent.Load(), r.failed.Load(), r.planned.Load()
}

// Middleware records each write that passes; reads go through untouched.
func (r *Recorder) Middleware(next admin.Handler) admin.Handler {
	return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
		if !call.IsWrite() {
			return next(ctx, call)
		}
		start := r.now()
		resp, err := next(ctx, call)
		// A dry run may be the whole run's (--dry-run) or one client's (connect{dry_run=true}).
		heldBack := r.dryRun || resp != nil && resp.Header.Get(admin.HeldBackHeader) != ""
		switch {
		case heldBack && err == nil:
			r.planned.Add(1)
		case err != nil:
			r.sent.Add(1)
			r.failed.Add(1)
		default:
			r.sent.Add(1)
		}
		if r.file == nil {
			return resp, err
		}
		e := &Entry{
			Time:       start.UTC().Format(time.RFC3339Nano),
			Operation:  call.Op,
			Targets:    Targets(call),
			DurationMS: float64(r.now().Sub(start).Microseconds()) / 1000,
			DryRun:     heldBack,
			Job:        r.job,
			RunID:      r.runID,
		}
		var ae *admin.Error
		switch {
		case heldBack && resp != nil:
			e.Result = resp.StatusCode
		case resp != nil:
			e.Result = resp.StatusCode
			e.RequestID = resp.Header.Get("X-Amz-Request-Id")
		case errors.As(err, &ae):
			e.Result, e.RequestID = ae.StatusCode, ae.RequestID
			e.Error = ae.Code
		}
		if err != nil && e.Error == "" {
			e.Error = errorKind(err)
		}
		if werr := r.file.write(e); werr != nil && r.warn != nil {
			r.warnOnce.Do(func() { r.warn(fmt.Errorf("audit log: %w", werr)) })
		}
		return resp, err
	}
}

// errorKind names a failure without its text, which may quote arguments.
func errorKind(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	var re *admin.RequestError
	var ae *admin.ArgumentError
	switch {
	case errors.As(err, &ae):
		return "argument"
	case errors.As(err, &re):
		return "network"
	}
	return "response"
}

// targetKeys are the query parameters and top-level body fields that name what a write
// changes. Only these are copied: anything else in a body may be a secret.
var targetKeys = map[string]string{
	"accessKey":    "access_key",
	"bucket":       "bucket",
	"group":        "group",
	"name":         "name",
	"policyName":   "policy",
	"policy":       "policy",
	"policies":     "policies",
	"userOrGroup":  "user_or_group",
	"user":         "user",
	"users":        "users",
	"groups":       "groups",
	"members":      "members",
	"targetUser":   "user",
	"userDN":       "user_dn",
	"key-id":       "key_id",
	"key":          "key",
	"status":       "status",
	"restoreId":    "restore_id",
	"profilerType": "profiler",
}

// Targets extracts the names a write acts on from its query and, for plaintext JSON
// object bodies, from the whitelisted top-level fields.
func Targets(call *admin.Call) map[string]string {
	t := map[string]string{}
	if call.S3 && call.Path != "" {
		t["bucket"] = call.Path
	}
	for _, q := range call.Query {
		if name, ok := targetKeys[q[0]]; ok && q[1] != "" {
			t[name] = q[1]
		}
	}
	var body map[string]json.RawMessage
	if len(call.Body) > 0 && json.Unmarshal(call.Body, &body) == nil {
		keys := make([]string, 0, len(body))
		for k := range body {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name, ok := targetKeys[k]
			if !ok {
				continue
			}
			if _, dup := t[name]; dup {
				continue
			}
			if v := nameValue(body[k]); v != "" {
				t[name] = v
			}
		}
	}
	if len(t) == 0 {
		return nil
	}
	return t
}

// nameValue renders a string or a list of strings; other JSON shapes are not names.
func nameValue(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		out := ""
		for i, x := range list {
			if i > 0 {
				out += ","
			}
			out += x
		}
		return out
	}
	return ""
}
