package admin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3 bucket calls use minio-go (Apache-2.0) for the S3 API's shapes — XML documents,
// Content-Md5, the object-lock header — but not for sending: its transport hands each
// request to the client's one request path as a Call, so retries, timeouts, middleware
// (dry run, audit), tracing and signing are those of every other call. minio-go itself
// signs nothing (anonymous credentials) and never retries.

// s3Call is what one S3 operation's requests carry through minio-go in their context:
// the operation name for the Call, and the request path's own error, which the
// operation returns instead of minio-go's rendering of it.
type s3Call struct {
	op  string
	mu  sync.Mutex
	err error
}

type s3CallKey struct{}

// s3Transport is minio-go's http.RoundTripper.
type s3Transport struct{ c *Client }

// dropHeaders are set by the request path itself.
var dropHeaders = map[string]bool{
	"Authorization": true, "X-Amz-Date": true, "X-Amz-Content-Sha256": true, "X-Amz-Security-Token": true,
	"User-Agent": true, "Content-Length": true, "Host": true, "Accept-Encoding": true,
}

func (t s3Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	sc, _ := ctx.Value(s3CallKey{}).(*s3Call)
	if sc == nil {
		sc = &s3Call{op: "s3"}
	}
	call := &Call{Op: sc.op, Method: req.Method, Path: strings.TrimPrefix(req.URL.Path, "/"), S3: true}
	if req.Body != nil {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if len(body) > 0 {
			call.Body = body
		}
	}
	// Pairs in minio-go's order; the request path encodes and signs them.
	for _, part := range strings.Split(req.URL.RawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		call.Query = append(call.Query, [2]string{k, v})
	}
	for k, v := range req.Header {
		if !dropHeaders[http.CanonicalHeaderKey(k)] {
			if call.Header == nil {
				call.Header = http.Header{}
			}
			call.Header[http.CanonicalHeaderKey(k)] = v
		}
	}
	resp, err := t.c.do(ctx, call)
	var se *Error
	if errors.As(err, &se) {
		// The server answered: minio-go reads the answer as it would have.
		sc.setErr(err)
		return &http.Response{StatusCode: se.StatusCode, Status: http.StatusText(se.StatusCode), Header: http.Header{},
			Body: io.NopCloser(bytes.NewReader(se.Body)), ContentLength: int64(len(se.Body)), Request: req}, nil
	}
	if err != nil {
		sc.setErr(err)
		return nil, err
	}
	status := resp.StatusCode
	if resp.Header.Get(HeldBackHeader) != "" && req.Method == http.MethodDelete {
		status = http.StatusNoContent // what S3 answers a DELETE, and what minio-go wants
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(resp.Body)), ContentLength: int64(len(resp.Body)), Request: req}, nil
}

func (sc *s3Call) setErr(err error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.err = err
}

// s3Client returns the client's minio-go client, made on first use.
func (c *Client) s3Client() (*minio.Client, error) {
	c.s3.once.Do(func() {
		region := c.region
		if region == "" {
			region = "us-east-1" // also spares minio-go its bucket-location lookups
		}
		c.s3.m, c.s3.err = minio.New(c.base.Host, &minio.Options{
			Creds:        credentials.NewStatic("", "", "", credentials.SignatureAnonymous),
			Secure:       c.base.Scheme == "https",
			Transport:    s3Transport{c},
			Region:       region,
			BucketLookup: minio.BucketLookupPath,
			MaxRetries:   1,
		})
	})
	return c.s3.m, c.s3.err
}

// s3Do runs one S3 operation through minio-go. An error the request path gave (an
// *Error from the server, a *RequestError) is returned as it is; minio-go's own (a
// bucket name it refuses, an answer it cannot read) becomes an ArgumentError or a
// ResponseError.
func (c *Client) s3Do(ctx context.Context, op, bucket string, fn func(ctx context.Context, m *minio.Client) error) error {
	if err := requireArg(op, "bucket", bucket); err != nil {
		return err
	}
	m, err := c.s3Client()
	if err != nil {
		return &RequestError{Op: op, Err: err}
	}
	sc := &s3Call{op: op}
	err = fn(context.WithValue(ctx, s3CallKey{}, sc), m)
	if err == nil {
		return nil
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.err != nil {
		return sc.err
	}
	var er minio.ErrorResponse
	if errors.As(err, &er) && er.StatusCode == 0 {
		return &ArgumentError{Op: op, Arg: "bucket", Reason: er.Message}
	}
	if ctx.Err() != nil {
		return &RequestError{Op: op, Err: ctx.Err()}
	}
	return &ResponseError{Op: op, Err: err}
}

// hasCode tells whether err is the server's answer with one of codes.
func hasCode(err error, codes ...string) bool {
	var se *Error
	if !errors.As(err, &se) {
		return false
	}
	for _, c := range codes {
		if se.Code == c {
			return true
		}
	}
	return false
}
