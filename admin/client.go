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
	"time"
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
	// HTTPClient replaces the client built from the TLS options above.
	HTTPClient *http.Client
	// Timeout bounds each request attempt (0: no limit beyond the context).
	Timeout time.Duration
	// UserAgent is sent with every request.
	UserAgent string
	// KDF picks the key derivation for request payloads (default PBKDF2).
	KDF KDF
	// MaxRetries bounds the retries of a call that is safe to resend (default 6; -1: none).
	MaxRetries int
	// RetryBackoff is the first back-off delay, doubled per retry (default 200ms).
	RetryBackoff time.Duration
	// Trace, when set, receives each request and response with secrets redacted.
	Trace io.Writer
	// Now is the signing clock (default time.Now); tests use it to simulate clock skew.
	Now func() time.Time
	// Middleware wraps every call, outermost first: the one place where writes can be
	// recorded, audited or held back.
	Middleware []Middleware
	// DryRun sends reads and holds every write back, recording it (DryRunWrites);
	// ensure_* and apply then report what they would have done.
	DryRun bool
	// DryRunLog, when set, receives the held-back writes instead of a log of the client's own.
	DryRunLog *DryRunLog
	// Progress is the default of ApplyOptions.Progress (a progress bar, for instance).
	Progress func(done, total int)
	// OnChange, when set, is called once per change that ensure_* or apply made (or, in a
	// dry run, would have made; Change.DryRun is then true). It is how a run summary
	// counts changes by kind. It may be called from several goroutines at once.
	OnChange func(Change)
	// KeyLimiter bounds the 64 MiB Argon2id derivations running at once; clients that
	// share one share the bound (default: one per client, NewKeyLimiter(0)).
	KeyLimiter *KeyLimiter
}

// Client talks to one MinIO deployment. It is safe for concurrent use.
type Client struct {
	base     *url.URL
	cred     Credentials
	region   string
	http     *http.Client
	ua       string
	kdf      KDF
	retries  int
	backoff  time.Duration
	timeout  time.Duration
	trace    io.Writer
	handler  Handler
	now      func() time.Time
	dry      *DryRunLog
	change   func(Change)
	progress func(done, total int)
	keys     *KeyLimiter
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
	hc := opts.HTTPClient
	if hc == nil {
		hc, err = newHTTPClient(opts)
		if err != nil {
			return nil, err
		}
	}
	c := &Client{
		base:    base,
		cred:    opts.Credentials,
		region:  opts.Region,
		http:    hc,
		ua:      opts.UserAgent,
		kdf:     opts.KDF,
		retries: opts.MaxRetries,
		backoff: opts.RetryBackoff,
		timeout: opts.Timeout,
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
	if opts.DryRun {
		// Innermost, so audit and other middleware still see every call.
		c.dry = opts.DryRunLog
		if c.dry == nil {
			c.dry = &DryRunLog{}
		}
		c.handler = c.dry.middleware(c.handler)
	}
	c.change, c.progress = opts.OnChange, opts.Progress
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

func newHTTPClient(opts Options) (*http.Client, error) {
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
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   10 * time.Second,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: tr}, nil
}
