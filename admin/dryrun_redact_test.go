package admin

import (
	"strings"
	"testing"
)

func TestDescribeWriteRedactsNestedSecrets(t *testing.T) {
	call := &Call{Op: "x_add", Method: "PUT", Body: []byte(
		`{"name":"n","peers":[{"accessKey":"ak","secretKey":"s3cr3t-a"}],"cfg":{"token":"s3cr3t-b","list":[{"password":"s3cr3t-c"}]}}`)}
	got := describeWrite(call).String()
	if strings.Contains(got, "s3cr3t") || !strings.Contains(got, "***") {
		t.Fatalf("write description leaks a secret: %s", got)
	}
}
