package admin

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Client-side costs without a server; scripts/bench.sh reports them.

func BenchmarkSign(b *testing.B) {
	cred := Credentials{AccessKey: "minioadmin", SecretKey: "minioadmin-secret"}
	body := []byte(`{"group":"devs","members":["alice"],"isRemove":false}`)
	hash := sha256Hex(body)
	now := time.Now()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPut, "http://127.0.0.1:9000/minio/admin/v3/update-group-members", strings.NewReader(string(body)))
		signRequest(req, cred, "", hash, now)
	}
}

func BenchmarkSealOpen(b *testing.B) {
	for _, kdf := range []KDF{KDFPBKDF2, KDFArgon2id} {
		for _, size := range []int{1 << 10, 64 << 10, 1 << 20} {
			plain := make([]byte, size)
			name := fmt.Sprintf("%s/%dKiB", kdf, size>>10)
			b.Run(name+"/seal", func(b *testing.B) {
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := EncryptPayload("minioadmin-secret", plain, kdf); err != nil {
						b.Fatal(err)
					}
				}
			})
			sealed, err := EncryptPayload("minioadmin-secret", plain, kdf)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(name+"/open", func(b *testing.B) {
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := DecryptPayload("minioadmin-secret", sealed); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
