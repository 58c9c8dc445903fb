package admin

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
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
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s: server answered %d", e.Op, e.StatusCode)
	if e.Code != "" {
		msg += " " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	} else if e.Code == "" && len(e.Body) > 0 {
		msg += ": " + truncate(strings.TrimSpace(string(e.Body)), 200)
	}
	return msg
}

// RequestError is a failure without a server answer: the connection could not be made
// or broke, TLS failed, or the context was cancelled or timed out (errors.Is works on
// context.Canceled and context.DeadlineExceeded through Unwrap).
type RequestError struct {
	Op  string
	Err error
}

func (e *RequestError) Error() string { return e.Op + ": " + e.Err.Error() }
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

func (e *ResponseError) Error() string { return e.Op + ": bad response: " + e.Err.Error() }
func (e *ResponseError) Unwrap() error { return e.Err }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// parseErrorBody fills Code/Message/RequestID from a JSON or XML error document.
func (e *Error) parseErrorBody() {
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
