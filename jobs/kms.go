package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/admin"
)

// KMS keys the state wants to exist: created when missing, never deleted (data
// encrypted with a key is lost with it), so prune leaves them alone.

// KindKMSKey is the kind of a KMS key change.
const KindKMSKey = "kms_key"

// readKMSKeys reads whether each named key exists, with the key-status call (which
// answers 200 with an encryption error for a key that does not exist).
func readKMSKeys(ctx context.Context, c *admin.Client, want *State, cur *Current) error {
	keys := slices.Sorted(slices.Values(want.KMSKeys))
	var mu sync.Mutex
	return runAll(ctx, 4, len(keys), func(ctx context.Context, i int) error {
		st, err := c.KMSKeyStatus(ctx, keys[i])
		if err != nil {
			return fmt.Errorf("kms key %s: %w", keys[i], err)
		}
		missing := strings.Contains(st.Value.EncryptionErr, "does not exist") || strings.Contains(st.Value.EncryptionErr, "not found")
		mu.Lock()
		defer mu.Unlock()
		cur.KMSKeys[keys[i]] = !missing
		return nil
	})
}

func (d *differ) kmsKeys(keys []string) {
	for _, k := range slices.Compact(slices.Sorted(slices.Values(keys))) {
		if d.cur.KMSKeys[k] {
			d.unchanged++
			continue
		}
		d.add(Change{Action: ActionCreate, Kind: KindKMSKey, Name: k, After: map[string]any{}, Stage: StageKMSKeys})
	}
}

func validateKMSKeys(bad func(arg, reason string), want *State) {
	for _, k := range want.KMSKeys {
		if k == "" || strings.ContainsAny(k, " \t/\\") {
			bad(fmt.Sprintf("kms key %q", k), "a key name must not be empty nor hold white space or slashes")
		}
	}
}

// createKMSKey creates a key; a key that exists by then (made meanwhile) is no error.
func (x *executor) createKMSKey(ctx context.Context, name string) error {
	_, err := x.c.KMSKeyCreate(ctx, name)
	var se *admin.Error
	if errors.As(err, &se) && strings.Contains(se.Message, "already exi") { // the server writes "exits"
		return nil
	}
	return err
}
