package admin

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/minio/minio-go/v7/pkg/lifecycle"
)

// TestEveryWriteIsClassified calls every method of Client through a middleware that
// records the calls instead of sending them: each write must have an entry in
// opClasses, and each entry must belong to a write.
func TestEveryWriteIsClassified(t *testing.T) {
	writes := map[string]bool{}
	record := func(next Handler) Handler {
		return func(ctx context.Context, call *Call) (*Response, error) {
			if call.IsWrite() {
				writes[call.Op] = true
			}
			return &Response{StatusCode: 200, Body: []byte("{}")}, nil
		}
	}
	// No resends: SignsWith sends past the middleware by design, to a port where nothing
	// listens, and would otherwise retry for the whole UnavailableWait (20 s, twice).
	c, err := New(Options{Endpoint: "127.0.0.1:1", Credentials: Credentials{AccessKey: "a", SecretKey: "b"},
		Middleware: []Middleware{record}, RestartWait: time.Second, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	cv := reflect.ValueOf(c)
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	for i := range cv.NumMethod() {
		m := cv.Type().Method(i)
		ft := m.Type
		if ft.NumIn() < 2 || ft.In(1) != ctxType {
			continue
		}
		// Two argument sets: every string set, and the last one empty (exactly one of
		// user or group).
		for _, lastEmpty := range []bool{false, true} {
			args := []reflect.Value{reflect.ValueOf(context.Background())}
			lastString := -1
			for j := 2; j < ft.NumIn(); j++ {
				args = append(args, sample(ft.In(j)))
				if ft.In(j).Kind() == reflect.String {
					lastString = len(args) - 1
				}
			}
			if lastEmpty && lastString >= 0 {
				args[lastString] = reflect.ValueOf("")
			}
			cv.Method(i).Call(args)
		}
	}
	// A zip the sampled arguments cannot stand for.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	f, _ := zw.Create(iamAssetsDir + "policies.json")
	f.Write([]byte("{}"))
	zw.Close()
	c.ImportIAM(context.Background(), zb.Bytes())
	for op := range writes {
		if _, ok := opClasses[op]; !ok {
			t.Errorf("write %s is not in opClasses", op)
		}
	}
	for op := range opClasses {
		if !writes[op] {
			t.Errorf("opClasses lists %s, which is not a write of Client", op)
		}
	}
}

// sample is a plausible value of a parameter type.
func sample(t reflect.Type) reflect.Value {
	switch t {
	case reflect.TypeOf([]byte(nil)), reflect.TypeOf(json.RawMessage(nil)):
		return reflect.ValueOf([]byte(`{"Version":"2012-10-17","Statement":[]}`)).Convert(t)
	case reflect.TypeOf(time.Duration(0)):
		return reflect.ValueOf(time.Millisecond)
	case reflect.TypeOf([]KV(nil)):
		return reflect.ValueOf([]KV{{"k", "v"}})
	case reflect.TypeOf((*lifecycle.Configuration)(nil)):
		return reflect.ValueOf(&lifecycle.Configuration{Rules: []lifecycle.Rule{{ID: "r", Status: "Enabled"}}})
	}
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString("x12") // long enough for a bucket name
	case reflect.Slice:
		v = reflect.MakeSlice(t, 2, 2)
		v.Index(0).Set(sample(t.Elem()))
		v.Index(1).Set(sample(t.Elem()))
	case reflect.Struct:
		for i := range t.NumField() {
			if f := v.Field(i); f.CanSet() && f.Kind() == reflect.String {
				f.SetString("x1")
			}
		}
	case reflect.Int, reflect.Int64, reflect.Uint64:
		v.Set(reflect.ValueOf(1).Convert(t))
	}
	return v
}

func TestClassOfReadsAndUnknownWrites(t *testing.T) {
	if classOf(&Call{Op: "anything", Method: http.MethodGet}).resend != resendSame {
		t.Fatal("reads are always resent")
	}
	if classOf(&Call{Op: "not_in_the_table", Method: http.MethodPut}).resend != resendNever {
		t.Fatal("an unclassified write must never be resent")
	}
}

func TestLimitDefaults(t *testing.T) {
	l := limitsFrom(Options{})
	want := limits{dial: 10 * time.Second, header: time.Minute, total: 2 * time.Minute, slow: 10 * time.Minute,
		restart: 2 * time.Minute, unavailable: 20 * time.Second, maxBody: 64 << 20, maxProfile: 1 << 30}
	if l != want {
		t.Fatalf("defaults %+v, want %+v", l, want)
	}
	l = limitsFrom(Options{Timeout: 5 * time.Second, HeaderTimeout: -1, SlowTimeout: -1, DialTimeout: time.Second})
	if l.total != 5*time.Second || l.header != 5*time.Second || l.slow != 0 || l.dial != time.Second {
		t.Fatalf("overrides %+v", l)
	}
	if l = limitsFrom(Options{Timeout: -1, HeaderTimeout: -1}); l.total != 0 || l.header != 0 {
		t.Fatalf("no limits %+v", l)
	}
}
