package admin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// SigV4 (header form, S3 flavour) as MinIO checks it for admin calls: service "s3", the
// path percent-encoded once and never normalised, the region taken verbatim (may be "").

const (
	signAlgorithm = "AWS4-HMAC-SHA256"
	amzDateFormat = "20060102T150405Z"
	emptySHA256   = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// unsignedHeaders are left out of the signature, as minio-go does: proxies and
// transports may rewrite them.
var unsignedHeaders = map[string]bool{
	"authorization":   true,
	"user-agent":      true,
	"accept-encoding": true,
}

// sigInput is everything a signature depends on, independent of net/http, so the AWS
// suite (which signs extra headers such as content-length) and live requests share it.
type sigInput struct {
	Method      string
	Path        string // decoded path
	Query       [][2]string
	Headers     [][2]string // lower-case names; repeated names allowed, order kept
	PayloadHash string
	Time        time.Time
	AccessKey   string
	SecretKey   string
	Region      string
	Service     string
}

type sigOutput struct {
	CanonicalRequest string
	StringToSign     string
	SignedHeaders    string
	Signature        string
	Authorization    string
	CanonicalQuery   string
}

// s3Escape percent-encodes everything except the unreserved set; keepSlash keeps '/'.
func s3Escape(s string, keepSlash bool) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', keepSlash && c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexdig[c>>4])
			b.WriteByte(hexdig[c&15])
		}
	}
	return b.String()
}

// canonicalQuery encodes pairs and sorts them by encoded key; values of a repeated key
// keep their order, which is also how the server re-encodes them.
func canonicalQuery(pairs [][2]string) string {
	enc := make([][2]string, len(pairs))
	for i, p := range pairs {
		enc[i] = [2]string{s3Escape(p[0], false), s3Escape(p[1], false)}
	}
	sort.SliceStable(enc, func(i, j int) bool { return enc[i][0] < enc[j][0] })
	parts := make([]string, len(enc))
	for i, p := range enc {
		parts[i] = p[0] + "=" + p[1]
	}
	return strings.Join(parts, "&")
}

func collapseSpaces(v string) string {
	return strings.Join(strings.Fields(v), " ")
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func computeSignature(in sigInput) sigOutput {
	values := map[string][]string{}
	var names []string
	for _, h := range in.Headers {
		n := strings.ToLower(h[0])
		if _, seen := values[n]; !seen {
			names = append(names, n)
		}
		values[n] = append(values[n], collapseSpaces(h[1]))
	}
	sort.Strings(names)
	var ch strings.Builder
	for _, n := range names {
		ch.WriteString(n + ":" + strings.Join(values[n], ",") + "\n")
	}
	signed := strings.Join(names, ";")
	cq := canonicalQuery(in.Query)
	creq := strings.Join([]string{in.Method, s3Escape(in.Path, true), cq, ch.String(), signed, in.PayloadHash}, "\n")

	date := in.Time.UTC().Format("20060102")
	scope := date + "/" + in.Region + "/" + in.Service + "/aws4_request"
	sts := signAlgorithm + "\n" + in.Time.UTC().Format(amzDateFormat) + "\n" + scope + "\n" + sha256Hex([]byte(creq))

	key := hmacSHA256([]byte("AWS4"+in.SecretKey), date)
	key = hmacSHA256(key, in.Region)
	key = hmacSHA256(key, in.Service)
	key = hmacSHA256(key, "aws4_request")
	sig := hex.EncodeToString(hmacSHA256(key, sts))
	return sigOutput{
		CanonicalRequest: creq,
		StringToSign:     sts,
		SignedHeaders:    signed,
		Signature:        sig,
		CanonicalQuery:   cq,
		Authorization: signAlgorithm + " Credential=" + in.AccessKey + "/" + scope +
			", SignedHeaders=" + signed + ", Signature=" + sig,
	}
}

// signRequest signs req in place for the S3 service. It sets X-Amz-Date, the session
// token when there is one, and Authorization, and rewrites the URL query into its
// canonical form so what is sent is exactly what was signed.
func signRequest(req *http.Request, cred Credentials, region, payloadHash string, now time.Time) {
	req.Header.Set("X-Amz-Date", now.UTC().Format(amzDateFormat))
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	if cred.SessionToken != "" {
		req.Header.Set("X-Amz-Security-Token", cred.SessionToken)
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	headers := [][2]string{{"host", host}}
	for name, vals := range req.Header {
		lname := strings.ToLower(name)
		if unsignedHeaders[lname] || lname == "host" {
			continue
		}
		for _, v := range vals {
			headers = append(headers, [2]string{lname, v})
		}
	}
	var query [][2]string
	if req.URL.RawQuery != "" {
		parsed, _ := url.ParseQuery(req.URL.RawQuery)
		keys := make([]string, 0, len(parsed))
		for k := range parsed {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, v := range parsed[k] {
				query = append(query, [2]string{k, v})
			}
		}
	}
	out := computeSignature(sigInput{
		Method:      req.Method,
		Path:        req.URL.Path,
		Query:       query,
		Headers:     headers,
		PayloadHash: payloadHash,
		Time:        now,
		AccessKey:   cred.AccessKey,
		SecretKey:   cred.SecretKey,
		Region:      region,
		Service:     "s3",
	})
	req.URL.RawQuery = out.CanonicalQuery
	req.Header.Set("Authorization", out.Authorization)
}
