package admin

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// adminPrefix is where every admin API v3 route lives.
const adminPrefix = "/minio/admin/v3/"

// Call is one admin request as the operations describe it, before signing and
// encryption. Middleware sees it exactly like this: Body is the plaintext.
type Call struct {
	Op              string      // reference operation name, e.g. "user_add"
	Method          string      // HTTP method
	Path            string      // route below /minio/admin/v3/, e.g. "add-user"; for S3, the bucket
	S3              bool        // an S3 API call: Path is relative to the root
	Query           [][2]string // query pairs (sent in canonical order)
	Body            []byte      // plaintext request body (nil: none)
	EncryptBody     bool        // seal Body with the payload format
	DecryptResponse bool        // the success body is sealed
	Header          http.Header // extra request headers (S3 calls: Content-Md5, object lock), signed

	extraWait time.Duration // added to SlowTimeout: the profiling time of profile_start
}

// IsWrite tells whether the call may change server state (everything but GET).
func (c *Call) IsWrite() bool { return c.Method != http.MethodGet }

// Response is a successful answer; Body is already decrypted.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// Handler executes a call.
type Handler func(ctx context.Context, call *Call) (*Response, error)

// Middleware wraps a Handler; see Options.Middleware.
type Middleware func(next Handler) Handler

// Result is a decoded answer together with the exact bytes the server sent (decrypted
// when the response was encrypted).
type Result[T any] struct {
	Value T
	Raw   []byte
}

func (c *Client) do(ctx context.Context, call *Call) (*Response, error) {
	return c.handler(ctx, call)
}

// doJSON runs call and decodes its body into T.
func doJSON[T any](ctx context.Context, c *Client, call *Call) (Result[T], error) {
	var r Result[T]
	resp, err := c.do(ctx, call)
	if err != nil {
		return r, err
	}
	r.Raw = resp.Body
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return r, nil
	}
	if err := json.Unmarshal(resp.Body, &r.Value); err != nil {
		return r, &ResponseError{Op: call.Op, Err: fmt.Errorf("decoding JSON: %w", err)}
	}
	return r, nil
}

// doText runs call and returns the server's text answer (often empty).
func (c *Client) doText(ctx context.Context, call *Call) (string, error) {
	resp, err := c.do(ctx, call)
	if err != nil {
		return "", err
	}
	return string(resp.Body), nil
}

// send is the one request path: encrypt, sign, send, retry, check, decrypt.
func (c *Client) send(ctx context.Context, call *Call) (*Response, error) {
	body := call.Body
	if call.EncryptBody {
		var err error
		if body, err = sealPayload(c.cred.SecretKey, call.Body, c.kdf, c.keys); err != nil {
			return nil, &RequestError{Op: call.Op, Err: fmt.Errorf("encrypting request: %w", err)}
		}
	}
	class := classOf(call)
	if class.resend == resendNever && call.IsWrite() {
		// Such a write cannot be resent, so it must not meet a keep-alive connection the
		// server has closed meanwhile (a restart from elsewhere): it gets a new one.
		c.http.CloseIdleConnections()
	}
	start := time.Now()
	lost := false // an attempt may have reached the server without its answer reaching us
	var downSince time.Time
	waitedIAM := false
	for attempt, resends := 1, 0; ; attempt++ {
		resp, err := c.attempt(ctx, call, class, body)
		se, answered := resp.serverError()
		if (err != nil && !errors.Is(err, syscall.ECONNREFUSED)) || (answered && abandoned(se)) {
			lost = true
		} else if answered && lost && call.IsWrite() {
			se.Resent = true
			if class.isDone(se.Code) {
				return &Response{StatusCode: resp.status, Header: resp.header}, nil
			}
		}
		var retry bool
		var delay time.Duration
		down := unavailable(resp, err)
		if down {
			// Down or starting up (a restart, maybe from elsewhere): nothing was done, so
			// wait for it, by time rather than by count.
			if downSince.IsZero() {
				downSince = time.Now()
			}
			retry = c.retries > 0 && time.Since(downSince) < c.limits.unavailable
			delay = min(c.backoff<<min(attempt-1, 4), time.Second)
		} else {
			retry = resends < c.retries && retryable(call, class, resp, err)
			delay = min(c.backoff<<resends, 3*time.Second)
			resends++
		}
		if !retry || ctx.Err() != nil {
			if err != nil && attempt > 1 {
				err = fmt.Errorf("gave up after %d attempts in %s: %w", attempt, time.Since(start).Round(time.Millisecond), err)
			}
			return c.finish(call, resp, err)
		}
		// Half fixed, half random: clients retrying against one restarting server spread out.
		delay = delay/2 + rand.N(delay/2+1)
		select {
		case <-ctx.Done():
			return nil, &RequestError{Op: call.Op, Err: ctx.Err()}
		case <-time.After(delay):
		}
		if call.IsWrite() && !call.S3 && (down || lost) && !waitedIAM {
			c.awaitIAM(ctx)
			waitedIAM = true
		}
	}
}

// awaitIAM waits until a server that has just come back has loaded IAM. A restarted
// MinIO serves IAM writes while its first load runs, and that load can then drop them
// from its cache (the user is stored, yet "does not exist" for the next call); the
// user listing is the one call that waits for the load to finish.
func (c *Client) awaitIAM(ctx context.Context) {
	_, _ = c.send(ctx, &Call{Op: "user_list", Method: http.MethodGet, Path: "list-users", DecryptResponse: true})
}

// unavailable: the server refused the connection, is shutting down or is still
// starting; the request was not acted on.
func unavailable(r *rawResponse, err error) bool {
	if err != nil {
		return errors.Is(err, syscall.ECONNREFUSED)
	}
	se, ok := r.serverError()
	return ok && se.StatusCode == http.StatusServiceUnavailable &&
		(se.Code == "XMinioServerNotInitialized" || se.Code == "XMinioIAMNotInitialized" ||
			// MinIO shutting down refuses new requests with this text before handling them.
			(se.Code == "" && strings.TrimSpace(string(se.Body)) == http.ErrServerClosed.Error()))
}

// rawResponse is what one attempt brought back.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
	err    error // for an answer that is not a success: *Error, *RedirectError or too large
}

func (r *rawResponse) serverError() (*Error, bool) {
	if r == nil {
		return nil, false
	}
	se, ok := r.err.(*Error)
	return se, ok
}

func (c *Client) attempt(ctx context.Context, call *Call, class opClass, body []byte) (*rawResponse, error) {
	header, total := c.limits.header, c.limits.total
	headerKnob, totalKnob := "admin.Options.HeaderTimeout", "admin.Options.Timeout, connect{timeout=}"
	if class.slow {
		header, total = c.limits.slow, c.limits.slow
		headerKnob, totalKnob = "admin.Options.SlowTimeout", "admin.Options.SlowTimeout"
		if total > 0 {
			total += call.extraWait
			header = total
		}
	}
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if total > 0 {
		t := time.AfterFunc(total, func() { cancel(&timeoutError{"request not complete", total, totalKnob}) })
		defer t.Stop()
	}
	u := *c.base
	u.Path = adminPrefix + call.Path
	if call.S3 {
		u.Path = "/" + call.Path
	}
	q := url.Values{}
	for _, p := range call.Query {
		q.Add(p[0], p[1])
	}
	u.RawQuery = q.Encode()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, call.Method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	// Always octet-stream: the policy attach/detach routes insist on it, the rest ignore it.
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("User-Agent", c.ua)
	for k, v := range call.Header {
		req.Header[http.CanonicalHeaderKey(k)] = v
	}
	signRequest(req, c.cred, c.region, sha256Hex(body), c.now())
	c.traceRequest(req, call, body)

	start := time.Now()
	var headerTimer *time.Timer
	if header > 0 && (total == 0 || header < total) {
		headerTimer = time.AfterFunc(header, func() {
			cancel(&timeoutError{"no answer (response headers)", header, headerKnob})
		})
	}
	hresp, err := c.http.Do(req)
	if headerTimer != nil {
		headerTimer.Stop()
	}
	if err != nil {
		err = limitCause(ctx, actx, err)
		c.traceError(err)
		return nil, err
	}
	defer hresp.Body.Close() // unread data is dropped with the connection, not read
	r := &rawResponse{status: hresp.StatusCode, header: hresp.Header}
	switch {
	case hresp.StatusCode >= 300 && hresp.StatusCode < 400:
		r.err = &RedirectError{Op: call.Op, StatusCode: hresp.StatusCode, Location: hresp.Header.Get("Location")}
	case successStatus(hresp.StatusCode):
		limit, knob := c.limits.maxBody, "admin.Options.MaxResponseBytes"
		if call.Op == "profile_start" {
			limit, knob = c.limits.maxProfile, "admin.Options.MaxProfileBytes"
		}
		var over bool
		r.body, over, err = readCapped(hresp, limit)
		if over {
			r.err = &ResponseError{Op: call.Op, Err: fmt.Errorf("%w: more than %d bytes (limit %s); the rest was not read",
				ErrResponseTooLarge, limit, knob)}
		}
	default:
		se := &Error{Op: call.Op, StatusCode: hresp.StatusCode}
		se.Body, se.Truncated, err = readCapped(hresp, MaxErrorBody)
		se.parseErrorBody()
		if se.RequestID == "" { // bodiless answers (HEAD, some proxies) carry it only here
			se.RequestID = hresp.Header.Get("X-Amz-Request-Id")
		}
		r.err = se
	}
	if err != nil {
		err = limitCause(ctx, actx, err)
		c.traceError(err)
		return nil, err
	}
	c.traceResponse(hresp, call, r.body, time.Since(start))
	return r, nil
}

// readCapped reads at most limit bytes of the body and tells whether there was more.
func readCapped(resp *http.Response, limit int64) ([]byte, bool, error) {
	if resp.ContentLength > limit {
		return nil, true, nil
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(max(resp.ContentLength, 512), limit+1)))
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if int64(buf.Len()) > limit {
		return buf.Bytes()[:limit], true, nil
	}
	return buf.Bytes(), false, err
}

// limitCause replaces the context error of an attempt that ran out of one of its own
// limits with that limit; a cancelled or expired caller context stays as it is.
func limitCause(ctx, actx context.Context, err error) error {
	var te *timeoutError
	if ctx.Err() == nil && errors.As(context.Cause(actx), &te) {
		return te
	}
	return err
}

func successStatus(code int) bool {
	return code == http.StatusOK || code == http.StatusNoContent || code == http.StatusPartialContent
}

// retryable allows a resend (beyond an unavailable server) only where it cannot repeat
// a change: reads, and writes whose answer was lost when their class allows it.
func retryable(call *Call, class opClass, r *rawResponse, err error) bool {
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || tlsFailure(err) {
			return false
		}
		return class.resend != resendNever
	}
	se, ok := r.serverError()
	if !ok {
		return false
	}
	if abandoned(se) {
		return class.resend != resendNever
	}
	if call.Method != http.MethodGet {
		return false
	}
	switch r.status {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusTooManyRequests:
		return true
	}
	return false
}

// abandoned: a server going down answers a request it dropped half-way with 499
// ClientDisconnected; whether the request took effect is unknown, as with a lost answer.
func abandoned(se *Error) bool {
	return se.StatusCode == 499 && se.Code == "ClientDisconnected"
}

// tlsFailure: certificate and protocol mismatches, which a retry cannot fix.
func tlsFailure(err error) bool {
	var (
		cv *tls.CertificateVerificationError
		rh tls.RecordHeaderError
		ua x509.UnknownAuthorityError
		he x509.HostnameError
	)
	return errors.As(err, &cv) || errors.As(err, &rh) || errors.As(err, &ua) || errors.As(err, &he) ||
		// net/http reports a plain-HTTP answer to a TLS client as an unexported error.
		strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
}

func (c *Client) finish(call *Call, r *rawResponse, err error) (*Response, error) {
	if err != nil {
		return nil, &RequestError{Op: call.Op, Err: err}
	}
	if r.err != nil {
		return nil, r.err
	}
	data := r.body
	if call.DecryptResponse && len(data) > 0 {
		if data, err = openPayload(c.cred.SecretKey, data, c.keys); err != nil {
			return nil, &ResponseError{Op: call.Op, Err: err}
		}
	}
	return &Response{StatusCode: r.status, Header: r.header, Body: data}, nil
}

// requireArg rejects an empty required string argument before anything is sent.
func requireArg(op, name, value string) error {
	if strings.TrimSpace(value) == "" {
		return &ArgumentError{Op: op, Arg: name, Reason: "must not be empty"}
	}
	// Names only: a secret may hold any byte, and is never repeated.
	if name != "secret_key" {
		if reason := NameProblem(value); reason != "" {
			return &ArgumentError{Op: op, Arg: name, Reason: fmt.Sprintf("%q: %s", value, reason)}
		}
	}
	return nil
}

// NameProblem says what makes n unusable as a name on the server, or "": a newline in a
// name reaches the server as a misleading 426 version mismatch.
func NameProblem(n string) string {
	if !utf8.ValidString(n) {
		return "a name must be valid UTF-8"
	}
	if strings.ContainsFunc(n, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "a name must not hold a control character (a newline?)"
	}
	return ""
}

func marshalBody(op string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, &ArgumentError{Op: op, Arg: "body", Reason: err.Error()}
	}
	return b, nil
}
