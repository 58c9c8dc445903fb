package admin_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// Faults of a real server under a job of writes (issue 8, item 3).

const faultPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::fault-*/*"]}]}`

// faultJob is 300 writes (TestFaultJobSize) whose end state faultState checks: users, groups, mappings,
// disabled users, attached policies, buckets and service accounts.
func faultJob(c *admin.Client) []func() error {
	var w []func() error
	add := func(f func() error) { w = append(w, f) }
	user := func(i int) string { return fmt.Sprintf("fault-u%03d", i) }
	add(func() error { _, err := c.PolicyAdd(ctx, "fault-ro", []byte(faultPolicy)); return err })
	for i := 1; i <= 100; i++ {
		add(func() error { _, err := c.UserAdd(ctx, user(i), "password-"+user(i)); return err })
	}
	for i := 1; i <= 100; i++ {
		add(func() error { _, err := c.GroupAdd(ctx, fmt.Sprintf("fault-g%d", i%10), []string{user(i)}); return err })
	}
	for i := 1; i <= 50; i++ {
		add(func() error { _, err := c.PolicySet(ctx, "fault-ro", user(i), false); return err })
	}
	for i := 5; i <= 100; i += 5 {
		add(func() error { _, err := c.UserDisable(ctx, user(i)); return err })
	}
	for g := range 3 { // sealed answers are slow on the server: few of them
		add(func() error {
			_, err := c.AttachPolicy(ctx, []string{"fault-ro"}, "", fmt.Sprintf("fault-g%d", g))
			return err
		})
	}
	for b := 1; b <= 10; b++ {
		add(func() error { _, err := c.MakeBucket(ctx, fmt.Sprintf("fault-b%d", b)); return err })
	}
	for b := 1; b <= 10; b++ {
		add(func() error { _, err := c.BucketQuotaSet(ctx, fmt.Sprintf("fault-b%d", b), uint64(b)<<20); return err })
	}
	for _, i := range saOwners {
		add(func() error {
			_, err := c.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: user(i),
				AccessKey: fmt.Sprintf("fault-sa%d", i), SecretKey: "sa-secret-" + user(i)})
			return err
		})
	}
	for g := 7; g <= 9; g++ {
		add(func() error { _, err := c.GroupDisable(ctx, fmt.Sprintf("fault-g%d", g)); return err })
	}
	return w
}

// saOwners get a service account each: enabled users (a disabled one cannot).
var saOwners = []int{1, 2, 3}

// faultState fails t unless the server holds exactly what faultJob writes.
func faultState(t *testing.T, c *admin.Client) {
	t.Helper()
	users := must(c.UserList(ctx))(t).Value
	var names []string
	for name, u := range users {
		names = append(names, name)
		var i int
		fmt.Sscanf(name, "fault-u%03d", &i)
		wantStatus, wantPolicy := "enabled", ""
		if i%5 == 0 {
			wantStatus = "disabled"
		}
		if i <= 50 {
			wantPolicy = "fault-ro"
		}
		wantGroups := []string{fmt.Sprintf("fault-g%d", i%10)}
		if u.Status != wantStatus || u.PolicyName != wantPolicy || !slices.Equal(u.MemberOf, wantGroups) {
			t.Errorf("%s: status %s policy %q groups %v; want %s %q %v", name, u.Status, u.PolicyName, u.MemberOf,
				wantStatus, wantPolicy, wantGroups)
		}
	}
	if len(names) != 100 {
		sort.Strings(names)
		t.Fatalf("%d users, want 100: %v", len(names), names)
	}
	groups := must(c.GroupList(ctx))(t).Value
	if len(groups) != 10 {
		t.Fatalf("groups %v", groups)
	}
	for _, g := range groups {
		info := must(c.GroupInfo(ctx, g))(t).Value
		wantPolicy, wantStatus := "", "enabled"
		if g <= "fault-g2" {
			wantPolicy = "fault-ro"
		}
		if g >= "fault-g7" {
			wantStatus = "disabled"
		}
		if len(info.Members) != 10 || info.Policy != wantPolicy || info.Status != wantStatus {
			t.Errorf("group %s: %+v, want policy %q, %s", g, info, wantPolicy, wantStatus)
		}
	}
	var buckets []string
	for _, b := range must(c.ListBuckets(ctx))(t).Value {
		buckets = append(buckets, b.Name)
	}
	if sort.Strings(buckets); strings.Join(buckets, ",") != "fault-b1,fault-b10,fault-b2,fault-b3,fault-b4,fault-b5,fault-b6,fault-b7,fault-b8,fault-b9" {
		t.Errorf("buckets %v", buckets)
	}
	for b := 1; b <= 10; b++ {
		if q := must(c.BucketQuotaGet(ctx, fmt.Sprintf("fault-b%d", b)))(t).Value; q.Size != uint64(b)<<20 {
			t.Errorf("fault-b%d quota %+v", b, q)
		}
	}
	for _, i := range saOwners {
		accounts := must(c.ListServiceAccount(ctx, fmt.Sprintf("fault-u%03d", i)))(t).Value.Accounts
		if len(accounts) != 1 || accounts[0].AccessKey != fmt.Sprintf("fault-sa%d", i) {
			t.Errorf("fault-u%03d has service accounts %+v", i, accounts)
		}
	}
}

// TestWritesAcrossRestarts: a 300-write job while another client restarts the server
// three times, each restart racing the writes that follow it. The job completes and the
// server ends in exactly the wanted state.
func TestWritesAcrossRestarts(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	other := srv.ClientForTest(t, admin.Options{}) // its own connections, as another process
	restarted := make(chan error, 3)
	restarts := 0
	for i, write := range faultJob(c) {
		if i == 40 || i == 150 || i == 272 {
			restarts++
			go func() { _, err := other.ServiceRestart(ctx); restarted <- err }()
		}
		if err := write(); err != nil {
			t.Fatalf("write %d (after %d restarts): %v", i, restarts, err)
		}
	}
	for range restarts {
		if err := <-restarted; err != nil {
			t.Fatalf("restart: %v", err)
		}
	}
	faultState(t, c)
}

func TestFaultJobSize(t *testing.T) {
	if n := len(faultJob(nil)); n != 300 {
		t.Fatalf("the job has %d writes", n)
	}
}
