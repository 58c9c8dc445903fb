package jobs

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/redact"
)

// Server configuration by subsystem and target ("scanner", "notify_webhook:primary"):
// only the keys the state names are managed. Facts in state-sections.md §1:
//   - The running config is read in one sealed call (GET config): every target, a
//     disabled one as a "#" line, environment overrides as "# MINIO_..." lines, secrets
//     in the clear. A secret a server leaves out cannot be compared: the plan says so.
//   - A write to a subsystem the server does not apply live is stored, but reads show
//     the old values until a restart; the answer then lacks X-Minio-Config-Applied.
//     The stored value is found in the config history (every set, secrets included,
//     with its time), so a plan replays the sets made since the server started onto
//     the running values of such subsystems and says the change waits for a restart.
//   - Values are kept as typed, "enable=on" is never printed: compare by meaning.

// KindConfig is the kind of a config change, named "subsys" or "subsys:target".
const KindConfig = "config"

// ConfigTarget is one target of a subsystem as the server holds it.
type ConfigTarget struct {
	// Values as the running server shows them; a secret it leaves out is missing.
	Values map[string]string `json:"values,omitempty"`
	// Env: keys an environment variable sets (the stored value is not in effect).
	Env map[string]bool `json:"env,omitempty"`
	// Pending: values set since the server started, in a subsystem it applies only on
	// restart; they are in effect after the restart.
	Pending map[string]string `json:"pending,omitempty"`
}

// liveSubsystems are the subsystems the server applies without a restart (S:
// internal/config/config.go; state-sections.md §1.3). A set of any other one is pending
// until the server restarts.
var liveSubsystems = map[string]bool{
	"subnet": true, "callhome": true, "drive": true, "api": true, "scanner": true, "batch": true,
	"compression": true, "browser": true, "ilm": true, "logger_webhook": true, "audit_webhook": true,
	"audit_kafka": true, "storage_class": true, "heal": true,
}

// configSecret tells whether a config key holds a secret: the program's one rule, plus
// keys the server only calls sensitive (it returns them in the clear) and connection
// strings that carry a password.
func configSecret(key string) bool {
	switch key {
	case "license", "dsn_string", "connection_string":
		return true
	}
	return redact.Name(key)
}

// subsystemOf is the subsystem part of a config name.
func subsystemOf(name string) string {
	s, _, _ := strings.Cut(name, ":")
	return s
}

// parseConfigLine reads one "subsys[:target] k=v ..." line into its name and values.
func parseConfigLine(line string) (string, map[string]string, error) {
	name, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	name = strings.TrimSuffix(name, ":_") // the default target
	kvs, err := admin.ParseKV(rest)
	if err != nil {
		return "", nil, fmt.Errorf("config %s: %w", name, err)
	}
	values := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		values[kv.Key] = kv.Value
	}
	return name, values, nil
}

// ParseConfigExport reads the server's full config text: a target line per target
// (commented out when the target is disabled) and "# MINIO_NAME=value" lines for the
// environment variables that override a key.
func ParseConfigExport(text string) (map[string]ConfigTarget, error) {
	out := map[string]ConfigTarget{}
	env := map[string]bool{}
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if body, comment := strings.CutPrefix(line, "#"); comment {
			line = strings.TrimSpace(body)
			if first, _, _ := strings.Cut(line, " "); strings.HasPrefix(first, "MINIO_") && strings.Contains(first, "=") {
				envName, _, _ := strings.Cut(first, "=")
				env[envName] = true
				continue
			}
		}
		if line == "" {
			continue
		}
		name, values, err := parseConfigLine(line)
		if err != nil {
			return nil, err
		}
		out[name] = ConfigTarget{Values: values}
	}
	for name, t := range out {
		sub, target, _ := strings.Cut(name, ":")
		for k := range t.Values {
			v := "MINIO_" + strings.ToUpper(sub+"_"+k)
			if target != "" {
				v += "_" + strings.ToUpper(target)
			}
			if env[v] {
				if t.Env == nil {
					t.Env = map[string]bool{}
				}
				t.Env[k] = true
			}
		}
		out[name] = t
	}
	return out, nil
}

// historyDepth is how many recent config sets a plan looks at for pending ones.
const historyDepth = 100

// readConfig reads the running config of the targets want names and, for those of
// subsystems applied on restart, the values set since the server started.
func readConfig(ctx context.Context, c *admin.Client, want *State, cur *Current) error {
	if want.Config == nil {
		return nil
	}
	text, err := c.ConfigExport(ctx)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	all, err := ParseConfigExport(text)
	if err != nil {
		return err
	}
	restartOnly := false
	for name := range want.Config {
		name = configName(name)
		if t, ok := all[name]; ok {
			cur.Config[name] = t
		}
		restartOnly = restartOnly || !liveSubsystems[subsystemOf(name)]
	}
	if !restartOnly {
		return nil
	}
	return readPending(ctx, c, want, cur)
}

// readPending replays onto cur the sets of named targets, in subsystems applied on
// restart, recorded since the server (its oldest node) started. A reset is not
// recorded in the history, so one made since then is not seen.
func readPending(ctx context.Context, c *admin.Client, want *State, cur *Current) error {
	hist, err := c.ConfigHistory(ctx, historyDepth)
	if err != nil {
		return fmt.Errorf("config history: %w", err)
	}
	named := map[string]bool{}
	for name := range want.Config {
		named[configName(name)] = true
	}
	type set struct {
		at     time.Time
		name   string
		values map[string]string
	}
	var sets []set
	for _, e := range hist.Value {
		for line := range strings.Lines(e.Data) {
			name, values, err := parseConfigLine(line)
			if err != nil || !named[name] || liveSubsystems[subsystemOf(name)] {
				continue // what a plan does not need is not its error
			}
			sets = append(sets, set{e.CreateTime, name, values})
		}
	}
	if len(sets) == 0 {
		return nil
	}
	info, err := c.ServerInfo(ctx)
	if err != nil {
		return fmt.Errorf("config: server uptime: %w", err)
	}
	var uptime int64
	for _, s := range info.Value.Servers {
		uptime = max(uptime, s.Uptime)
	}
	// A second more: uptime is whole seconds, and a set replayed twice changes nothing.
	started := time.Now().Add(-time.Duration(uptime+1) * time.Second)
	slices.SortStableFunc(sets, func(a, b set) int { return a.at.Compare(b.at) })
	for _, s := range sets {
		if s.at.Before(started) {
			continue
		}
		t := cur.Config[s.name]
		if t.Pending == nil {
			t.Pending = map[string]string{}
		}
		maps.Copy(t.Pending, s.values)
		cur.Config[s.name] = t
	}
	return nil
}

// configName is a state's target name as the server writes it ("subsys:_" is "subsys").
func configName(name string) string { return strings.TrimSuffix(name, ":_") }

// sameConfigValue compares two values by meaning: the server keeps them as typed.
func sameConfigValue(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == b {
		return true
	}
	if x, y := onOff(a), onOff(b); x != "" && x == y {
		return true
	}
	if x, err := strconv.ParseInt(a, 10, 64); err == nil {
		y, err := strconv.ParseInt(b, 10, 64)
		return err == nil && x == y
	}
	if x, err := time.ParseDuration(a); err == nil {
		y, err := time.ParseDuration(b)
		return err == nil && x == y
	}
	return false
}

func onOff(s string) string {
	switch strings.ToLower(s) {
	case "on", "true", "enable", "enabled", "yes":
		return "on"
	case "off", "false", "disable", "disabled", "no":
		return "off"
	}
	return ""
}

// configShow is a value as a plan may show it.
func configShow(key, value string) string {
	if configSecret(key) {
		return Secret
	}
	return value
}

// config diffs one target. A target the server does not show (nor has pending) is
// created; otherwise each named key is compared with its value after a restart.
func (d *differ) config(name string, want map[string]string) {
	server := configName(name)
	cur, exists := d.cur.Config[server]
	exists = exists && (cur.Values != nil || cur.Pending != nil)
	keys := slices.Sorted(maps.Keys(want))
	if !exists {
		after := map[string]any{}
		for _, k := range keys {
			after[k] = configShow(k, want[k])
		}
		d.add(Change{Action: ActionCreate, Kind: KindConfig, Name: name, After: after, Stage: StageConfig})
		return
	}
	before, after := map[string]any{}, map[string]any{}
	var unknown, env, pending []string
	for _, k := range keys {
		if cur.Env[k] {
			env = append(env, k)
			continue
		}
		have, ok := cur.Pending[k]
		if ok && have != cur.Values[k] {
			pending = append(pending, k)
		} else {
			have, ok = cur.Values[k]
		}
		switch {
		case !ok && k == "enable":
			have = "on" // never printed when on
		case !ok && configSecret(k):
			unknown = append(unknown, k)
			continue
		}
		if !sameConfigValue(have, want[k]) {
			before[k], after[k] = configShow(k, have), configShow(k, want[k])
		}
	}
	if len(unknown) > 0 {
		d.warn(fmt.Sprintf("config %s: the server does not show %s, so it cannot be compared (left as it is)",
			name, strings.Join(unknown, ", ")))
	}
	if len(env) > 0 {
		d.warn(fmt.Sprintf("config %s: %s set by environment variables on the server, not managed", name, strings.Join(env, ", ")))
	}
	if len(pending) > 0 {
		d.warn(fmt.Sprintf("config %s: %s set but not in effect until the server restarts (it still shows the old values)",
			name, strings.Join(pending, ", ")))
	}
	if len(after) == 0 {
		d.unchanged++
		return
	}
	d.add(Change{Action: ActionUpdate, Kind: KindConfig, Name: name, Before: before, After: after, Stage: StageConfig})
}

var (
	configSubsys = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	configKey    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func validateConfig(bad func(arg, reason string), want *State) {
	for _, name := range slices.Sorted(maps.Keys(want.Config)) {
		arg := "config " + name
		sub, target, multi := strings.Cut(name, ":")
		switch {
		case !configSubsys.MatchString(sub):
			bad(arg, "a subsystem name (lower case, e.g. scanner) expected before the optional :target")
		case multi && (target == "" || strings.ContainsAny(target, " \t\n=\":")):
			bad(arg, "a target name must not be empty nor hold white space, '=', ':' or '\"'")
		case len(want.Config[name]) == 0:
			bad(arg, "name at least one key")
		}
		for _, k := range slices.Sorted(maps.Keys(want.Config[name])) {
			v := want.Config[name][k]
			switch {
			case !configKey.MatchString(k):
				bad(arg, fmt.Sprintf("key %q: lower-case letters, digits and _ expected", k))
			case strings.ContainsAny(v, "\"\n\r"):
				// Errors name the key, never the value: it may be a secret.
				bad(arg, "the value of "+k+" must not hold a double quote or a line break (the server cannot store it)")
			}
		}
	}
}

// writeConfig sets the keys a change sets (all named keys for a create) in one call; a
// disabled target stays disabled (a set without "enable" turns a target on). It tells
// whether the server needs a restart for the change to take effect. Writes go one at a
// time (executor.configMu).
func (x *executor) writeConfig(ctx context.Context, ch Change) (restart bool, err error) {
	want := x.want.Config[ch.Name]
	var kvs []admin.KV
	for _, k := range slices.Sorted(maps.Keys(ch.After)) {
		kvs = append(kvs, admin.KV{Key: k, Value: want[k]})
	}
	if _, named := ch.After["enable"]; !named {
		if v, ok := want["enable"]; ok {
			kvs = append(kvs, admin.KV{Key: "enable", Value: v})
		} else if v := x.cur.Config[configName(ch.Name)].Values["enable"]; onOff(v) == "off" {
			kvs = append(kvs, admin.KV{Key: "enable", Value: v})
		}
	}
	x.configMu.Lock()
	defer x.configMu.Unlock()
	applied, err := x.c.ConfigSet(ctx, configName(ch.Name), kvs)
	if err != nil {
		return false, err
	}
	return !applied && !x.c.DryRun(), nil
}

// exportConfig is the running config as a state section: for each target, the keys
// that differ from a fresh server's defaults (configDefaults), and every key of a
// named target of a multi-target subsystem that differs from that subsystem's
// defaults; secrets only with secrets set. Keys an environment variable sets are left
// out (the state cannot manage them).
func exportConfig(all map[string]ConfigTarget, secrets bool) map[string]map[string]string {
	defaults := configDefaultValues()
	out := map[string]map[string]string{}
	for name, t := range all {
		def := defaults[subsystemOf(name)]
		kv := map[string]string{}
		for k, v := range t.Values {
			if t.Env[k] || (configSecret(k) && !secrets) {
				continue
			}
			d, known := def[k]
			if (known && sameConfigValue(d, v)) || (!known && v == "") {
				continue
			}
			kv[k] = v
		}
		if strings.Contains(name, ":") {
			// Always written: a set without it would turn a disabled target on.
			kv["enable"] = "on"
			if v, ok := t.Values["enable"]; ok {
				kv["enable"] = v
			}
		}
		if len(kv) > 0 {
			out[name] = kv
		}
	}
	return out
}

// configDefaults is the full config of a fresh server (the pinned one, verified), each
// subsystem's default target.
const configDefaults = `subnet license= api_key= proxy=
callhome enable=off frequency=24h
drive max_timeout=30s
site name= region=
api requests_max=0 cluster_deadline=10s cors_allow_origin=* remote_transport_deadline=2h list_quorum=strict replication_priority=auto replication_max_workers=500 replication_max_lrg_workers=10 transition_workers=100 stale_uploads_cleanup_interval=6h stale_uploads_expiry=24h delete_cleanup_interval=5m odirect=on gzip_objects=off root_access=on sync_events=off object_max_versions=9223372036854775807
scanner speed=default alert_excess_versions=100 alert_excess_folders=50000
batch replication_workers_wait=0ms keyrotation_workers_wait=0ms expiration_workers_wait=0ms
compression enable=off allow_encryption=off extensions=.txt,.log,.csv,.json,.tar,.xml,.bin mime_types=text/*,application/json,application/xml,binary/octet-stream
identity_openid enable= display_name= config_url= client_id= client_secret= claim_name=policy claim_userinfo= role_policy= redirect_uri_dynamic=off scopes= vendor= keycloak_realm= keycloak_admin_url= user_readable_claim= user_id_claim=
identity_ldap enable= server_addr= srv_record_name= user_dn_search_base_dn= user_dn_search_filter= user_dn_attributes= group_search_filter= group_search_base_dn= tls_skip_verify=off server_insecure=off server_starttls=off lookup_bind_dn= lookup_bind_password=
identity_tls skip_verify=off
identity_plugin url= auth_token= role_policy= role_id=
policy_plugin url= auth_token= enable_http2=off
logger_webhook enable=off endpoint= auth_token= client_cert= client_key= proxy= batch_size=1 queue_size=100000 queue_dir= max_retry=0 retry_interval=3s http_timeout=5s
audit_webhook enable=off endpoint= auth_token= client_cert= client_key= batch_size=1 queue_size=100000 queue_dir= max_retry=0 retry_interval=3s http_timeout=5s
audit_kafka enable=off topic= brokers= sasl_username= sasl_password= sasl_mechanism=plain client_tls_cert= client_tls_key= tls_client_auth=0 sasl=off tls=off tls_skip_verify=off version= queue_size=100000 queue_dir=
notify_webhook enable=off endpoint= auth_token= queue_limit=0 queue_dir= client_cert= client_key=
notify_amqp enable=off url= exchange= exchange_type= routing_key= mandatory=off durable=off no_wait=off internal=off auto_deleted=off delivery_mode=0 publisher_confirms=off queue_limit=0 queue_dir=
notify_kafka enable=off topic= brokers= sasl_username= sasl_password= sasl_mechanism=plain client_tls_cert= client_tls_key= tls_client_auth=0 sasl=off tls=off tls_skip_verify=off queue_limit=0 queue_dir= version= batch_size=0 batch_commit_timeout=0s compression_codec= compression_level=
notify_mqtt enable=off broker= topic= password= username= qos=0 keep_alive_interval=0s reconnect_interval=0s queue_dir= queue_limit=0
notify_nats enable=off address= subject= username= password= token= tls=off tls_skip_verify=off cert_authority= client_cert= client_key= ping_interval=0 jetstream=off streaming=off streaming_async=off streaming_max_pub_acks_in_flight=0 queue_dir= queue_limit=0
notify_nsq enable=off nsqd_address= topic= tls=off tls_skip_verify=off queue_dir= queue_limit=0
notify_mysql enable=off format=namespace dsn_string= table= queue_dir= queue_limit=0 max_open_connections=2
notify_postgres enable=off format=namespace connection_string= table= queue_dir= queue_limit=0 max_open_connections=2
notify_elasticsearch enable=off url= format=namespace index= queue_dir= queue_limit=0 username= password=
notify_redis enable=off format=namespace address= key= password= user= queue_dir= queue_limit=0
lambda_webhook enable=off endpoint= auth_token= client_cert= client_key=
etcd endpoints= path_prefix= coredns_path=/skydns client_cert= client_cert_key=
browser csp_policy="default-src 'self' 'unsafe-eval' 'unsafe-inline'; script-src 'self' https://unpkg.com;  connect-src 'self' https://unpkg.com;" hsts_seconds=0 hsts_include_subdomains=off hsts_preload=off referrer_policy=strict-origin-when-cross-origin
ilm transition_workers=100 expiration_workers=100
`

// configDefaultValues parses configDefaults by subsystem.
func configDefaultValues() map[string]map[string]string {
	all, err := ParseConfigExport(configDefaults)
	if err != nil {
		panic(err) // a constant
	}
	out := map[string]map[string]string{}
	for name, t := range all {
		out[name] = t.Values
	}
	return out
}

// configFingerprint is what the fingerprint hashes of the config: values, secrets
// left out.
func configFingerprint(targets map[string]ConfigTarget) map[string]any {
	out := map[string]any{}
	for name, t := range targets {
		keep := func(m map[string]string) map[string]string {
			o := map[string]string{}
			for k, v := range m {
				if !configSecret(k) {
					o[k] = v
				}
			}
			return o
		}
		out[name] = []any{keep(t.Values), keep(t.Pending), t.Env}
	}
	return out
}
