package admin

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/minioscript/minioscript/internal/redact"
)

// Error is a failure answered by the server: any status other than the operation's
// success status. StatusCode and Body are always set (the reference's
// MinioAdminException(code, body)); Code, Message and RequestID when the body is the
// server's JSON or XML error document.
type Error struct {
	Op         string
	StatusCode int
	Body       []byte
	Code       string
	Message    string
	RequestID  string
	Resource   string
	// Truncated: the body went past MaxErrorBody and only its start was read.
	Truncated bool
	// Resent: the answer came to a resend after an earlier attempt's answer was lost
	// (the connection failed once the request may have reached the server).
	Resent bool
}

// MaxErrorBody is how much of an error answer is read; MinIO's own error documents
// are far smaller, and the rest of an oversized one is not read at all.
const MaxErrorBody = 64 << 10

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s: server answered %d", e.Op, e.StatusCode)
	if e.Code != "" {
		msg += " " + oneLine(e.Code, 100)
	}
	if e.Message != "" {
		msg += ": " + oneLine(e.Message, 500)
	} else if e.Code == "" && len(e.Body) > 0 {
		msg += ": " + oneLine(strings.TrimSpace(string(e.Body)), 200)
	}
	if e.Truncated {
		msg += fmt.Sprintf(" (error body over %d KiB, not read to the end)", MaxErrorBody>>10)
	}
	return msg
}

// RedirectError is a 3xx answer. The admin API never redirects, so a redirect comes
// from something between client and server; it is never followed, so neither the
// signed request nor its body reaches another host.
type RedirectError struct {
	Op         string
	StatusCode int
	Location   string
}

func (e *RedirectError) Error() string {
	loc := "no Location"
	if e.Location != "" {
		loc = "to " + oneLine(e.Location, 200) // oneLine masks a password in it
	}
	return fmt.Sprintf("%s: server answered %d redirect (%s); the admin API never redirects, so it was not followed: check the endpoint and any proxy in between",
		e.Op, e.StatusCode, loc)
}

// ErrResponseTooLarge is wrapped by the ResponseError of an answer past its size limit
// (Options.MaxResponseBytes, or MaxProfileBytes for profile_start).
var ErrResponseTooLarge = errors.New("answer too large")

// timeoutError is a per-request limit that ran out; it unwraps to
// context.DeadlineExceeded so callers treat it like any other deadline.
type timeoutError struct {
	what  string
	after time.Duration
	knob  string
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("%s within %s (limit %s)", e.what, e.after, e.knob)
}

func (e *timeoutError) Unwrap() error { return context.DeadlineExceeded }

// RequestError is a failure without a server answer: the connection could not be made
// or broke, TLS failed, or the context was cancelled or timed out (errors.Is works on
// context.Canceled and context.DeadlineExceeded through Unwrap).
type RequestError struct {
	Op  string
	Err error
}

// Error masks a URL's password: the transport's errors quote the request URL, whose
// query may carry one (update's mirror URL).
func (e *RequestError) Error() string { return e.Op + ": " + redact.URLs(e.Err.Error()) }
func (e *RequestError) Unwrap() error { return e.Err }

// ArgumentError reports bad input found before anything is sent.
type ArgumentError struct {
	Op     string
	Arg    string
	Reason string
}

func (e *ArgumentError) Error() string {
	return fmt.Sprintf("%s: invalid %s: %s", e.Op, e.Arg, e.Reason)
}

// ResponseError is a success status whose body could not be decrypted or decoded.
type ResponseError struct {
	Op  string
	Err error
}

func (e *ResponseError) Error() string {
	return e.Op + ": bad response: " + redact.URLs(e.Err.Error())
}
func (e *ResponseError) Unwrap() error { return e.Err }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}

// oneLine makes server-supplied text safe for a one-line error message: valid UTF-8,
// control characters (newlines included) as spaces, a URL's password masked, at most
// about n bytes.
func oneLine(s string, n int) string {
	return truncate(redact.URLs(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))), n)
}

// parseErrorBody fills Code/Message/RequestID from a JSON or XML error document. A
// server quoting a URL with a password (update's mirror) has it masked in Body too.
func (e *Error) parseErrorBody() {
	if masked := redact.URLs(string(e.Body)); masked != string(e.Body) {
		e.Body = []byte(masked)
	}
	var doc struct {
		Code      string `json:"Code" xml:"Code"`
		Message   string `json:"Message" xml:"Message"`
		RequestID string `json:"RequestId" xml:"RequestId"`
		Resource  string `json:"Resource" xml:"Resource"`
	}
	body := strings.TrimSpace(string(e.Body))
	var err error
	switch {
	case strings.HasPrefix(body, "{"):
		err = json.Unmarshal([]byte(body), &doc)
	case strings.HasPrefix(body, "<"):
		err = xml.Unmarshal([]byte(body), &doc)
	default:
		return
	}
	if err != nil {
		return
	}
	e.Code, e.Message, e.RequestID, e.Resource = doc.Code, doc.Message, doc.RequestID, doc.Resource
}
