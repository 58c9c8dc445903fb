// Package admin is a client for the MinIO admin API v3 (/minio/admin/v3/...), with the
// operation set of the Python SDK's MinioAdmin. Every call takes a context and returns
// typed results together with the exact bytes the server sent.
package admin

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
)

// Credentials sign requests and key the encrypted payloads.
type Credentials struct {
	AccessKey    string
	SecretKey    string
	SessionToken string
}

// String never shows the secret key or the token.
func (c Credentials) String() string { return "Credentials{AccessKey: " + c.AccessKey + "}" }

// CredentialsFromEnv reads MINIO_ACCESS_KEY/MINIO_SECRET_KEY, falling back to
// MINIO_ROOT_USER/MINIO_ROOT_PASSWORD, and MINIO_SESSION_TOKEN.
func CredentialsFromEnv() (Credentials, error) {
	c := Credentials{
		AccessKey:    os.Getenv("MINIO_ACCESS_KEY"),
		SecretKey:    os.Getenv("MINIO_SECRET_KEY"),
		SessionToken: os.Getenv("MINIO_SESSION_TOKEN"),
	}
	if c.AccessKey == "" && c.SecretKey == "" {
		c.AccessKey, c.SecretKey = os.Getenv("MINIO_ROOT_USER"), os.Getenv("MINIO_ROOT_PASSWORD")
	}
	if c.AccessKey == "" || c.SecretKey == "" {
		return c, errors.New("no credentials in the environment: set MINIO_ACCESS_KEY and MINIO_SECRET_KEY (or MINIO_ROOT_USER and MINIO_ROOT_PASSWORD)")
	}
	return c, nil
}

// Options configures a Client. The zero value of every field is a sensible default.
type Options struct {
	// Endpoint is host:port, or a URL whose scheme (http/https) decides TLS.
	Endpoint    string
	Credentials Credentials
	// Region goes into the signature scope; MinIO accepts any value, "" included.
	Region string
	// Secure selects HTTPS for a host:port endpoint.
	Secure bool
	// SkipVerify turns certificate verification off.
	SkipVerify bool
	// CAFile adds PEM certificates to the trusted roots. The system roots already honour
	// SSL_CERT_FILE, as the Python SDK does.
	CAFile string
	// HTTPClient replaces the client built from the TLS options above (and DialTimeout).
	// Its redirect policy is replaced: redirects are never followed.
	HTTPClient *http.Client

	// Limits per request attempt. Zero is the default (in brackets); a negative value
	// means no limit beyond the context. A request that runs out of one fails with a
	// RequestError that matches context.DeadlineExceeded, and is not resent.

	// DialTimeout bounds connecting, TLS handshake included [10s].
	DialTimeout time.Duration
	// HeaderTimeout bounds the wait for the answer's headers once the request is sent
	// [1m; never more than Timeout]: a server that accepts and never answers.
	HeaderTimeout time.Duration
	// Timeout bounds a whole request, reading the answer included [2m].
	Timeout time.Duration
	// SlowTimeout replaces HeaderTimeout and Timeout for the calls that work before
	// answering: update (downloads the new binary), site replication add/edit/remove,
	// and profile_start (on top of the profiling time) [10m].
	SlowTimeout time.Duration
	// RestartWait bounds how long service_restart and update wait for the server to
	// come back [2m].
	RestartWait time.Duration

	// MaxResponseBytes caps what is read of a successful answer, sealed payloads
	// included [64 MiB]; past it the call fails with ErrResponseTooLarge and the rest
	// is not read. Error answers are read up to MaxErrorBody.
	MaxResponseBytes int64
	// MaxProfileBytes caps the ZIP of profile_start [1 GiB].
	MaxProfileBytes int64

	// UserAgent is sent with every request.
	UserAgent string
	// KDF picks the key derivation for request payloads (default PBKDF2).
	KDF KDF
	// MaxRetries bounds the retries of a call that is safe to resend (default 6; -1: no
	// retries at all, UnavailableWait included).
	MaxRetries int
	// UnavailableWait is how long a call keeps retrying while the server refuses
	// connections or answers that it is shutting down or still starting, as during a restart [20s].
	UnavailableWait time.Duration
	// RetryBackoff is the first back-off delay, doubled per retry (default 200ms).
	RetryBackoff time.Duration
	// Trace, when set, receives each request and response with secrets redacted.
	Trace io.Writer
	// Now is the signing clock (default time.Now); tests use it to simulate clock skew.
	Now func() time.Time
	// Middleware wraps every call, outermost first: the one place where writes can be
	// recorded, audited or held back.
	Middleware []Middleware
	// DryRun sends reads and holds every write back, recording it (DryRunWrites); the
	// jobs engine then reports what it would have done.
	DryRun bool
	// DryRunLog, when set, receives the held-back writes instead of a log of the client's own.
	DryRunLog *DryRunLog
	// KeyLimiter bounds the 64 MiB Argon2id derivations running at once; clients that
	// share one share the bound (default: one per client, NewKeyLimiter(0)).
	KeyLimiter *KeyLimiter
}

// Client talks to one MinIO deployment. It is safe for concurrent use.
type Client struct {
	base    *url.URL
	cred    Credentials
	region  string
	http    *http.Client
	ua      string
	kdf     KDF
	retries int
	backoff time.Duration
	limits  limits
	trace   io.Writer
	handler Handler
	now     func() time.Time
	dry     *DryRunLog
	keys    *KeyLimiter

	s3 *s3Lazy // made on first use (s3Client)
}

type s3Lazy struct {
	once sync.Once
	m    *minio.Client
	err  error
}

const defaultUserAgent = "minioscript/0.1"

// New builds a client; it sends nothing.
func New(opts Options) (*Client, error) {
	base, err := parseEndpoint(opts.Endpoint, opts.Secure)
	if err != nil {
		return nil, err
	}
	if opts.Credentials.AccessKey == "" || opts.Credentials.SecretKey == "" {
		return nil, errors.New("admin: access key and secret key are required")
	}
	if err := checkHeaderValues(opts); err != nil {
		return nil, err
	}
	lim := limitsFrom(opts)
	var hc *http.Client
	if opts.HTTPClient != nil {
		cp := *opts.HTTPClient
		hc = &cp
	} else if hc, err = newHTTPClient(opts, lim.dial); err != nil {
		return nil, err
	}
	// Never follow a redirect: the admin API does not redirect, and following one would
	// resend the signed request, session token and sealed body to another host.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := &Client{
		base:    base,
		cred:    opts.Credentials,
		region:  opts.Region,
		http:    hc,
		ua:      opts.UserAgent,
		kdf:     opts.KDF,
		retries: opts.MaxRetries,
		backoff: opts.RetryBackoff,
		limits:  lim,
		trace:   opts.Trace,
		now:     time.Now,
		keys:    opts.KeyLimiter,
	}
	if c.keys == nil {
		c.keys = NewKeyLimiter(0)
	}
	if opts.Now != nil {
		c.now = opts.Now
	}
	if c.ua == "" {
		c.ua = defaultUserAgent
	}
	switch {
	case c.retries == 0:
		c.retries = 6
	case c.retries < 0:
		c.retries = 0
	}
	if c.backoff == 0 {
		c.backoff = 200 * time.Millisecond
	}
	c.handler = c.send
	c.s3 = &s3Lazy{}
	if opts.DryRun {
		// Innermost, so audit and other middleware still see every call.
		c.dry = opts.DryRunLog
		if c.dry == nil {
			c.dry = &DryRunLog{}
		}
		c.handler = c.dry.middleware(c.handler)
	}
	for i := len(opts.Middleware) - 1; i >= 0; i-- {
		c.handler = opts.Middleware[i](c.handler)
	}
	return c, nil
}

// CloseIdleConnections closes the keep-alive connections no request is using; the client
// stays usable. A VM calls it when it closes, so a long-running scheduler that makes a
// client per run does not collect idle sockets.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// Endpoint is the base URL the client talks to.
func (c *Client) Endpoint() string { return c.base.String() }

// AccessKey is the access key requests are signed with.
func (c *Client) AccessKey() string { return c.cred.AccessKey }

func parseEndpoint(endpoint string, secure bool) (*url.URL, error) {
	if endpoint == "" {
		return nil, errors.New("admin: endpoint is required")
	}
	if !strings.Contains(endpoint, "://") {
		scheme := "http"
		if secure {
			scheme = "https"
		}
		endpoint = scheme + "://" + endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("admin: invalid endpoint %q: %w", endpoint, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("admin: invalid endpoint %q: scheme must be http or https", endpoint)
	}
	if u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("admin: invalid endpoint %q: want host:port or scheme://host:port", endpoint)
	}
	u.Path = ""
	return u, nil
}

// limits are the effective per-request limits; 0 in a duration means none.
type limits struct {
	dial, header, total, slow, restart, unavailable time.Duration
	maxBody, maxProfile                             int64
}

// Defaults of the per-request limits (README, "Timeouts and limits").
const (
	DefaultDialTimeout      = 10 * time.Second
	DefaultHeaderTimeout    = time.Minute
	DefaultTimeout          = 2 * time.Minute
	DefaultSlowTimeout      = 10 * time.Minute
	DefaultRestartWait      = 2 * time.Minute
	DefaultUnavailableWait  = 20 * time.Second
	DefaultMaxResponseBytes = 64 << 20
	DefaultMaxProfileBytes  = 1 << 30
)

func limitsFrom(o Options) limits {
	d := func(v, def time.Duration) time.Duration {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	n := func(v, def int64) int64 {
		if v <= 0 {
			return def
		}
		return v
	}
	l := limits{
		dial:        d(o.DialTimeout, DefaultDialTimeout),
		header:      d(o.HeaderTimeout, DefaultHeaderTimeout),
		total:       d(o.Timeout, DefaultTimeout),
		slow:        d(o.SlowTimeout, DefaultSlowTimeout),
		restart:     d(o.RestartWait, DefaultRestartWait),
		unavailable: d(o.UnavailableWait, DefaultUnavailableWait),
		maxBody:     n(o.MaxResponseBytes, DefaultMaxResponseBytes),
		maxProfile:  n(o.MaxProfileBytes, DefaultMaxProfileBytes),
	}
	if l.total > 0 && (l.header == 0 || l.header > l.total) {
		l.header = l.total
	}
	return l
}

func newHTTPClient(opts Options, dial time.Duration) (*http.Client, error) {
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: opts.SkipVerify}
	if opts.CAFile != "" {
		pem, err := os.ReadFile(opts.CAFile)
		if err != nil {
			return nil, fmt.Errorf("admin: reading CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("admin: CA file %s holds no PEM certificate", opts.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: dial, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   dial,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: tr}, nil
}

// checkHeaderValues refuses settings that go into a request header (the access key and
// region in Authorization, the session token in its own) when they hold a control
// character: Go's transport would refuse every request ("invalid header field value"),
// which looks like a network error and would be retried. The value is never repeated:
// it may be a secret.
func checkHeaderValues(opts Options) error {
	for _, f := range []struct{ name, value string }{
		{"access_key", opts.Credentials.AccessKey},
		{"session_token", opts.Credentials.SessionToken},
		{"region", opts.Region},
	} {
		if i := strings.IndexFunc(f.value, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
			return &ArgumentError{Op: "connect", Arg: f.name, Reason: fmt.Sprintf(
				"holds a control character (byte %d of %d, %q): it cannot go into an HTTP header; check for a stray newline",
				i+1, len(f.value), f.value[i])}
		}
	}
	return nil
}
