package admin_test

import (
	"fmt"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

func TestSiteReplication(t *testing.T) {
	sites := testserver.SitesForTest(t, 3, testserver.Config{})
	clients := make([]*admin.Client, len(sites))
	peers := make([]admin.PeerSite, len(sites))
	for i, s := range sites {
		clients[i] = s.ClientForTest(t, admin.Options{})
		peers[i] = admin.PeerSite{Name: fmt.Sprintf("site-%c", 'a'+i), Endpoint: s.URL(),
			AccessKey: testserver.RootUser, SecretKey: testserver.RootPassword}
	}
	a, b := clients[0], clients[1]

	off := must(a.GetSiteReplicationInfo(ctx))(t)
	if off.Value.Enabled {
		t.Fatalf("enabled before add: %s", off.Raw)
	}
	if r := must(a.AddSiteReplication(ctx, peers[:2]))(t); !r.Value.Success {
		t.Fatalf("add 2: %s", r.Raw)
	}
	if r := must(a.AddSiteReplication(ctx, peers))(t); !r.Value.Success {
		t.Fatalf("add third: %s", r.Raw)
	}
	info := must(a.GetSiteReplicationInfo(ctx))(t)
	if !info.Value.Enabled || len(info.Value.Sites) != 3 {
		t.Fatalf("info: %s", info.Raw)
	}

	// A user created on site A shows up on site B.
	must(a.UserAdd(ctx, "replicated-user", "replicated-secret"))(t)
	waitFor(t, "user on site B", func() bool {
		_, err := b.UserInfo(ctx, "replicated-user")
		return err == nil
	})
	must(a.GroupAdd(ctx, "replicated-group", []string{"replicated-user"}))(t)
	must(a.PolicyAdd(ctx, "replicated-policy", []byte(devPolicy)))(t)
	must(a.MakeBucket(ctx, "replicated-bucket"))(t)
	waitFor(t, "group, policy and bucket on site B", func() bool {
		_, gerr := b.GroupInfo(ctx, "replicated-group")
		_, perr := b.PolicyInfo(ctx, "replicated-policy")
		bk, berr := b.ListBuckets(ctx)
		return gerr == nil && perr == nil && berr == nil && len(bk.Value) == 1
	})

	for name, opts := range map[string]admin.SiteReplicationStatusOptions{
		"buckets":      {Buckets: true},
		"policies":     {Policies: true},
		"users":        {Users: true},
		"groups":       {Groups: true},
		"metrics":      {Metrics: true},
		"show_deleted": {ShowDeleted: true, Users: true},
		"entity":       {Entity: "user", EntityValue: "replicated-user"},
		"none":         {},
	} {
		st := must(a.GetSiteReplicationStatus(ctx, opts))(t)
		if !st.Value.Enabled || len(st.Value.Sites) != 3 {
			t.Fatalf("status %s: %s", name, st.Raw)
		}
		if name == "entity" {
			if _, ok := st.Value.UserStats["replicated-user"]; !ok {
				t.Fatalf("status for one user lacks it: %s", st.Raw)
			}
		}
		if name == "buckets" && st.Value.MaxBuckets != 1 {
			t.Fatalf("status buckets: %s", st.Raw)
		}
		if name == "metrics" && st.Value.Metrics == nil {
			t.Fatalf("status metrics: %s", st.Raw)
		}
	}

	// Edit site B: a bandwidth limit, then sync mode on and off.
	var siteB admin.PeerInfo
	for _, s := range info.Value.Sites {
		if s.Name == "site-b" {
			siteB = s
		}
	}
	edit := siteB
	edit.BucketBandwidthLimit, edit.BucketBandwidthSet = 10<<20, true
	if r := must(a.EditSiteReplication(ctx, edit))(t); !r.Value.Success {
		t.Fatalf("edit bandwidth: %s", r.Raw)
	}
	if p := peerNamed(t, a, "site-b"); p.BucketBandwidthLimit != 10<<20 || !p.BucketBandwidthSet {
		t.Fatalf("bandwidth not applied: %+v", p)
	}
	for _, mode := range []string{"enable", "disable"} {
		edit := siteB
		edit.SyncStatus = mode
		if r := must(a.EditSiteReplication(ctx, edit))(t); !r.Value.Success {
			t.Fatalf("edit sync %s: %s", mode, r.Raw)
		}
		if p := peerNamed(t, a, "site-b"); p.SyncStatus != mode {
			t.Fatalf("sync %s not applied: %+v", mode, p)
		}
	}

	// Remove one site by name, then all.
	must(a.RemoveSiteReplication(ctx, []string{"site-c"}, false))(t)
	if got := must(a.GetSiteReplicationInfo(ctx))(t); len(got.Value.Sites) != 2 {
		t.Fatalf("after removing site-c: %s", got.Raw)
	}
	_, err := a.RemoveSiteReplication(ctx, []string{"no-such-site"}, false)
	serverError(t, err, 400, "")
	must(a.RemoveSiteReplication(ctx, nil, true))(t)
	if got := must(a.GetSiteReplicationInfo(ctx))(t); got.Value.Enabled {
		t.Fatalf("after removing all: %s", got.Raw)
	}
}

func peerNamed(t *testing.T, c *admin.Client, name string) admin.PeerInfo {
	t.Helper()
	for _, s := range must(c.GetSiteReplicationInfo(ctx))(t).Value.Sites {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no site %s", name)
	return admin.PeerInfo{}
}
