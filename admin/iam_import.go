package admin

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// The server's IAM export and import (export-iam, import-iam-v2) move a whole IAM state
// as one plain zip of JSON files. Both are unsealed, so they avoid the Argon2id cost of
// the sealed list and attach calls, but the zip holds every secret key in the clear.
// Semantics checked against the server are in docs (spec iam-import-export.md); the
// ones that matter here: a user without an explicit status comes back disabled, group
// members are merged and never removed, service accounts are deleted and re-created,
// mappings are replaced, and a zip with wrong entry names imports nothing with a 200.

// iamAssetsDir is the one prefix the server reads; any other name is silently ignored.
const iamAssetsDir = "iam-assets/"

// IAMSnapshot is an IAM state in the export's shape, keyed by name.
type IAMSnapshot struct {
	Policies        map[string]json.RawMessage   `json:"policies.json"`
	Users           map[string]IAMUser           `json:"users.json"`
	Groups          map[string]IAMGroup          `json:"groups.json"`
	ServiceAccounts map[string]IAMServiceAccount `json:"svcaccts.json"`
	UserMappings    map[string]IAMMapping        `json:"user_mappings.json"`
	GroupMappings   map[string]IAMMapping        `json:"group_mappings.json"`
	STSMappings     map[string]IAMMapping        `json:"stsuser_mappings.json"`
}

// IAMUser is one regular user. Status must be explicit on import: anything but
// "enabled" leaves the user disabled.
type IAMUser struct {
	SecretKey string `json:"secretKey"`
	Status    string `json:"status"`
}

// IAMGroup is one group. Import reads only Members (and merges them).
type IAMGroup struct {
	Status  string   `json:"status,omitempty"`
	Members []string `json:"members"`
}

// IAMServiceAccount is one service account. Import ignores Status (always enabled).
type IAMServiceAccount struct {
	Parent        string          `json:"parent"`
	AccessKey     string          `json:"accessKey"`
	SecretKey     string          `json:"secretKey"`
	Groups        []string        `json:"groups,omitempty"`
	SessionPolicy json.RawMessage `json:"sessionPolicy,omitempty"`
	Status        string          `json:"status,omitempty"`
	Name          string          `json:"name,omitempty"`
	Description   string          `json:"description,omitempty"`
	Expiration    *time.Time      `json:"expiration,omitempty"`
}

// HasSessionPolicy tells whether the account has its own policy (export writes null
// for an account that inherits its parent's).
func (s IAMServiceAccount) HasSessionPolicy() bool {
	p := bytes.TrimSpace(s.SessionPolicy)
	return len(p) > 0 && !bytes.Equal(p, []byte("null"))
}

// Expires is the expiry, nil when none (export writes the Unix epoch for none).
func (s IAMServiceAccount) Expires() *time.Time {
	if s.Expiration == nil || s.Expiration.Unix() <= 0 {
		return nil
	}
	return s.Expiration
}

// IAMMapping is the policy list of a user or group, comma-separated; "" removes it.
type IAMMapping struct {
	Policy string `json:"policy"`
}

// iamFiles lists the zip's files in the server's import order, with the snapshot field
// each one fills.
func (s *IAMSnapshot) iamFiles() []struct {
	name string
	ptr  any
} {
	return []struct {
		name string
		ptr  any
	}{
		{"policies.json", &s.Policies}, {"users.json", &s.Users}, {"groups.json", &s.Groups},
		{"svcaccts.json", &s.ServiceAccounts}, {"user_mappings.json", &s.UserMappings},
		{"group_mappings.json", &s.GroupMappings}, {"stsuser_mappings.json", &s.STSMappings},
	}
}

// ParseIAMZip reads an export zip. A zip cut short (the server cannot change its 200
// status once streaming has started) fails here, because its central directory is missing.
func ParseIAMZip(data []byte) (*IAMSnapshot, error) {
	s, _, err := parseIAMZip(data)
	return s, err
}

// parseIAMZip also counts the files the server would read.
func parseIAMZip(data []byte) (*IAMSnapshot, int, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, fmt.Errorf("IAM zip: not a complete zip: %w", err)
	}
	s, found := &IAMSnapshot{}, 0
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	// The files decode side by side (each into its own field): a big export's users,
	// service accounts and mappings are each hundreds of KB of JSON, on the path of
	// every plan after the server's answer.
	files := s.iamFiles()
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, file := range files {
		f, ok := byName[iamAssetsDir+file.name]
		if !ok {
			continue
		}
		found++
		wg.Go(func() {
			rc, err := f.Open()
			if err == nil {
				var b []byte
				b, err = io.ReadAll(rc)
				rc.Close()
				if err == nil {
					err = json.Unmarshal(b, file.ptr)
				}
			}
			if err != nil {
				errs[i] = fmt.Errorf("IAM zip: %s: %w", file.name, err)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, 0, err
		}
	}
	return s, found, nil
}

// Zip builds an import zip holding the snapshot's non-empty files under the exact
// names the server reads.
func (s *IAMSnapshot) Zip() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, file := range s.iamFiles() {
		b, err := json.Marshal(file.ptr)
		if err != nil {
			return nil, fmt.Errorf("IAM zip: %s: %w", file.name, err)
		}
		if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte("{}")) {
			continue
		}
		w, err := zw.Create(iamAssetsDir + file.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExportIAMZip downloads the whole IAM state (built-in policies included) as the
// server's zip. It holds every secret key in the clear.
func (c *Client) ExportIAMZip(ctx context.Context) ([]byte, error) {
	resp, err := c.do(ctx, &Call{Op: "export_iam", Method: http.MethodGet, Path: "export-iam"})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// ExportIAM downloads and parses the whole IAM state.
func (c *Client) ExportIAM(ctx context.Context) (*IAMSnapshot, error) {
	data, err := c.ExportIAMZip(ctx)
	if err != nil {
		return nil, err
	}
	s, err := ParseIAMZip(data)
	if err != nil {
		return nil, &ResponseError{Op: "export_iam", Err: err}
	}
	return s, nil
}

// ImportIAMResult is the answer of import-iam-v2. "Added" means written, not new; the
// server gives no reason for a failed entry.
type ImportIAMResult struct {
	Skipped IAMEntities `json:"skipped"`
	Removed IAMEntities `json:"removed"`
	Added   IAMEntities `json:"added"`
	Failed  IAMFailures `json:"failed"`
}

// IAMEntities lists names per kind; mappings as one-key objects name → policies.
type IAMEntities struct {
	Policies        []string              `json:"policies,omitempty"`
	Users           []string              `json:"users,omitempty"`
	Groups          []string              `json:"groups,omitempty"`
	ServiceAccounts []string              `json:"serviceAccounts,omitempty"`
	UserPolicies    []map[string][]string `json:"userPolicies,omitempty"`
	GroupPolicies   []map[string][]string `json:"groupPolicies,omitempty"`
	STSPolicies     []map[string][]string `json:"stsPolicies,omitempty"`
}

// IAMFailures lists the entries the server refused. Error is whatever the server sent
// (a string, {} or nothing): it carries no reason on current servers.
type IAMFailures struct {
	Policies        []IAMFailed `json:"policies,omitempty"`
	Users           []IAMFailed `json:"users,omitempty"`
	Groups          []IAMFailed `json:"groups,omitempty"`
	ServiceAccounts []IAMFailed `json:"serviceAccounts,omitempty"`
	UserPolicies    []IAMFailed `json:"userPolicies,omitempty"`
	GroupPolicies   []IAMFailed `json:"groupPolicies,omitempty"`
	STSPolicies     []IAMFailed `json:"stsPolicies,omitempty"`
}

// IAMFailed is one refused entry.
type IAMFailed struct {
	Name     string          `json:"name"`
	Policies []string        `json:"policies,omitempty"`
	Error    json.RawMessage `json:"error,omitempty"`
}

// ImportIAM sends an import zip to import-iam-v2. It is not transactional: entries are
// written one by one, and a fatal error keeps what was written before it. It is never
// retried or re-sent through the v1 route (mc does that, applying a failing zip twice).
func (c *Client) ImportIAM(ctx context.Context, zipData []byte) (Result[ImportIAMResult], error) {
	const op = "import_iam"
	// The server answers 200 to a zip it cannot use; refuse it here instead.
	if _, found, err := parseIAMZip(zipData); err != nil || found == 0 {
		reason := "no iam-assets/*.json entry: the server would import nothing"
		if err != nil {
			reason = err.Error()
		}
		return Result[ImportIAMResult]{}, &ArgumentError{Op: op, Arg: "zip", Reason: reason}
	}
	return doJSON[ImportIAMResult](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "import-iam-v2", Body: zipData})
}
