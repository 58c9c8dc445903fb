package jobs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Secret stands for a secret in a plan: plans never hold one (the executor takes the
// value from the wanted state or the server at apply time).
const Secret = "(secret)"

// Stage names, in the order they run. The changes of one stage are independent of
// each other; each stage needs what the earlier ones made.
const (
	StageConfig         = "config"          // server configuration (an LDAP server, say) before the rest
	StageKMSKeys        = "kms-keys"        // keys, before buckets encrypt with them
	StagePolicies       = "policies"        // policies, before anything maps them
	StageUsersBuckets   = "users-buckets"   // users and buckets
	StageGroupsAccounts = "groups-accounts" // groups and service accounts need their users
	StageMappings       = "mappings"        // mappings need policies, users and groups
	StagePruneAccounts  = "prune-accounts"  // deletions, users' dependents first
	StagePruneGroups    = "prune-groups"
	StagePruneUsers     = "prune-users"
	StagePrunePolicies  = "prune-policies-buckets" // policies and buckets last, once nothing uses them
)

// Stages lists the stage names in run order.
var Stages = []string{StageConfig, StageKMSKeys, StagePolicies, StageUsersBuckets, StageGroupsAccounts, StageMappings,
	StagePruneAccounts, StagePruneGroups, StagePruneUsers, StagePrunePolicies}

func stageIndex(s string) int { return slices.Index(Stages, s) }

// Change is one difference between the wanted state and the server. For a create,
// After is the object; for a delete, Before is what the server holds; for an update,
// both hold only the fields that change. Secret values are always Secret. Mappings are
// named "user:NAME" or "group:NAME".
type Change struct {
	Action string         `json:"action"`
	Kind   string         `json:"kind"`
	Name   string         `json:"name"`
	Before map[string]any `json:"before,omitempty"`
	After  map[string]any `json:"after,omitempty"`
	// Stage is the stage the change runs in (one of Stages).
	Stage string `json:"stage"`
	// Bulk tells whether the IAM import may carry the change exactly as the calls would.
	Bulk bool `json:"bulk,omitempty"`
	// Import: written through a one-entry IAM import, since the server refuses the call
	// for a user that is and stays disabled.
	Import bool `json:"import,omitempty"`
	// Replace: a service account moved to another parent is deleted and re-created.
	Replace bool `json:"replace,omitempty"`
	// Restart: applied, the server said it takes effect when it restarts (config).
	Restart bool `json:"restart,omitempty"`
}

// key identifies the object a change is about.
func (ch Change) key() string { return ch.Kind + "\x00" + ch.Name }

// Plan is what Diff found: the changes in run order, how many managed objects need
// nothing, and a fingerprint of the Current it was computed from.
type Plan struct {
	Changes     []Change
	Unchanged   int
	Prune       bool
	Fingerprint string
	// Warnings are what the plan could not compare or will not change, and why.
	Warnings []string
}

// PlanVersion is the version of the JSON form written by MarshalJSON.
const PlanVersion = 1

// planJSON is the documented, versioned JSON form of a plan (README "Plans as data").
type planJSON struct {
	Format      string   `json:"format"`
	Version     int      `json:"version"`
	Fingerprint string   `json:"fingerprint"`
	Prune       bool     `json:"prune"`
	Unchanged   int      `json:"unchanged"`
	Changes     []Change `json:"changes"`
	Warnings    []string `json:"warnings,omitempty"`
}

const planFormat = "minioscript-plan"

// MarshalJSON writes the versioned form {format, version, fingerprint, prune,
// unchanged, changes}.
func (p *Plan) MarshalJSON() ([]byte, error) {
	changes := p.Changes
	if changes == nil {
		changes = []Change{}
	}
	return json.Marshal(planJSON{Format: planFormat, Version: PlanVersion, Fingerprint: p.Fingerprint,
		Prune: p.Prune, Unchanged: p.Unchanged, Changes: changes, Warnings: p.Warnings})
}

// UnmarshalJSON reads the form MarshalJSON writes, refusing another format or version.
func (p *Plan) UnmarshalJSON(data []byte) error {
	var v planJSON
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("not a plan: %w", err)
	}
	if v.Format != planFormat {
		return fmt.Errorf("not a plan: format %q, want %q", v.Format, planFormat)
	}
	if v.Version != PlanVersion {
		return fmt.Errorf("plan version %d, this program reads version %d", v.Version, PlanVersion)
	}
	for i, ch := range v.Changes {
		if stageIndex(ch.Stage) < 0 {
			return fmt.Errorf("change %d (%s %s): unknown stage %q", i+1, ch.Kind, ch.Name, ch.Stage)
		}
		v.Changes[i].Before, v.Changes[i].After = normFields(ch.Before), normFields(ch.After)
	}
	*p = Plan{Changes: v.Changes, Unchanged: v.Unchanged, Prune: v.Prune, Fingerprint: v.Fingerprint, Warnings: v.Warnings}
	return nil
}

// normFields brings field values to the types JSON decoding gives (float64, []any), so
// that a plan read back compares equal to the one computed.
func normFields(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// Empty tells whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// ErrPlanChanged is wrapped by Compare's error.
var ErrPlanChanged = errors.New("the server changed since the plan was made")

// Compare tells how a plan computed now differs from a saved one: nil when they make
// the same changes from the same server state; otherwise an error (wrapping
// ErrPlanChanged) that names each difference.
func Compare(saved, now *Plan) error {
	a, b := normPlan(saved), normPlan(now)
	var diffs []string
	old := map[string]Change{}
	for _, ch := range a.Changes {
		old[ch.key()] = ch
	}
	seen := map[string]bool{}
	for _, ch := range b.Changes {
		seen[ch.key()] = true
		o, ok := old[ch.key()]
		switch {
		case !ok:
			diffs = append(diffs, "new: "+ch.Line())
		case !reflect.DeepEqual(o, ch):
			diffs = append(diffs, "was: "+o.Line()+"; now: "+ch.Line())
		}
	}
	for _, ch := range a.Changes {
		if !seen[ch.key()] {
			diffs = append(diffs, "no longer needed: "+ch.Line())
		}
	}
	if a.Prune != b.Prune {
		diffs = append(diffs, fmt.Sprintf("prune was %v, now %v", a.Prune, b.Prune))
	}
	if len(diffs) == 0 && a.Fingerprint != b.Fingerprint {
		diffs = append(diffs, "objects the state manages changed on the server (the fingerprint differs) although the changes are the same")
	}
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("%w:\n  %s", ErrPlanChanged, strings.Join(diffs, "\n  "))
}

func normPlan(p *Plan) *Plan {
	b, _ := json.Marshal(p)
	var out Plan
	_ = json.Unmarshal(b, &out)
	return &out
}

// fingerprint hashes a canonical JSON form of v.
func fingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
