package cli

import (
	"context"
	"reflect"
	"testing"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/runtime"
)

func TestCompletion(t *testing.T) {
	vm, err := runtime.New(context.Background(), runtime.Options{
		Connection: &bindings.Connection{Endpoint: "127.0.0.1:1", AccessKey: "a", SecretKey: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	defer vm.Close()
	for line, want := range map[string][]string{
		"mini":                  {"minio"},
		"x = minio.con":         {"x = minio.connect"},
		"minio.json.enc":        {"minio.json.encode"},
		"admin:user_a":          {"admin:user_add"},
		"admin:group_en":        {"admin:group_enable"},
		"print(admin:policy_se": {"print(admin:policy_set"},
		"nosuchthing.x":         nil,
	} {
		if got := complete(vm.L, line); !reflect.DeepEqual(got, want) {
			t.Errorf("complete(%q) = %v, want %v", line, got, want)
		}
	}
}
