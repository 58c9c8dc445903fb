// Package jobs is the state engine: a wanted State, the Current state read from a
// server, a pure Diff of the two into a Plan (plain data that can be saved, reviewed and
// compared), and an executor that turns a plan's changes into admin calls. The admin
// package stays the API client; this package knows nothing of Lua.
package jobs

import (
	"encoding/json"
	"strings"
	"time"
)

// State is a wanted IAM and bucket state. A nil section is not managed at all (prune
// never touches its kind); inside a section, objects not named are left alone unless
// Options.Prune is set. In JSON, a section absent or null is not managed; {} is. The
// `lua` tags are for the program's Lua-table decoder, whose snake-case field names are
// the json ones (as=status checks the value).
type State struct {
	Policies        map[string]json.RawMessage     `json:"policies"`
	Users           map[string]UserState           `json:"users"`
	Groups          map[string]GroupState          `json:"groups"`
	ServiceAccounts map[string]ServiceAccountState `json:"service_accounts"`
	Buckets         map[string]BucketState         `json:"buckets"`
	LDAP            *LDAPState                     `json:"ldap"`
	// KMSKeys must exist in the server's KMS (created when missing, never deleted).
	KMSKeys []string `json:"kms_keys"`
	// Config is server configuration by target ("scanner", "notify_webhook:primary"),
	// each with the keys it manages; keys not named are left as they are.
	Config map[string]map[string]string `json:"config"`
}

// UserState is a wanted user. SecretKey is used when the user is created; an existing
// user keeps its secret unless ResetSecret is set.
type UserState struct {
	SecretKey   string   `json:"secret_key,omitempty"`
	Status      string   `json:"status,omitempty" lua:",as=status"` // "enabled" (default) or "disabled"
	Policies    []string `json:"policies"`                          // the exact set mapped; nil: left as it is
	ResetSecret bool     `json:"reset_secret,omitempty"`
}

// GroupState is a wanted group.
type GroupState struct {
	Members  []string `json:"members,omitempty"`                 // the exact member set
	Status   string   `json:"status,omitempty" lua:",as=status"` // "enabled" (default) or "disabled"
	Policies []string `json:"policies"`                          // the exact set mapped; nil: left as it is
}

// ServiceAccountState is a wanted service account, keyed by its access key. Empty
// Name/Description and nil Policy/Expiry are left as they are.
type ServiceAccountState struct {
	User        string          `json:"user,omitempty"`       // parent user
	SecretKey   string          `json:"secret_key,omitempty"` // used on creation, or with ResetSecret
	Name        string          `json:"name,omitempty"`
	Description string          `json:"description,omitempty"`
	Policy      json.RawMessage `json:"policy,omitempty"`
	Expiry      *time.Time      `json:"expiry,omitempty"`
	Status      string          `json:"status,omitempty" lua:",as=status"` // "enabled" (default) or "disabled"
	ResetSecret bool            `json:"reset_secret,omitempty"`
}

// BucketState is a wanted bucket. Each setting left out (nil, "") is left as it is;
// Quota 0, Tags {}, Lifecycle [], Policy {} and Encryption "off" remove the setting.
type BucketState struct {
	Quota *uint64 `json:"quota,omitempty"`
	// Versioning is "enabled" or "suspended"; "off" (never enabled) only holds for a
	// bucket that never had versioning, since the server has no way back.
	Versioning string `json:"versioning,omitempty"`
	// ObjectLock can only be chosen when the bucket is created: a plan that needs
	// another value on an existing bucket is an error.
	ObjectLock *bool `json:"object_lock,omitempty"`
	// Policy is the anonymous (bucket) policy; a document without statements: none.
	Policy json.RawMessage `json:"policy,omitempty"`
	// Tags is the exact tag set.
	Tags map[string]string `json:"tags,omitempty"`
	// Lifecycle is the exact rule list, compared by rule ID.
	Lifecycle []LifecycleRule `json:"lifecycle,omitempty"`
	// Encryption is the default encryption: "sse-s3", "sse-kms:KEY" or "off".
	Encryption string `json:"encryption,omitempty"`
}

// Kinds of objects.
const (
	KindPolicy         = "policy"
	KindUser           = "user"
	KindGroup          = "group"
	KindServiceAccount = "service_account"
	KindBucket         = "bucket"
	KindMapping        = "mapping"
)

// Actions of a change.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

const (
	statusEnabled  = "enabled"
	statusDisabled = "disabled"
)

// wantStatus normalises a wanted status: "" and "on" mean enabled, "off" disabled.
func wantStatus(s string) string {
	switch strings.ToLower(s) {
	case "disabled", "off":
		return statusDisabled
	}
	return statusEnabled
}

// builtinPolicies exist on every server and are never managed or pruned.
var builtinPolicies = map[string]bool{
	"consoleAdmin": true, "diagnostics": true, "readonly": true, "readwrite": true, "writeonly": true,
}

// IsBuiltinPolicy tells whether name is one of the server's built-in policies.
func IsBuiltinPolicy(name string) bool { return builtinPolicies[name] }
