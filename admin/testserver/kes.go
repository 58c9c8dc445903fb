package testserver

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// KES is a real KES server on loopback with a file-system key store. MinIO talks to it
// with a client certificate whose identity is KES's admin, so it may create keys.
type KES struct {
	Addr       string
	ClientCert string
	ClientKey  string
	CA         string // KES's own certificate, which MinIO must trust
	proc       *process
}

// KESDefaultKey is the key MinIO is told to use by default (it creates it if missing).
const KESDefaultKey = "minio-default-key"

// identity is KES's name for a certificate: the SHA-256 of its public key info.
func identity(certFile string) (string, error) {
	b, err := os.ReadFile(certFile)
	if err != nil {
		return "", err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return "", fmt.Errorf("%s: no PEM block", certFile)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(sum[:]), nil
}

// startKES starts KES in dir and waits until it accepts connections.
func startKES(dir string) (*KES, error) {
	bin, err := findTool("KES_BIN", "kes")
	if err != nil {
		return nil, err
	}
	serverCert, err := SelfSigned(filepath.Join(dir, "server"))
	if err != nil {
		return nil, err
	}
	clientCert, err := ClientCertificate(filepath.Join(dir, "client"))
	if err != nil {
		return nil, err
	}
	id, err := identity(clientCert)
	if err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	k := &KES{
		Addr:       fmt.Sprintf("127.0.0.1:%d", port),
		ClientCert: clientCert,
		ClientKey:  filepath.Join(dir, "client", "private.key"),
		CA:         serverCert,
	}
	keys := filepath.Join(dir, "keys")
	if err := os.MkdirAll(keys, 0o700); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf("version: v1\naddress: %s\nadmin:\n  identity: %s\ntls:\n  key: %s\n  cert: %s\nkeystore:\n  fs:\n    path: %s\n",
		k.Addr, id, filepath.Join(dir, "server", "private.key"), serverCert, keys)
	confPath := filepath.Join(dir, "kes.yml")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		return nil, err
	}
	if k.proc, err = startProcess(filepath.Join(dir, "kes.log"), dir, nil, bin, "server", "--config", confPath); err != nil {
		return nil, err
	}
	if err := k.proc.waitListening(k.Addr, 30*time.Second); err != nil {
		return nil, err
	}
	return k, nil
}

// MinIOEnv configures a MinIO server to use this KES.
func (k *KES) MinIOEnv() []string {
	return []string{
		"MINIO_KMS_KES_ENDPOINT=https://" + k.Addr,
		"MINIO_KMS_KES_CERT_FILE=" + k.ClientCert,
		"MINIO_KMS_KES_KEY_FILE=" + k.ClientKey,
		"MINIO_KMS_KES_CAPATH=" + k.CA,
		"MINIO_KMS_KES_KEY_NAME=" + KESDefaultKey,
	}
}

// Stop ends KES.
func (k *KES) Stop() { k.proc.stop() }

// StaticKMSEnv configures a MinIO server whose KMS is one static key with a random value.
func StaticKMSEnv(keyName string) []string {
	key := make([]byte, 32)
	rand.Read(key)
	return []string{"MINIO_KMS_SECRET_KEY=" + keyName + ":" + base64.StdEncoding.EncodeToString(key)}
}
