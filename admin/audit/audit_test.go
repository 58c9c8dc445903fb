package audit

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// Targets copies names only: no secret-bearing body field ever reaches an audit line.
func TestTargetsKeepSecretsOut(t *testing.T) {
	for _, c := range []struct {
		call admin.Call
		want map[string]string
	}{
		{admin.Call{Op: "user_add", Method: "PUT", Query: [][2]string{{"accessKey", "alice"}},
			Body: []byte(`{"status":"enabled","secretKey":"S3CRET-1"}`)}, map[string]string{"access_key": "alice", "status": "enabled"}},
		{admin.Call{Op: "add_service_account", Method: "PUT", Body: []byte(`{"accessKey":"svc","secretKey":"S3CRET-2","targetUser":"alice","policy":{"Version":"2012-10-17"},"name":"n"}`)},
			map[string]string{"access_key": "svc", "user": "alice", "name": "n"}},
		{admin.Call{Op: "update_service_account", Method: "POST", Query: [][2]string{{"accessKey", "svc"}},
			Body: []byte(`{"newSecretKey":"S3CRET-3","newStatus":"on"}`)}, map[string]string{"access_key": "svc"}},
		{admin.Call{Op: "group_add", Method: "PUT", Body: []byte(`{"group":"devs","members":["a","b"],"isRemove":false}`)},
			map[string]string{"group": "devs", "members": "a,b"}},
		{admin.Call{Op: "add_site_replication", Method: "PUT", Body: []byte(`[{"name":"s1","endpoint":"http://x","accessKey":"k","secretKey":"S3CRET-4"}]`)}, nil},
		{admin.Call{Op: "config_set", Method: "PUT", Body: []byte("identity_openid client_secret=S3CRET-5")}, nil},
		{admin.Call{Op: "make_bucket", Method: "PUT", S3: true, Path: "photos"}, map[string]string{"bucket": "photos"}},
	} {
		got := Targets(&c.call)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.call.Op, got, c.want)
		}
	}
}

func TestRecorderLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rec := New(Options{File: f, Job: "j", RunID: "r"})
	answers := map[string]func() (*admin.Response, error){
		"user_add": func() (*admin.Response, error) {
			return &admin.Response{StatusCode: 200, Header: http.Header{"X-Amz-Request-Id": {"REQ1"}}}, nil
		},
		"user_remove": func() (*admin.Response, error) {
			return nil, &admin.Error{Op: "user_remove", StatusCode: 404, Code: "XMinioAdminNoSuchUser", RequestID: "REQ2"}
		},
		"group_add": func() (*admin.Response, error) {
			return nil, &admin.RequestError{Op: "group_add", Err: context.Canceled}
		},
		"policy_set": func() (*admin.Response, error) {
			return &admin.Response{StatusCode: 200, Header: http.Header{admin.HeldBackHeader: {"true"}}}, nil
		},
		"user_info": func() (*admin.Response, error) { return &admin.Response{StatusCode: 200}, nil },
	}
	h := rec.Middleware(func(ctx context.Context, call *admin.Call) (*admin.Response, error) { return answers[call.Op]() })
	for _, op := range []string{"user_add", "user_remove", "group_add", "policy_set"} {
		h(context.Background(), &admin.Call{Op: op, Method: "PUT"})
	}
	h(context.Background(), &admin.Call{Op: "user_info", Method: "GET"}) // a read: not recorded
	f.Close()
	if sent, failed, planned := rec.Counts(); sent != 3 || failed != 2 || planned != 1 {
		t.Fatalf("counts %d %d %d", sent, failed, planned)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 4 {
		t.Fatalf("want four lines, not the read: %s", data)
	}
	for i, want := range []string{`"result":200,`, `"result":404,"error":"XMinioAdminNoSuchUser"`, `"result":0,"error":"canceled"`, `"dry_run":true`} {
		if !strings.Contains(lines[i], want) || !strings.Contains(lines[i], `"job":"j","run_id":"r"`) {
			t.Fatalf("line %d %s lacks %s", i, lines[i], want)
		}
	}
	if !strings.Contains(lines[0], `"request_id":"REQ1"`) || !strings.Contains(lines[1], `"request_id":"REQ2"`) {
		t.Fatalf("request ids: %s", data)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", info.Mode())
	}
}
