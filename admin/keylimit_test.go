package admin

import (
	"bytes"
	"testing"
	"testing/synctest"
)

// Argon2id derivations beyond the limit wait for a slot; PBKDF2 ones never wait.
func TestKeyLimiterBoundsArgon2(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewKeyLimiter(2)
		r1, r2 := l.acquire(algArgon2AESGCM), l.acquire(algArgon2ChaCha)
		l.acquire(algPBKDF2AESGCM)() // not counted
		got := make(chan struct{})
		go func() {
			l.acquire(algArgon2AESGCM)()
			close(got)
		}()
		synctest.Wait()
		select {
		case <-got:
			t.Fatal("a third Argon2id derivation ran beside two")
		default:
		}
		r1()
		synctest.Wait()
		select {
		case <-got:
		default:
			t.Fatal("the waiting derivation did not get the freed slot")
		}
		r2()
	})
	if n := DefaultArgon2Slots(); n < 1 {
		t.Fatalf("DefaultArgon2Slots() = %d", n)
	}
}

// A client's own sealing and opening go through its limiter and stay correct.
func TestLimitedPayloadRoundTrip(t *testing.T) {
	l := NewKeyLimiter(1)
	plain := bytes.Repeat([]byte("minioscript "), 3000)
	for _, kdf := range []KDF{KDFPBKDF2, KDFArgon2id} {
		ct, err := sealPayload("secret", plain, kdf, l)
		if err != nil {
			t.Fatal(err)
		}
		got, err := openPayload("secret", ct, l)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("%v: round trip failed: %v", kdf, err)
		}
	}
	if len(l.slots) != 0 {
		t.Fatal("a slot was not given back")
	}
}
