package admin_test

import (
	"encoding/json"
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

// BenchmarkParseIAMZip: the IAM export of issue 17's big deployment (10,000 users, half
// with a policy of their own, 1,000 groups, 500 policies, 2,000 service accounts), which
// every plan over TLS parses after the server's answer.
func BenchmarkParseIAMZip(b *testing.B) {
	s := &admin.IAMSnapshot{Policies: map[string]json.RawMessage{}, Users: map[string]admin.IAMUser{},
		Groups: map[string]admin.IAMGroup{}, ServiceAccounts: map[string]admin.IAMServiceAccount{},
		UserMappings: map[string]admin.IAMMapping{}, GroupMappings: map[string]admin.IAMMapping{}}
	for i := range 500 {
		s.Policies[fmt.Sprintf("p-%d", i)] = json.RawMessage(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b-%d/*"]}]}`, i))
	}
	members := map[int][]string{}
	for i := range 10000 {
		u := fmt.Sprintf("user-%05d", i)
		s.Users[u] = admin.IAMUser{SecretKey: "secret-key-of-the-user", Status: "enabled"}
		if i%2 == 0 {
			s.UserMappings[u] = admin.IAMMapping{Policy: fmt.Sprintf("p-%d", i%500)}
		}
		members[i%1000] = append(members[i%1000], u)
	}
	for g := range 1000 {
		name := fmt.Sprintf("group-%04d", g)
		s.Groups[name] = admin.IAMGroup{Status: "enabled", Members: members[g]}
		s.GroupMappings[name] = admin.IAMMapping{Policy: fmt.Sprintf("p-%d", g%500)}
	}
	for i := range 2000 {
		ak := fmt.Sprintf("svc%05d", i)
		s.ServiceAccounts[ak] = admin.IAMServiceAccount{Parent: fmt.Sprintf("user-%05d", i*5), AccessKey: ak, SecretKey: "secret-key-of-the-account", Name: ak}
	}
	data, err := s.Zip()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := admin.ParseIAMZip(data); err != nil {
			b.Fatal(err)
		}
	}
}
