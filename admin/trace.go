package admin

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/minioscript/minioscript/internal/redact"
)

var (
	signaturePattern = regexp.MustCompile(`Signature=[0-9a-f]+`)
	// jsonStringField is a JSON string field; traceBody hides its value when the name
	// says it holds a secret (redact.Name). Secrets travel sealed, but a plain answer
	// (info lists the server's environment) is shown as is, whatever a server or proxy
	// put in it.
	jsonStringField = regexp.MustCompile(`("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"`)
)

// redactHeader hides what could replay or reveal a credential.
func redactHeader(name, value string) string {
	switch strings.ToLower(name) {
	case "authorization":
		return signaturePattern.ReplaceAllString(value, "Signature=REDACTED")
	case "x-amz-security-token", "cookie", "set-cookie":
		return "REDACTED"
	}
	return value
}

func (c *Client) traceRequest(req *http.Request, call *Call, body []byte) {
	if c.trace == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "> %s %s (%s)\n", req.Method, redact.URLs(req.URL.RequestURI()), call.Op)
	writeHeaders(&b, "> ", req.Header)
	b.WriteString(traceBody("> ", body, call.EncryptBody))
	fmt.Fprint(c.trace, b.String())
}

func (c *Client) traceResponse(resp *http.Response, call *Call, body []byte, took time.Duration) {
	if c.trace == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "< %s (%s, %s)\n", resp.Status, call.Op, took.Round(time.Millisecond))
	writeHeaders(&b, "< ", resp.Header)
	sealed := call.DecryptResponse && successStatus(resp.StatusCode)
	b.WriteString(traceBody("< ", body, sealed))
	fmt.Fprint(c.trace, b.String())
}

func (c *Client) traceError(err error) {
	if c.trace != nil {
		fmt.Fprintf(c.trace, "! %s\n", redact.URLs(err.Error()))
	}
}

func writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, v := range h[n] {
			fmt.Fprintf(b, "%s%s: %s\n", prefix, n, redactHeader(n, v))
		}
	}
}

// traceBody never shows a sealed payload's content (encrypted bodies carry secret keys)
// nor the value of a secret-named field in a plain one.
func traceBody(prefix string, body []byte, sealed bool) string {
	switch {
	case len(body) == 0:
		return ""
	case sealed:
		return fmt.Sprintf("%s[encrypted payload, %d bytes]\n", prefix, len(body))
	case !isText(body):
		return fmt.Sprintf("%s[binary body, %d bytes]\n", prefix, len(body))
	}
	text := jsonStringField.ReplaceAllStringFunc(string(body), func(field string) string {
		m := jsonStringField.FindStringSubmatch(field)
		if redact.Name(m[2]) {
			return m[1] + `"REDACTED"`
		}
		return field
	})
	return prefix + truncate(strings.TrimRight(redact.URLs(text), "\n"), 2048) + "\n"
}

func isText(b []byte) bool {
	for _, c := range b[:min(len(b), 512)] {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			return false
		}
	}
	return true
}
