package testserver

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// STSCredentials are temporary keys from the STS API.
type STSCredentials struct {
	AccessKey    string `xml:"AccessKeyId"`
	SecretKey    string `xml:"SecretAccessKey"`
	SessionToken string `xml:"SessionToken"`
}

// AssumeRoleWithLDAP gets temporary keys for an LDAP user from the server's STS API
// (an unsigned form POST), so tests have STS keys to list.
func AssumeRoleWithLDAP(endpoint, user, password string) (STSCredentials, error) {
	form := url.Values{
		"Action":          {"AssumeRoleWithLDAPIdentity"},
		"Version":         {"2011-06-15"},
		"LDAPUsername":    {user},
		"LDAPPassword":    {password},
		"DurationSeconds": {"900"},
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	resp, err := hc.Post(endpoint+"/", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return STSCredentials{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return STSCredentials{}, fmt.Errorf("AssumeRoleWithLDAPIdentity: %d %s", resp.StatusCode, body)
	}
	var doc struct {
		Creds STSCredentials `xml:"AssumeRoleWithLDAPIdentityResult>Credentials"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		return STSCredentials{}, err
	}
	return doc.Creds, nil
}
