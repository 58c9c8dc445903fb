package jobs

import (
	"maps"
	"slices"
	"strings"

	"github.com/minioscript/minioscript/admin"
)

// Snapshot is the IAM state a wanted State describes, in the export's shape, for
// evaluating access offline (minioscript access-report --from): users with their
// status and policies, groups with members, status and policies, service accounts with
// parent, status, expiry and session policy, and the LDAP mappings (user DNs as STS
// mappings, group DNs as group mappings, as the server exports them). A nil policy list
// maps nothing; secrets are left out.
func (s *State) Snapshot() *admin.IAMSnapshot {
	snap := &admin.IAMSnapshot{
		Policies: maps.Clone(s.Policies), Users: map[string]admin.IAMUser{}, Groups: map[string]admin.IAMGroup{},
		ServiceAccounts: map[string]admin.IAMServiceAccount{}, UserMappings: map[string]admin.IAMMapping{},
		GroupMappings: map[string]admin.IAMMapping{}, STSMappings: map[string]admin.IAMMapping{},
	}
	join := func(list []string) admin.IAMMapping { return admin.IAMMapping{Policy: strings.Join(list, ",")} }
	for name, u := range s.Users {
		snap.Users[name] = admin.IAMUser{Status: wantStatus(u.Status)}
		if len(u.Policies) > 0 {
			snap.UserMappings[name] = join(u.Policies)
		}
	}
	for name, g := range s.Groups {
		snap.Groups[name] = admin.IAMGroup{Status: wantStatus(g.Status), Members: slices.Clone(g.Members)}
		if len(g.Policies) > 0 {
			snap.GroupMappings[name] = join(g.Policies)
		}
	}
	for key, sa := range s.ServiceAccounts {
		snap.ServiceAccounts[key] = admin.IAMServiceAccount{Parent: sa.User, AccessKey: key, Status: wantStatus(sa.Status),
			Name: sa.Name, Description: sa.Description, SessionPolicy: sa.Policy, Expiration: sa.Expiry}
	}
	if s.LDAP != nil {
		for dn, m := range s.LDAP.Users {
			snap.STSMappings[dn] = join(m.Policies)
		}
		for dn, m := range s.LDAP.Groups {
			snap.GroupMappings[dn] = join(m.Policies)
		}
	}
	return snap
}
