package testserver

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// LDAP is a real OpenLDAP slapd on loopback with a small directory: users alice, bob
// and carol (password "<name>-password") under ou=people, and group devs (alice, bob)
// under ou=groups, all below dc=example,dc=org.
type LDAP struct {
	Addr string
	proc *process
}

// LDAP directory facts the tests use.
const (
	LDAPAdminDN    = "cn=admin,dc=example,dc=org"
	LDAPAdminPass  = "admin-password"
	LDAPPeopleBase = "ou=people,dc=example,dc=org"
	LDAPGroupsBase = "ou=groups,dc=example,dc=org"
)

// LDAPUserDN is the DN of a test user.
func LDAPUserDN(uid string) string { return "uid=" + uid + "," + LDAPPeopleBase }

// LDAPGroupDN is the DN of a test group.
func LDAPGroupDN(cn string) string { return "cn=" + cn + "," + LDAPGroupsBase }

const slapdConf = `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {{DIR}}/slapd.pid
database mdb
maxsize 67108864
suffix "dc=example,dc=org"
rootdn "cn=admin,dc=example,dc=org"
rootpw admin-password
directory {{DIR}}/db
`

func ldif() string {
	var b strings.Builder
	b.WriteString("dn: dc=example,dc=org\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n\n")
	b.WriteString("dn: ou=people,dc=example,dc=org\nobjectClass: organizationalUnit\nou: people\n\n")
	b.WriteString("dn: ou=groups,dc=example,dc=org\nobjectClass: organizationalUnit\nou: groups\n\n")
	for _, u := range []string{"alice", "bob", "carol"} {
		fmt.Fprintf(&b, "dn: %s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\nuserPassword: %s-password\n\n",
			LDAPUserDN(u), u, u, u, u)
	}
	fmt.Fprintf(&b, "dn: %s\nobjectClass: groupOfNames\ncn: devs\nmember: %s\nmember: %s\n\n",
		LDAPGroupDN("devs"), LDAPUserDN("alice"), LDAPUserDN("bob"))
	return b.String()
}

// startLDAP loads the directory with slapadd and starts slapd on a free port in dir.
func startLDAP(dir string) (*LDAP, error) {
	slapd, err := exec.LookPath("slapd")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/slapd"); serr != nil {
			return nil, fmt.Errorf("slapd not found: install Debian's slapd and ldap-utils (.ci/run does)")
		}
		slapd = "/usr/sbin/slapd"
	}
	slapadd := filepath.Join(filepath.Dir(slapd), "slapadd")
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o700); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "slapd.conf")
	if err := os.WriteFile(conf, []byte(strings.ReplaceAll(slapdConf, "{{DIR}}", dir)), 0o600); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data.ldif")
	if err := os.WriteFile(data, []byte(ldif()), 0o600); err != nil {
		return nil, err
	}
	if out, err := exec.Command(slapadd, "-f", conf, "-l", data).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("slapadd: %v\n%s", err, out)
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	l := &LDAP{Addr: fmt.Sprintf("127.0.0.1:%d", port)}
	// -d keeps slapd in the foreground so it is our child and dies with us.
	l.proc, err = startProcess(filepath.Join(dir, "slapd.log"), dir, nil, slapd, "-f", conf, "-h", "ldap://"+l.Addr+"/", "-d", "0")
	if err != nil {
		return nil, err
	}
	if err := l.proc.waitListening(l.Addr, 20*time.Second); err != nil {
		return nil, err
	}
	return l, nil
}

// MinIOEnv configures a MinIO server to use this directory.
func (l *LDAP) MinIOEnv() []string {
	return []string{
		"MINIO_IDENTITY_LDAP_SERVER_ADDR=" + l.Addr,
		"MINIO_IDENTITY_LDAP_SERVER_INSECURE=on",
		"MINIO_IDENTITY_LDAP_LOOKUP_BIND_DN=" + LDAPAdminDN,
		"MINIO_IDENTITY_LDAP_LOOKUP_BIND_PASSWORD=" + LDAPAdminPass,
		"MINIO_IDENTITY_LDAP_USER_DN_SEARCH_BASE_DN=" + LDAPPeopleBase,
		"MINIO_IDENTITY_LDAP_USER_DN_SEARCH_FILTER=(uid=%s)",
		"MINIO_IDENTITY_LDAP_GROUP_SEARCH_BASE_DN=" + LDAPGroupsBase,
		"MINIO_IDENTITY_LDAP_GROUP_SEARCH_FILTER=(&(objectclass=groupOfNames)(member=%d))",
	}
}

// Stop ends slapd.
func (l *LDAP) Stop() { l.proc.stop() }
