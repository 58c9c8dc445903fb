package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// KV is one key=value setting of a config sub-system.
type KV struct {
	Key   string
	Value string
}

// ParseKV reads `k=v k2="value with spaces"` into settings.
func ParseKV(s string) ([]KV, error) {
	var out []KV
	rest := strings.Trim(s, kvSpace)
	for rest != "" {
		// Errors name the setting, never its value: config values can be secrets.
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 || strings.ContainsAny(rest[:eq], kvSpace) {
			return nil, fmt.Errorf("expected key=value after %d settings", len(out))
		}
		kv := KV{Key: rest[:eq]}
		rest = rest[eq+1:]
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote in value of %s", kv.Key)
			}
			kv.Value, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, kvSpace)
			if end < 0 {
				end = len(rest)
			}
			kv.Value, rest = rest[:end], rest[end:]
		}
		out = append(out, kv)
		rest = strings.TrimLeft(rest, kvSpace)
	}
	return out, nil
}

// kvSpace separates settings, and is trimmed around them: one set for both, so that a
// value written back (formatKV) parses as it was read (FuzzParseKV found a vertical tab
// trimmed at the end of a line but kept inside a value).
const kvSpace = " \t\r\n\v\f"

// formatKV writes one setting the way the server parses it: values with white space or
// nothing in them are quoted.
func formatKV(kv KV) string {
	if kv.Value == "" || strings.ContainsAny(kv.Value, kvSpace) {
		return kv.Key + `="` + kv.Value + `"`
	}
	return kv.Key + "=" + kv.Value
}

// ConfigGet returns the settings of a sub-system (`subsys`, `subsys:target`) as text.
func (c *Client) ConfigGet(ctx context.Context, key string) (string, error) {
	const op = "config_get"
	if err := requireArg(op, "key", key); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodGet, Path: "get-config-kv",
		Query: [][2]string{{"key", key}}, DecryptResponse: true})
}

// configApplied is the answer header of a config write the server applied at once;
// without it the change takes effect when the server restarts.
const configApplied = "X-Minio-Config-Applied"

// ConfigSet applies settings to a sub-system; the server records a history entry. It
// tells whether the server applied them at once (false: they take effect after a
// restart, and reads show the old values until then).
func (c *Client) ConfigSet(ctx context.Context, key string, settings []KV) (applied bool, err error) {
	const op = "config_set"
	if err := requireArg(op, "key", key); err != nil {
		return false, err
	}
	if len(settings) == 0 {
		return false, &ArgumentError{Op: op, Arg: "value", Reason: "no key=value settings"}
	}
	parts := []string{key}
	for _, kv := range settings {
		if kv.Key == "" || strings.ContainsAny(kv.Key, "= \t\"") {
			return false, &ArgumentError{Op: op, Arg: "value", Reason: fmt.Sprintf("invalid setting name %q", kv.Key)}
		}
		if strings.Contains(kv.Value, `"`) {
			return false, &ArgumentError{Op: op, Arg: "value", Reason: fmt.Sprintf("value of %s contains a double quote", kv.Key)}
		}
		parts = append(parts, formatKV(kv))
	}
	return c.configWrite(ctx, &Call{Op: op, Method: http.MethodPut, Path: "set-config-kv",
		Body: []byte(strings.Join(parts, " ")), EncryptBody: true})
}

// ConfigReset returns a sub-system (or one target of it, name) to its defaults; applied
// as for ConfigSet.
func (c *Client) ConfigReset(ctx context.Context, key, name string) (applied bool, err error) {
	const op = "config_reset"
	if err := requireArg(op, "key", key); err != nil {
		return false, err
	}
	body := key
	if name != "" {
		body += ":" + name
	}
	return c.configWrite(ctx, &Call{Op: op, Method: http.MethodDelete, Path: "del-config-kv",
		Body: []byte(body), EncryptBody: true})
}

func (c *Client) configWrite(ctx context.Context, call *Call) (bool, error) {
	resp, err := c.do(ctx, call)
	if err != nil {
		return false, err
	}
	return resp.Header.Get(configApplied) == "true", nil
}

// ConfigExport returns the whole running configuration as text, one line per target,
// disabled targets and environment overrides as "#" lines. Secrets are in it in the
// clear (the answer is sealed).
func (c *Client) ConfigExport(ctx context.Context) (string, error) {
	return c.doText(ctx, &Call{Op: "config_export", Method: http.MethodGet, Path: "config", DecryptResponse: true})
}

// ConfigHistoryEntry is one recorded config change.
type ConfigHistoryEntry struct {
	RestoreID  string    `json:"restoreId"`
	CreateTime time.Time `json:"createTime"`
	Data       string    `json:"data"`
}

// ConfigHistory lists up to count recent config changes, oldest first (count 0: 10).
func (c *Client) ConfigHistory(ctx context.Context, count int) (Result[[]ConfigHistoryEntry], error) {
	if count <= 0 {
		count = 10
	}
	return doJSON[[]ConfigHistoryEntry](ctx, c, &Call{Op: "config_history", Method: http.MethodGet,
		Path: "list-config-history-kv", Query: [][2]string{{"count", strconv.Itoa(count)}}, DecryptResponse: true})
}

// ConfigRestore brings back the configuration recorded under restoreID.
func (c *Client) ConfigRestore(ctx context.Context, restoreID string) (string, error) {
	const op = "config_restore"
	if err := requireArg(op, "restore_id", restoreID); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "restore-config-history-kv",
		Query: [][2]string{{"restoreId", restoreID}}})
}
