package jobs_test

import (
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// BenchmarkBulkApplyVsRawImport measures, in one run and on fresh TLS servers, a raw
// import of the zip for 2,000 users in 20 groups with 20 policies against Apply of the
// same state (which reads the server, imports, and checks the result). The issue asks
// for apply/raw <= 1.5; see docs/PERFORMANCE.md.
//
//	go test ./jobs -run '^$' -bench BulkApplyVsRawImport -benchtime 3x
func BenchmarkBulkApplyVsRawImport(b *testing.B) {
	st := bulkState(2000)
	raw := &admin.IAMSnapshot{Policies: st.Policies, Users: map[string]admin.IAMUser{},
		Groups: map[string]admin.IAMGroup{}, GroupMappings: map[string]admin.IAMMapping{}}
	for name, u := range st.Users {
		raw.Users[name] = admin.IAMUser{SecretKey: u.SecretKey, Status: "enabled"}
	}
	for name, g := range st.Groups {
		raw.Groups[name] = admin.IAMGroup{Members: g.Members}
		raw.GroupMappings[name] = admin.IAMMapping{Policy: g.Policies[0]}
	}
	zip, err := raw.Zip()
	if err != nil {
		b.Fatal(err)
	}
	var rawTotal, applyTotal time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		srvA, caA := testserver.TLSForTest(b)
		srvB, caB := testserver.TLSForTest(b)
		a := srvA.ClientForTest(b, admin.Options{CAFile: caA})
		c := srvB.ClientForTest(b, admin.Options{CAFile: caB})
		b.StartTimer()
		start := time.Now()
		res, err := a.ImportIAM(ctx, zip)
		if err != nil || len(res.Value.Added.Users) != 2000 {
			b.Fatalf("raw import: %v", err)
		}
		rawTotal += time.Since(start)
		start = time.Now()
		rep, err := eng(c).Apply(ctx, st, jobs.ApplyOptions{})
		if err != nil || !rep.Bulk || rep.Failed != 0 {
			b.Fatalf("apply: %v %v", err, rep)
		}
		applyTotal += time.Since(start)
		b.StopTimer()
		srvA.Stop()
		srvB.Stop()
		b.StartTimer()
	}
	b.ReportMetric(rawTotal.Seconds()/float64(b.N), "raw-import-s/op")
	b.ReportMetric(applyTotal.Seconds()/float64(b.N), "apply-s/op")
	b.ReportMetric(applyTotal.Seconds()/rawTotal.Seconds(), "apply/raw")
	b.Logf("raw import %.2fs, apply %.2fs per run", rawTotal.Seconds()/float64(b.N), applyTotal.Seconds()/float64(b.N))
}
