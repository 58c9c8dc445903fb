package jobs

import (
	"strings"
	"testing"
	"time"
)

func TestRenderDeployments(t *testing.T) {
	rows := []DeploymentRow{
		{Deployment: "eu", Created: 8, Duration: 1834 * time.Millisecond, Result: "ok"},
		{Deployment: "ap-southeast", Failed: 1, Objects: 3, Duration: 20812345 * time.Microsecond, Result: "failed (exit 1)"},
	}
	var b strings.Builder
	RenderDeployments(&b, rows, false)
	want := `deployment    created  updated  deleted  unchanged  failed  duration  result
eu            8        0        0        0          0       1.834s    ok
ap-southeast  0        0        0        0          1       20.812s   failed (exit 1)
`
	if b.String() != want {
		t.Fatalf("table:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	RenderDeployments(&b, rows, true)
	want = `deployment    objects  duration  result
eu            0        1.834s    ok
ap-southeast  3        20.812s   failed (exit 1)
`
	if b.String() != want {
		t.Fatalf("export table:\n%s\nwant:\n%s", b.String(), want)
	}
}
