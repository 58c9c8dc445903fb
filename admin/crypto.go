package admin

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// The admin payload format (spec section 2): salt(32) | id(1) | nonce(8) | sealed chunks.
// Chunks hold 16 KiB of plaintext; each is sealed with nonce||LE32(seq) and associated
// data flag||T, where T is the tag of an empty seal at sequence 0 and flag marks the last
// chunk.

// KDF selects how the payload key is derived from the secret key.
type KDF int

const (
	// KDFPBKDF2 (id 2): PBKDF2-HMAC-SHA256. The server opens such a request without
	// its process-wide Argon2 lock. Sealed answers are another matter: the server always
	// seals them with Argon2id under that lock, whatever the request used.
	KDFPBKDF2 KDF = iota
	// KDFArgon2id (id 0): Argon2id + AES-GCM, what mc and madmin send.
	KDFArgon2id
)

func (k KDF) String() string {
	if k == KDFArgon2id {
		return "argon2id"
	}
	return "pbkdf2"
}

// ParseKDF maps "pbkdf2" and "argon2id" (and "" for the default) to a KDF.
func ParseKDF(s string) (KDF, error) {
	switch s {
	case "", "pbkdf2":
		return KDFPBKDF2, nil
	case "argon2id", "argon2":
		return KDFArgon2id, nil
	}
	return 0, fmt.Errorf("unknown kdf %q (want pbkdf2 or argon2id)", s)
}

const (
	algArgon2AESGCM   = 0
	algArgon2ChaCha   = 1
	algPBKDF2AESGCM   = 2
	payloadHeaderSize = 32 + 1 + 8
	payloadChunkSize  = 1 << 14
	payloadTagSize    = 16
	flagFinal         = 0x80
	pbkdf2Iterations  = 8192
)

// ErrPayload is wrapped by every decryption failure.
var ErrPayload = errors.New("encrypted payload rejected")

func deriveKey(alg byte, password, salt []byte) ([]byte, error) {
	switch alg {
	case algArgon2AESGCM, algArgon2ChaCha:
		return argon2.IDKey(password, salt, 1, 64*1024, 4, 32), nil
	case algPBKDF2AESGCM:
		return pbkdf2.Key(sha256.New, string(password), salt, pbkdf2Iterations, 32)
	}
	return nil, fmt.Errorf("%w: invalid encryption algorithm id %d", ErrPayload, alg)
}

func newAEAD(alg byte, key []byte) (cipher.AEAD, error) {
	if alg == algArgon2ChaCha {
		return chacha20poly1305.New(key)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

type payloadStream struct {
	aead  cipher.AEAD
	nonce [12]byte
	ad    [1 + payloadTagSize]byte
}

func newPayloadStream(alg byte, password string, salt, nonce []byte, keys *KeyLimiter) (*payloadStream, error) {
	release := keys.acquire(alg)
	key, err := deriveKey(alg, []byte(password), salt)
	release()
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(alg, key)
	if err != nil {
		return nil, err
	}
	s := &payloadStream{aead: aead}
	copy(s.nonce[:8], nonce)
	tag := aead.Seal(nil, s.nonce[:], nil, nil)
	copy(s.ad[1:], tag)
	return s, nil
}

func (s *payloadStream) chunkNonceAD(seq uint32, final bool) ([]byte, []byte) {
	nonce := s.nonce
	binary.LittleEndian.PutUint32(nonce[8:], seq)
	ad := s.ad
	if final {
		ad[0] = flagFinal
	}
	return nonce[:], ad[:]
}

// EncryptPayload seals plaintext with a key derived from password.
func EncryptPayload(password string, plaintext []byte, kdf KDF) ([]byte, error) {
	return sealPayload(password, plaintext, kdf, nil)
}

func sealPayload(password string, plaintext []byte, kdf KDF, keys *KeyLimiter) ([]byte, error) {
	var salt [32]byte
	var nonce [8]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return nil, err
	}
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, err
	}
	alg := byte(algPBKDF2AESGCM)
	if kdf == KDFArgon2id {
		alg = algArgon2AESGCM
	}
	return encryptPayload(password, plaintext, alg, salt[:], nonce[:], keys)
}

func encryptPayload(password string, plaintext []byte, alg byte, salt, nonce []byte, keys *KeyLimiter) ([]byte, error) {
	s, err := newPayloadStream(alg, password, salt, nonce, keys)
	if err != nil {
		return nil, err
	}
	chunks := max(1, (len(plaintext)+payloadChunkSize-1)/payloadChunkSize)
	out := make([]byte, 0, payloadHeaderSize+len(plaintext)+chunks*payloadTagSize)
	out = append(out, salt...)
	out = append(out, alg)
	out = append(out, nonce...)
	for i := range chunks {
		end := min(len(plaintext), (i+1)*payloadChunkSize)
		n, ad := s.chunkNonceAD(uint32(i+1), i == chunks-1)
		out = s.aead.Seal(out, n, plaintext[i*payloadChunkSize:end], ad)
	}
	return out, nil
}

// DecryptPayload opens a payload sealed with any of the three algorithm ids. It fails on
// a wrong password, tampering, truncation and trailing data.
func DecryptPayload(password string, data []byte) ([]byte, error) {
	return openPayload(password, data, nil)
}

func openPayload(password string, data []byte, keys *KeyLimiter) ([]byte, error) {
	if len(data) < payloadHeaderSize+payloadTagSize {
		return nil, fmt.Errorf("%w: %d bytes is too short", ErrPayload, len(data))
	}
	s, err := newPayloadStream(data[32], password, data[:32], data[33:41], keys)
	if err != nil {
		return nil, err
	}
	rest := data[payloadHeaderSize:]
	const sealed = payloadChunkSize + payloadTagSize
	out := make([]byte, 0, len(rest))
	for seq := uint32(1); ; seq++ {
		final := len(rest) <= sealed
		chunk := rest
		if !final {
			chunk = rest[:sealed]
		}
		n, ad := s.chunkNonceAD(seq, final)
		out, err = s.aead.Open(out, n, chunk, ad)
		if err != nil {
			return nil, fmt.Errorf("%w: data is not authentic (wrong secret key or corrupted payload)", ErrPayload)
		}
		if final {
			return out, nil
		}
		rest = rest[sealed:]
	}
}

// argon2Memory is what one Argon2id derivation allocates (the server's parameters).
const argon2Memory = 64 << 20

// KeyLimiter bounds the Argon2id derivations that run at once. Each takes 64 MiB, and
// the server seals many answers with Argon2id whatever the client asks for, so calls in
// flight would otherwise each hold 64 MiB at the same moment. PBKDF2 costs almost no
// memory and is never held back. Clients that share one limiter share its bound.
type KeyLimiter struct{ slots chan struct{} }

// NewKeyLimiter allows n derivations at once (n <= 0: DefaultArgon2Slots()).
func NewKeyLimiter(n int) *KeyLimiter {
	if n <= 0 {
		n = DefaultArgon2Slots()
	}
	return &KeyLimiter{slots: make(chan struct{}, n)}
}

// DefaultArgon2Slots is one derivation per core, fewer when the available memory
// holds fewer (twice 64 MiB each: the garbage collector frees a finished block only
// on its next cycle).
func DefaultArgon2Slots() int {
	n := runtime.GOMAXPROCS(0)
	if avail := memAvailable(); avail > 0 {
		n = min(n, int(avail/(2*argon2Memory)))
	}
	return max(1, n)
}

// memAvailable reads MemAvailable from /proc/meminfo (Linux); 0 when unknown.
func memAvailable() uint64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// acquire waits for a slot when alg derives with Argon2id; a nil limiter never waits.
func (l *KeyLimiter) acquire(alg byte) (release func()) {
	if l == nil || (alg != algArgon2AESGCM && alg != algArgon2ChaCha) {
		return func() {}
	}
	l.slots <- struct{}{}
	return func() {
		// The derivation's 64 MiB are garbage now, but the collector would keep them
		// until its next cycle, beside the next derivation's: collecting before the slot
		// is free halves the peak (docs/PERFORMANCE.md), for about a millisecond.
		runtime.GC()
		<-l.slots
	}
}
