package bindings

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/minioscript/minioscript/internal/files"
)

// ResolveAlias finds an mc alias: MC_HOST_<NAME> first (scheme://ak:sk[:token]@host),
// then the aliases of mc's config.json (version 10) in MC_CONFIG_DIR or ~/.mc, read
// through fsys (nil: no bounds).
func ResolveAlias(name string, fsys *files.FS) (Connection, error) {
	conn := Connection{CertCheck: true}
	if name == "" {
		return conn, fmt.Errorf("empty alias name")
	}
	if v := os.Getenv("MC_HOST_" + name); v != "" {
		u, err := url.Parse(v)
		if err != nil || u.User == nil || u.Host == "" {
			return conn, fmt.Errorf("MC_HOST_%s is not scheme://ACCESS:SECRET@host:port", name)
		}
		conn.Endpoint = u.Scheme + "://" + u.Host
		conn.AccessKey = u.User.Username()
		secret, _ := u.User.Password()
		conn.SecretKey, conn.SessionToken, _ = strings.Cut(secret, ":")
		return conn, nil
	}
	dir := os.Getenv("MC_CONFIG_DIR")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return conn, fmt.Errorf("alias %s: no MC_HOST_%s and no home directory", name, name)
		}
		dir = filepath.Join(home, ".mc")
	}
	path := filepath.Join(dir, "config.json")
	data, err := fsys.ReadFile(path)
	if err != nil {
		return conn, fmt.Errorf("alias %s: no MC_HOST_%s and cannot read %s: %v", name, name, path, err)
	}
	var cfg struct {
		Version string `json:"version"`
		Aliases map[string]struct {
			URL          string `json:"url"`
			AccessKey    string `json:"accessKey"`
			SecretKey    string `json:"secretKey"`
			SessionToken string `json:"sessionToken"`
		} `json:"aliases"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return conn, fmt.Errorf("alias %s: %s is not valid JSON: %v", name, path, err)
	}
	if cfg.Version != "10" {
		return conn, fmt.Errorf("alias %s: %s has version %q, want 10", name, path, cfg.Version)
	}
	a, ok := cfg.Aliases[name]
	if !ok {
		return conn, fmt.Errorf("alias %s not found in %s", name, path)
	}
	conn.Endpoint, conn.AccessKey, conn.SecretKey, conn.SessionToken = a.URL, a.AccessKey, a.SecretKey, a.SessionToken
	return conn, nil
}
