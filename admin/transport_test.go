package admin_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// Faults of the transport (issue 8, items 1, 2, 4 and the resend rules of item 3),
// injected with httptest servers; the real-server side is in faults_test.go.

func fakeClient(t *testing.T, url string, opts admin.Options) *admin.Client {
	t.Helper()
	opts.Endpoint = url
	opts.Credentials = admin.Credentials{AccessKey: "fake", SecretKey: fakeSecret, SessionToken: "fake-session-token"}
	if opts.RetryBackoff == 0 {
		opts.RetryBackoff = time.Millisecond
	}
	c, err := admin.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// counter is an httptest server that counts the requests it gets.
func counter(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if h != nil {
			h(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestRedirectsAreErrorsAndNeverFollowed(t *testing.T) {
	other, otherHits := counter(t, nil)
	var code atomic.Int32
	first, hits := counter(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", other.URL+r.URL.RequestURI())
		w.WriteHeader(int(code.Load()))
		io.WriteString(w, "moved")
	})
	calls := map[string]func(c *admin.Client) error{
		"user_list (GET)":        func(c *admin.Client) error { _, err := c.UserList(ctx); return err },
		"user_add (sealed PUT)":  func(c *admin.Client) error { _, err := c.UserAdd(ctx, "u1", "password-123"); return err },
		"attach_policy (POST)":   func(c *admin.Client) error { _, err := c.AttachPolicy(ctx, []string{"readonly"}, "u1", ""); return err },
		"make_bucket (S3 write)": func(c *admin.Client) error { _, err := c.MakeBucket(ctx, "b1"); return err },
	}
	// A caller's own HTTP client (default redirect policy) is no exception.
	for _, hc := range []*http.Client{nil, {}} {
		c := fakeClient(t, first.URL, admin.Options{HTTPClient: hc})
		for _, status := range []int{301, 302, 303, 307, 308} {
			code.Store(int32(status))
			for name, call := range calls {
				before := hits.Load()
				err := call(c)
				var re *admin.RedirectError
				if !errors.As(err, &re) || re.StatusCode != status || !strings.HasPrefix(re.Location, other.URL) {
					t.Fatalf("%s, %d: want a RedirectError, got %T %v", name, status, err, err)
				}
				if got := hits.Load() - before; got != 1 {
					t.Fatalf("%s, %d: %d requests, want 1 (a redirect is not retried)", name, status, got)
				}
				if !strings.Contains(err.Error(), "never redirects") {
					t.Fatalf("unclear message: %v", err)
				}
			}
		}
	}
	if n := otherHits.Load(); n != 0 {
		t.Fatalf("the redirect target got %d requests", n)
	}
}

// endless writes until the client goes away and reports how much it wrote.
func endless(status int, header http.Header) (http.HandlerFunc, <-chan int64) {
	done := make(chan int64, 16)
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		chunk := []byte(strings.Repeat("x", 32<<10))
		var n int64
		for {
			m, err := w.Write(chunk)
			n += int64(m)
			if err != nil {
				done <- n
				return
			}
		}
	}, done
}

func written(t *testing.T, done <-chan int64) int64 {
	t.Helper()
	select {
	case n := <-done:
		return n
	case <-time.After(30 * time.Second):
		t.Fatal("the server is still sending: the client did not stop reading")
		return 0
	}
}

func TestAnswersAreCapped(t *testing.T) {
	const limit = 1 << 20
	h, done := endless(200, nil)
	srv, hits := counter(t, h)
	c := fakeClient(t, srv.URL, admin.Options{MaxResponseBytes: limit})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.UserList(ctx)
	runtime.ReadMemStats(&after)
	var re *admin.ResponseError
	if !errors.As(err, &re) || !errors.Is(err, admin.ErrResponseTooLarge) || !strings.Contains(err.Error(), "MaxResponseBytes") {
		t.Fatalf("endless answer: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*limit {
		t.Fatalf("reading a capped answer allocated %d bytes", alloc)
	}
	// What the server got out is the cap plus socket buffers, not an endless stream.
	if n := written(t, done); n > 64<<20 {
		t.Fatalf("server wrote %d bytes before the client stopped", n)
	}
	if hits.Load() != 1 {
		t.Fatalf("%d requests: a too-large answer must not be retried", hits.Load())
	}

	// A declared length past the cap fails before anything is read.
	big, _ := counter(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10737418240")
		w.WriteHeader(200)
		io.WriteString(w, "{}")
	})
	if _, err := fakeClient(t, big.URL, admin.Options{}).ServerInfo(ctx); !errors.Is(err, admin.ErrResponseTooLarge) {
		t.Fatalf("10 GiB Content-Length: %v", err)
	}

	// An endless error body: the status survives, the body is cut at MaxErrorBody.
	h, done = endless(500, nil)
	errSrv, _ := counter(t, h)
	_, err = fakeClient(t, errSrv.URL, admin.Options{}).UserAdd(ctx, "u1", "password-123")
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 500 || !ae.Truncated || len(ae.Body) != admin.MaxErrorBody ||
		!strings.Contains(err.Error(), "not read to the end") || len(err.Error()) > 1000 {
		t.Fatalf("endless error body: %v", err)
	}
	written(t, done)

	// The profile ZIP has its own, larger cap.
	var size atomic.Int64
	zipSrv, _ := counter(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, size.Load()))
	})
	pc := fakeClient(t, zipSrv.URL, admin.Options{MaxResponseBytes: limit, MaxProfileBytes: 3 * limit})
	size.Store(2 * limit)
	if data, err := pc.ProfileStart(ctx, []string{"cpu"}, time.Millisecond); err != nil || len(data) != 2*limit {
		t.Fatalf("profile under its cap: %d bytes, %v", len(data), err)
	}
	size.Store(4 * limit)
	if _, err := pc.ProfileStart(ctx, []string{"cpu"}, time.Millisecond); !errors.Is(err, admin.ErrResponseTooLarge) ||
		!strings.Contains(err.Error(), "MaxProfileBytes") {
		t.Fatalf("profile over its cap: %v", err)
	}
}

// hang is a server that accepts requests and never answers them.
func hang(t *testing.T) (*httptest.Server, *atomic.Int32) {
	return counter(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a closed connection only once the body is read
		<-r.Context().Done()
	})
}

func TestTimeouts(t *testing.T) {
	srv, hits := hang(t)
	c := fakeClient(t, srv.URL, admin.Options{HeaderTimeout: 200 * time.Millisecond})
	for name, call := range map[string]func() error{
		"read":  func() error { _, err := c.UserList(ctx); return err },
		"write": func() error { _, err := c.UserAdd(ctx, "u1", "password-123"); return err },
	} {
		before := hits.Load()
		err := call()
		var re *admin.RequestError
		if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "Options.HeaderTimeout") {
			t.Fatalf("%s to a hung server: %v", name, err)
		}
		if n := hits.Load() - before; n != 1 {
			t.Fatalf("%s: %d requests; a timed-out call is not resent", name, n)
		}
	}
	// Timeout also bounds the wait for headers.
	_, err := fakeClient(t, srv.URL, admin.Options{Timeout: 200 * time.Millisecond}).ServerInfo(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "Options.Timeout") {
		t.Fatalf("whole-request limit on a hung server: %v", err)
	}
	// A body that trickles forever runs into the whole-request limit.
	trickle, _ := counter(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for r.Context().Err() == nil {
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			time.Sleep(10 * time.Millisecond)
		}
	})
	_, err = fakeClient(t, trickle.URL, admin.Options{Timeout: 300 * time.Millisecond}).ServerInfo(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "request not complete") {
		t.Fatalf("trickling body: %v", err)
	}
	// Slow calls get SlowTimeout instead; a caller's shorter deadline still wins and
	// stays the caller's (not reported as one of the client's limits).
	slow, _ := counter(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "PK")
	})
	sc := fakeClient(t, slow.URL, admin.Options{HeaderTimeout: 100 * time.Millisecond, SlowTimeout: 5 * time.Second})
	if _, err := sc.ProfileStart(ctx, []string{"cpu"}, time.Millisecond); err != nil {
		t.Fatalf("profile within SlowTimeout: %v", err)
	}
	if _, err := sc.ServerInfo(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("ordinary call past HeaderTimeout: %v", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = fakeClient(t, srv.URL, admin.Options{}).ServerInfo(cctx)
	if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "Options.") {
		t.Fatalf("caller's deadline: %v", err)
	}
}

// dropFirst answers like reply, except that the first request's connection is closed
// before any answer: an answer lost on its way back.
func dropFirst(t *testing.T, reply func(w http.ResponseWriter, r *http.Request)) (*httptest.Server, *atomic.Int32) {
	return counter(t, numbered(func(n int32, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			io.Copy(io.Discard, r.Body)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		if reply != nil {
			reply(w, r)
		}
	}))
}

// numbered numbers the requests of a handler from 1.
func numbered(h func(n int32, w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) { h(n.Add(1), w, r) }
}

func answer(status int, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestWritesWhoseAnswerWasLost(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reply    func(w http.ResponseWriter, r *http.Request)
		call     func(c *admin.Client) error
		requests int32 // a resend follows the user listing that waits for IAM to load
		ok       bool
	}{
		{"state write is resent", nil,
			func(c *admin.Client) error { _, err := c.UserAdd(ctx, "u1", "password-123"); return err }, 3, true},
		{"policy_set is resent", nil,
			func(c *admin.Client) error { _, err := c.PolicySet(ctx, "readonly", "u1", false); return err }, 3, true},
		{"remove: gone on the resend is done", answer(404, `{"Code":"XMinioAdminNoSuchUser","Message":"no such user"}`),
			func(c *admin.Client) error { _, err := c.UserRemove(ctx, "u1"); return err }, 3, true},
		{"attach: already applied on the resend is done", answer(400, `{"Code":"XMinioAdminPolicyChangeAlreadyApplied"}`),
			func(c *admin.Client) error {
				_, err := c.AttachPolicy(ctx, []string{"readonly"}, "u1", "")
				return err
			}, 3, true},
		{"attach: another refusal stays an error", answer(404, `{"Code":"XMinioAdminNoSuchPolicy"}`),
			func(c *admin.Client) error {
				_, err := c.AttachPolicy(ctx, []string{"nope"}, "u1", "")
				var se *admin.Error
				if errors.As(err, &se) && !se.Resent {
					t.Error("Resent not set")
				}
				return err
			}, 3, false},
		{"make_bucket: owned by us is done", answer(409, `<Error><Code>BucketAlreadyOwnedByYou</Code></Error>`),
			func(c *admin.Client) error { _, err := c.MakeBucket(ctx, "b1"); return err }, 2, true}, // S3: no IAM wait
		{"make_bucket: someone else's is not", answer(409, `<Error><Code>BucketAlreadyExists</Code></Error>`),
			func(c *admin.Client) error { _, err := c.MakeBucket(ctx, "b1"); return err }, 2, false},
		{"never-resent write reports the failure", nil,
			func(c *admin.Client) error { _, err := c.KMSKeyCreate(ctx, "k1"); return err }, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, hits := dropFirst(t, tc.reply)
			err := tc.call(fakeClient(t, srv.URL, admin.Options{}))
			if (err == nil) != tc.ok || hits.Load() != tc.requests {
				t.Fatalf("err %v after %d requests; want ok=%v after %d", err, hits.Load(), tc.ok, tc.requests)
			}
		})
	}
	// A server going down answers 499 for a request it dropped: as good as a lost answer.
	for op, call := range map[string]func(c *admin.Client) error{
		"user_add":       func(c *admin.Client) error { _, err := c.UserAdd(ctx, "u1", "password-123"); return err },
		"kms_key_create": func(c *admin.Client) error { _, err := c.KMSKeyCreate(ctx, "k1"); return err },
	} {
		srv, hits := counter(t, numbered(func(n int32, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				answer(499, `{"Code":"ClientDisconnected","Message":"Client disconnected before response was ready"}`)(w, r)
			}
		}))
		err := call(fakeClient(t, srv.URL, admin.Options{}))
		if resent := op == "user_add"; (err == nil) != resent || hits.Load() != map[bool]int32{true: 3, false: 1}[resent] {
			t.Fatalf("%s after a 499: %v, %d requests", op, err, hits.Load())
		}
	}
	// A server that is down or starting is waited for, by time, not by count.
	down, downHits := counter(t, answer(503, `{"Code":"XMinioServerNotInitialized"}`))
	_, err := fakeClient(t, down.URL, admin.Options{UnavailableWait: 300 * time.Millisecond, RetryBackoff: 10 * time.Millisecond}).
		UserAdd(ctx, "u1", "password-123")
	if se := (*admin.Error)(nil); !errors.As(err, &se) || se.StatusCode != 503 || downHits.Load() < 3 {
		t.Fatalf("server starting: %v after %d requests", err, downHits.Load())
	}
	// MinIO shutting down refuses a request before handling it: the write waits it out.
	closing, closingHits := counter(t, numbered(func(n int32, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			answer(503, "http: Server closed")(w, r)
		}
	}))
	if _, err := fakeClient(t, closing.URL, admin.Options{}).GroupAdd(ctx, "g", []string{"u"}); err != nil || closingHits.Load() != 3 {
		t.Fatalf("server shutting down: %v after %d requests", err, closingHits.Load())
	}
	// "Already done" is only believed after a lost answer: a first answer is the truth.
	srv, _ := counter(t, answer(404, `{"Code":"XMinioAdminNoSuchUser"}`))
	if _, err := fakeClient(t, srv.URL, admin.Options{}).UserRemove(ctx, "u1"); err == nil {
		t.Fatal("a plain 404 became success")
	}
}

// A restart from elsewhere closes the client's keep-alive connections; the next write
// must still go through.
func TestWriteAfterServerClosedConnections(t *testing.T) {
	srv, hits := counter(t, nil)
	c := fakeClient(t, srv.URL, admin.Options{})
	for i := range 20 {
		if _, err := c.GroupAdd(ctx, "g", []string{"u"}); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		srv.CloseClientConnections()
	}
	if hits.Load() < 20 {
		t.Fatalf("%d requests", hits.Load())
	}
}
