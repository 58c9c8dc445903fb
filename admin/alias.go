package admin

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// ResolveAlias finds an mc alias: MC_HOST_<NAME> first (scheme://ak:sk[:token]@host),
// then the aliases of mc's config.json (version 10) in MC_CONFIG_DIR or ~/.mc. The
// endpoint is a URL with its scheme. The config file is read with readFile (nil:
// os.ReadFile), so that a sandbox can bound it.
func ResolveAlias(name string, readFile func(string) ([]byte, error)) (endpoint string, cred Credentials, err error) {
	if readFile == nil {
		readFile = os.ReadFile
	}
	if name == "" {
		return "", cred, fmt.Errorf("empty alias name")
	}
	if v := os.Getenv("MC_HOST_" + name); v != "" {
		return parseMCHost(name, v)
	}
	dir := os.Getenv("MC_CONFIG_DIR")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", cred, fmt.Errorf("alias %s: no MC_HOST_%s and no home directory", name, name)
		}
		dir = filepath.Join(home, ".mc")
	}
	path := filepath.Join(dir, "config.json")
	data, err := readFile(path)
	if err != nil {
		return "", cred, fmt.Errorf("alias %s: no MC_HOST_%s and cannot read %s: %v", name, name, path, err)
	}
	return parseMCConfig(name, path, data)
}

// parseMCHost reads MC_HOST_<name>; errors never repeat the value, which holds keys.
func parseMCHost(name, v string) (string, Credentials, error) {
	var cred Credentials
	u, err := url.Parse(v)
	if err != nil || u.User == nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", cred, fmt.Errorf("MC_HOST_%s is not http(s)://ACCESS:SECRET@host:port", name)
	}
	cred.AccessKey = u.User.Username()
	secret, _ := u.User.Password()
	cred.SecretKey, cred.SessionToken, _ = strings.Cut(secret, ":")
	return u.Scheme + "://" + u.Host, cred, nil
}

// parseMCConfig finds alias name in the text of an mc config.json (version 10).
func parseMCConfig(name, path string, data []byte) (string, Credentials, error) {
	var cred Credentials
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
		return "", cred, fmt.Errorf("alias %s: %s is not valid JSON: %v", name, path, err)
	}
	if cfg.Version != "10" {
		return "", cred, fmt.Errorf("alias %s: %s has version %q, want 10", name, path, cfg.Version)
	}
	a, ok := cfg.Aliases[name]
	if !ok {
		return "", cred, fmt.Errorf("alias %s not found in %s", name, path)
	}
	if a.URL == "" {
		return "", cred, fmt.Errorf("alias %s in %s has no url", name, path)
	}
	return a.URL, Credentials{AccessKey: a.AccessKey, SecretKey: a.SecretKey, SessionToken: a.SessionToken}, nil
}
