// Package redact is the one rule for what the program never shows: values whose name
// says they are secret, and the password in a URL's user info. Traces, dry-run records,
// plans, logs, errors and the REPL history all ask here, so the rule cannot drift
// between them.
package redact

import (
	"regexp"
	"strings"
	"unicode"
)

// secretName matches a name, lower-cased with its words joined by "_", that marks a
// secret value: secret_key, password, db_pwd, pass, passphrase, session_token,
// credentials, private_key, api_key, apikey, authorization.
var secretName = regexp.MustCompile(`secret|passw|passphrase|pwd|token|credential|private|api_?key|authoriz|(?:^|_)pass(?:_|$)`)

// Name tells whether a field or variable name marks a secret value. camelCase and
// kebab-case names count as their snake_case form (apiKey, X-Api-Key).
func Name(name string) bool {
	return secretName.MatchString(snake(name))
}

// snake lower-cases name and puts "_" between its words.
func snake(name string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range name {
		lower := unicode.IsLower(r) || unicode.IsDigit(r)
		switch {
		case r == '-' || r == '.' || r == ' ':
			r = '_'
		case unicode.IsUpper(r):
			if prevLower {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		prevLower = lower
		b.WriteRune(r)
	}
	return b.String()
}

var (
	// urlUserInfo is scheme://user:password@ with the authority's last "@", as URL
	// parsers split it; the password may not hold "/", "?", "#" or white space.
	urlUserInfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^/?#\s:@"']*):[^/?#\s"']*@`)
	// escapedUserInfo is the same URL percent-encoded as a query value
	// (http%3A%2F%2Fuser%3Apassword%40host); an "@" inside the password is %2540 there.
	escapedUserInfo = regexp.MustCompile(`(?i)([A-Za-z][A-Za-z0-9+.\-]*%3A%2F%2F[^&\s/?#%"']*(?:%[0-9A-F]{2}[^&\s/?#%"']*)*?)%3A[^&\s/?#"']*?%40`)
)

// URLs masks the password of every URL with user info in s, plain or percent-encoded
// (http://user:***@host); the rest of the text is left as it is.
func URLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(strings.ToUpper(s), "%3A%2F%2F") {
		return s
	}
	s = urlUserInfo.ReplaceAllString(s, "$1:***@")
	return escapedUserInfo.ReplaceAllString(s, "${1}%3A***%40")
}
