package jobs

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/minioscript/minioscript/admin"
)

// LDAP policy mappings: which policies an LDAP user or group DN has. They are written
// with the LDAP attach/detach routes and read with the LDAP policy-entities route (one
// sealed call for every mapping); the server stores each DN as LDAP normalised it, so
// DNs are compared case-insensitively, spaces around separators ignored.

// KindLDAPMapping is the kind of an LDAP mapping change, named "user:DN" or "group:DN".
const KindLDAPMapping = "ldap_mapping"

// LDAPState is the wanted LDAP mappings. A nil map is not managed; inside one, DNs not
// named are left alone unless prune.
type LDAPState struct {
	Users  map[string]LDAPMapping `json:"users"`
	Groups map[string]LDAPMapping `json:"groups"`
}

// LDAPMapping is the exact policy set of one DN (empty: none).
type LDAPMapping struct {
	Policies []string `json:"policies"`
}

// normDN folds the spellings of one DN: case, and spaces around ',' and '='.
func normDN(dn string) string {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(dn)), ",")
	for i, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if ok {
			parts[i] = strings.TrimSpace(k) + "=" + strings.TrimSpace(v)
		} else {
			parts[i] = strings.TrimSpace(p)
		}
	}
	return strings.Join(parts, ",")
}

// readLDAP reads every LDAP mapping into cur (DNs in normal form) and tells whether
// the server has LDAP. A server without LDAP has none.
func readLDAP(ctx context.Context, c *admin.Client, cur *Current) (bool, error) {
	res, err := c.GetLDAPPolicyEntities(ctx, nil, nil, nil)
	var se *admin.Error
	if errors.As(err, &se) && (se.Code == "XMinioIAMActionNotAllowed" || se.Code == "XMinioLDAPNotEnabled") {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	// Without filters the server answers by policy: each with its users and groups.
	for _, m := range res.Value.PolicyMappings {
		for _, u := range m.Users {
			cur.LDAPUsers[normDN(u)] = append(cur.LDAPUsers[normDN(u)], m.Policy)
		}
		for _, g := range m.Groups {
			cur.LDAPGroups[normDN(g)] = append(cur.LDAPGroups[normDN(g)], m.Policy)
		}
	}
	for _, side := range []map[string][]string{cur.LDAPUsers, cur.LDAPGroups} {
		for dn, list := range side {
			side[dn] = normList(list)
		}
	}
	return true, nil
}

// ldapMappings diffs one side (users or groups) of the LDAP mappings.
func (d *differ) ldapMappings(prefix string, want map[string]LDAPMapping, cur map[string][]string, prune bool) {
	named := map[string]bool{}
	for _, dn := range slices.Sorted(maps.Keys(want)) {
		named[normDN(dn)] = true
		have, w := normList(cur[normDN(dn)]), normList(want[dn].Policies)
		if slices.Equal(have, w) {
			d.unchanged++
			continue
		}
		ch := Change{Action: ActionUpdate, Kind: KindLDAPMapping, Name: prefix + dn, Before: map[string]any{"policies": have},
			After: map[string]any{"policies": w}, Stage: StageMappings}
		switch {
		case len(have) == 0:
			ch.Action, ch.Before = ActionCreate, nil
		case len(w) == 0:
			ch.Action, ch.After = ActionDelete, nil
		}
		d.add(ch)
	}
	if !prune || want == nil {
		return
	}
	for _, dn := range slices.Sorted(maps.Keys(cur)) {
		if !named[dn] && len(cur[dn]) > 0 {
			d.add(Change{Action: ActionDelete, Kind: KindLDAPMapping, Name: prefix + dn,
				Before: map[string]any{"policies": normList(cur[dn])}, Stage: StageMappings})
		}
	}
}

// ldapPolicies are the policies the state maps to LDAP DNs.
func ldapPolicies(want *State) []string {
	if want.LDAP == nil {
		return nil
	}
	var out []string
	for _, m := range want.LDAP.Users {
		out = append(out, m.Policies...)
	}
	for _, m := range want.LDAP.Groups {
		out = append(out, m.Policies...)
	}
	return out
}

// ldapKeptPolicies are the policies LDAP mappings still hold after the plan: those the
// state names, and those of DNs it leaves as they are.
func ldapKeptPolicies(want *State, cur *Current, prune bool) []string {
	out := ldapPolicies(want)
	side := func(w map[string]LDAPMapping, c map[string][]string) {
		named := map[string]bool{}
		for dn := range w {
			named[normDN(dn)] = true
		}
		for dn, list := range c {
			if !named[dn] && (w == nil || !prune) {
				out = append(out, list...)
			}
		}
	}
	var wl LDAPState
	if want.LDAP != nil {
		wl = *want.LDAP
	}
	side(wl.Users, cur.LDAPUsers)
	side(wl.Groups, cur.LDAPGroups)
	return out
}

func validateLDAP(bad func(arg, reason string), want *State, cur *Current, policyExists func(string) bool) {
	if want.LDAP == nil {
		return
	}
	for prefix, side := range map[string]map[string]LDAPMapping{"ldap user ": want.LDAP.Users, "ldap group ": want.LDAP.Groups} {
		seen := map[string]string{}
		for _, dn := range slices.Sorted(maps.Keys(side)) {
			if other, dup := seen[normDN(dn)]; dup {
				bad(prefix+dn, "the same DN as "+other)
			}
			seen[normDN(dn)] = dn
			if !strings.Contains(dn, "=") {
				bad(prefix+dn, "a DN (uid=...,dc=...) expected")
			}
			for _, p := range side[dn].Policies {
				if cur.Refs && !policyExists(strings.TrimSpace(p)) {
					bad(prefix+dn, "policy "+p+" does not exist and is not in the state")
				}
			}
		}
	}
}

// writeLDAP makes one DN's policies what the state wants: detach what goes, attach what
// comes.
func (x *executor) writeLDAP(ctx context.Context, ch Change) error {
	var want, cur []string
	if dn, ok := strings.CutPrefix(ch.Name, "group:"); ok {
		if x.want.LDAP != nil {
			want = x.want.LDAP.Groups[dn].Policies
		}
		cur = x.cur.LDAPGroups[normDN(dn)]
		return x.attachDetach(ctx, normList(want), normList(cur), "", dn)
	}
	dn := strings.TrimPrefix(ch.Name, "user:")
	if x.want.LDAP != nil {
		want = x.want.LDAP.Users[dn].Policies
	}
	cur = x.cur.LDAPUsers[normDN(dn)]
	return x.attachDetach(ctx, normList(want), normList(cur), dn, "")
}

func (x *executor) attachDetach(ctx context.Context, want, cur []string, user, group string) error {
	add, remove := setDiff(want, cur)
	if len(remove) > 0 {
		if _, err := x.c.DetachPolicyLDAP(ctx, remove, user, group); err != nil {
			return err
		}
	}
	if len(add) > 0 {
		if _, err := x.c.AttachPolicyLDAP(ctx, add, user, group); err != nil {
			return err
		}
	}
	return nil
}
