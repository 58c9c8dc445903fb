package admin

import (
	"strings"
	"testing"
)

// FuzzAlias feeds arbitrary mc config files and MC_HOST_ values to the alias parsers:
// they return a connection or an error, never panic; a config-file endpoint is the
// alias's url and an MC_HOST_ endpoint is scheme://host; errors never repeat the
// MC_HOST_ value, which holds the keys. Seeds are in testdata/fuzz/FuzzAlias; CI runs it
// for a bounded time (scripts/test.sh).
func FuzzAlias(f *testing.F) {
	f.Add("prod", []byte(`{"version":"10","aliases":{"prod":{"url":"https://minio.example:9000","accessKey":"AK","secretKey":"SK","api":"s3v4"}}}`),
		"https://AK:SK@minio.example:9000")
	f.Add("p", []byte(`{"version":"9","aliases":{}}`), "http://AK:SK:TOKEN@127.0.0.1:9000")
	f.Add("x", []byte(`{"version":"10","aliases":{"x":{"url":""}}}`), "ftp://a:b@h")
	f.Add("", []byte(`[`), "https://minio.example")
	f.Fuzz(func(t *testing.T, name string, config []byte, host string) {
		if endpoint, _, err := parseMCConfig(name, "config.json", config); err == nil && endpoint == "" {
			t.Fatalf("empty endpoint from %q", config)
		}
		endpoint, _, err := parseMCHost(name, host)
		if err != nil {
			if want := "MC_HOST_" + name + " is not http(s)://ACCESS:SECRET@host:port"; err.Error() != want {
				t.Fatalf("error %q, want the fixed message %q (the value holds keys)", err, want)
			}
			return
		}
		if !strings.HasPrefix(endpoint, "http://") && !strings.HasPrefix(endpoint, "https://") {
			t.Fatalf("endpoint %q from %q", endpoint, host)
		}
		if strings.Contains(endpoint, "@") {
			t.Fatalf("endpoint %q carries credentials", endpoint)
		}
	})
}
