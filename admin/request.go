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
	for attempt := 0; ; attempt++ {
		resp, err := c.attempt(ctx, call, body)
		if attempt >= c.retries || !c.retryable(call, resp, err) || ctx.Err() != nil {
			return c.finish(call, resp, err)
		}
		// Half fixed, half random: clients retrying against one restarting server spread out.
		delay := min(c.backoff<<attempt, 3*time.Second)
		delay = delay/2 + rand.N(delay/2+1)
		select {
		case <-ctx.Done():
			return nil, &RequestError{Op: call.Op, Err: ctx.Err()}
		case <-time.After(delay):
		}
	}
}

// rawResponse is what one attempt brought back.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
	err    *Error // set for a non-success status
}

func (c *Client) attempt(ctx context.Context, call *Call, body []byte) (*rawResponse, error) {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
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
	req, err := http.NewRequestWithContext(ctx, call.Method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	// Always octet-stream: the policy attach/detach routes insist on it, the rest ignore it.
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("User-Agent", c.ua)
	signRequest(req, c.cred, c.region, sha256Hex(body), c.now())
	c.traceRequest(req, call, body)

	start := time.Now()
	hresp, err := c.http.Do(req)
	if err != nil {
		c.traceError(err)
		return nil, err
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(hresp.Body)
	if err != nil {
		c.traceError(err)
		return nil, err
	}
	r := &rawResponse{status: hresp.StatusCode, header: hresp.Header, body: data}
	if !successStatus(hresp.StatusCode) {
		r.err = &Error{Op: call.Op, StatusCode: hresp.StatusCode, Body: data}
		r.err.parseErrorBody()
		if r.err.RequestID == "" { // bodiless answers (HEAD, some proxies) carry it only here
			r.err.RequestID = hresp.Header.Get("X-Amz-Request-Id")
		}
	}
	c.traceResponse(hresp, call, data, time.Since(start))
	return r, nil
}

func successStatus(code int) bool {
	return code == http.StatusOK || code == http.StatusNoContent || code == http.StatusPartialContent
}

// retryable allows a resend only where it cannot repeat a change: reads, connections
// refused before anything was sent, and a server still starting up, which refuses the
// call before acting on it.
func (c *Client) retryable(call *Call, r *rawResponse, err error) bool {
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || tlsFailure(err) {
			return false
		}
		return errors.Is(err, syscall.ECONNREFUSED) || call.Method == http.MethodGet
	}
	if r.err == nil {
		return false
	}
	if r.status == http.StatusServiceUnavailable &&
		(r.err.Code == "XMinioServerNotInitialized" || r.err.Code == "XMinioIAMNotInitialized") {
		return true
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
	return nil
}

func marshalBody(op string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, &ArgumentError{Op: op, Arg: "body", Reason: err.Error()}
	}
	return b, nil
}
