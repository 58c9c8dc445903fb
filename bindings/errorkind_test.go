package bindings

import (
	"context"
	"fmt"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// The transport's failures reach Lua with their own kind.
func TestTransportErrorKinds(t *testing.T) {
	for kind, err := range map[string]error{
		"redirect": &admin.RedirectError{Op: "user_list", StatusCode: 307, Location: "http://elsewhere/"},
		"timeout":  &admin.RequestError{Op: "user_list", Err: fmt.Errorf("no answer: %w", context.DeadlineExceeded)},
		"response": &admin.ResponseError{Op: "user_list", Err: fmt.Errorf("%w: more than 64 bytes", admin.ErrResponseTooLarge)},
	} {
		L := newState(t, &fakeServer{fail: err})
		if err := run(t, L, fmt.Sprintf(`
local ok, e = pcall(admin.user_list, admin)
assert(not ok and minio.is_error(e), tostring(e))
assert(e.kind == %q, e.kind)`, kind)); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
}
