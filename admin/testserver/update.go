package testserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
)

// UpdateFixture is a local release mirror on loopback, as the server's update expects
// one: /minio.sha256sum names minio.RELEASE.<Release> and its hash, the binary is
// served under that name, with a minisign signature made by a throw-away key.
type UpdateFixture struct {
	URL     string // the sha256sum URL to pass to update
	PubKey  string // for the server's MINIO_UPDATE_MINISIGN_PUBKEY
	Release string
	srv     *httptest.Server
}

// NewUpdateFixture serves binary as release (layout 2006-01-02T15-04-05Z). sumLine,
// when not empty, replaces the sha256sum file's content (for malformed answers).
func NewUpdateFixture(binary, release, sumLine string) (*UpdateFixture, error) {
	data, err := os.ReadFile(binary)
	if err != nil {
		return nil, err
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	keyID := make([]byte, 8)
	rand.Read(keyID)
	name := "minio.RELEASE." + release
	sum := sha256.Sum256(data)
	if sumLine == "" {
		sumLine = hex.EncodeToString(sum[:]) + " " + name + "\n"
	}
	sig := minisign(priv, keyID, data)
	mux := http.NewServeMux()
	mux.HandleFunc("/minio.sha256sum", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, sumLine) })
	mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) { w.Write(data) })
	mux.HandleFunc("/"+name+".minisig", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, sig) })
	f := &UpdateFixture{
		PubKey:  base64.StdEncoding.EncodeToString(append(append([]byte("Ed"), keyID...), pub...)),
		Release: release,
		srv:     httptest.NewServer(mux),
	}
	f.URL = f.srv.URL + "/minio.sha256sum"
	return f, nil
}

// minisign writes a signature file in minisign's legacy (non-prehashed) form: the
// Ed25519 signature of the data, and a global signature over it and the trusted comment.
func minisign(priv ed25519.PrivateKey, keyID, data []byte) string {
	sig := ed25519.Sign(priv, data)
	trusted := "timestamp:0\tfile:minio"
	global := ed25519.Sign(priv, append(append([]byte{}, sig...), trusted...))
	return fmt.Sprintf("untrusted comment: minioscript test signature\n%s\ntrusted comment: %s\n%s\n",
		base64.StdEncoding.EncodeToString(append(append([]byte("Ed"), keyID...), sig...)),
		trusted, base64.StdEncoding.EncodeToString(global))
}

// Close stops the mirror.
func (f *UpdateFixture) Close() { f.srv.Close() }

// CopyBinary copies the MinIO server into dir, so an update can replace the copy.
func CopyBinary(dir string) (string, error) {
	src, err := Binary()
	if err != nil {
		return "", err
	}
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, "minio")
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}
