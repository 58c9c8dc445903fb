package admin_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// Benchmarks against the shared real server: see docs/PERFORMANCE.md for figures and
// how to run them.

var benchSeq atomic.Int64

func BenchmarkUserAdd(b *testing.B) {
	for _, kdf := range []admin.KDF{admin.KDFPBKDF2, admin.KDFArgon2id} {
		b.Run(kdf.String()+"/sequential", func(b *testing.B) {
			c := server(b).ClientForTest(b, admin.Options{KDF: kdf})
			for b.Loop() {
				if _, err := c.UserAdd(ctx, fmt.Sprintf("bench-%d", benchSeq.Add(1)), "bench-secret-1"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
		})
		b.Run(kdf.String()+"/parallel", func(b *testing.B) {
			c := server(b).ClientForTest(b, admin.Options{KDF: kdf})
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.UserAdd(ctx, fmt.Sprintf("bench-%d", benchSeq.Add(1)), "bench-secret-1"); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
		})
	}
}

func BenchmarkEncryptPayload(b *testing.B) {
	body := []byte(`{"status":"enabled","secretKey":"bench-secret-1"}`)
	for _, kdf := range []admin.KDF{admin.KDFPBKDF2, admin.KDFArgon2id} {
		b.Run(kdf.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := admin.EncryptPayload("secret-key", body, kdf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
