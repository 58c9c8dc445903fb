package testserver

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// SelfSigned writes a self-signed certificate for 127.0.0.1 and localhost into dir as
// public.crt and private.key (MinIO's certs-dir names) and returns the certificate's
// path, which doubles as the CA file that trusts it.
func SelfSigned(dir string) (string, error) { return selfSigned(dir, true) }

// ClientCertificate writes a self-signed certificate that is not a CA: KES ignores CA
// certificates when it identifies a client.
func ClientCertificate(dir string) (string, error) { return selfSigned(dir, false) }

func selfSigned(dir string, isCA bool) (string, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "minioscript test", Organization: []string{"minioscript tests"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  isCA,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
	}
	if isCA {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", err
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	crt := filepath.Join(dir, "public.crt")
	if err := os.WriteFile(crt, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "private.key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		return "", err
	}
	return crt, nil
}

// TLSForTest starts a server with a fresh self-signed certificate for t and returns it
// with the certificate's path, the CA file that trusts it.
func TLSForTest(t testing.TB) (*Server, string) {
	t.Helper()
	SkipShort(t)
	certs := filepath.Join(t.TempDir(), "certs")
	ca, err := SelfSigned(certs)
	if err != nil {
		t.Fatal(err)
	}
	return ForTest(t, Config{CertsDir: certs}), ca
}
