package access_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/tags"
	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// The differential test: random IAM deployments on a real server, every principal
// performing real S3 and admin calls with its own keys, each outcome compared with the
// evaluator's answer for the IAM export. The deployment is rebuilt from its seed, so a
// mismatch is reproduced with ACCESS_DIFF_SEED=<seed> ACCESS_DIFF_DECISIONS=1.
//
// ACCESS_DIFF_DECISIONS sets how many decisions to compare (default 5000);
// ACCESS_DIFF_SEED the first seed (default: from the clock, logged).

// regressionSeeds found mismatches once; they run first on every run.
var regressionSeeds = []uint64{}

var shared = testserver.Shared{Prefix: "minioscript-access-"}

func TestMain(m *testing.M) {
	code := m.Run()
	shared.Stop()
	os.Exit(code)
}

var diffBuckets = []string{"alpha", "beta", "gamma"}

// What the request looks like to the server's conditions: loopback, plain HTTP.
var requestContext = map[string][]string{"aws:SourceIp": {"127.0.0.1"}, "aws:SecureTransport": {"false"}}

func TestDifferential(t *testing.T) {
	srv := shared.Get(t)
	ctx := context.Background()
	root := srv.ClientForTest(t, admin.Options{})
	rootS3 := s3Client(t, srv, testserver.RootUser, testserver.RootPassword)
	for _, b := range diffBuckets {
		if err := rootS3.MakeBucket(ctx, b, minio.MakeBucketOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"k1", "secret1", "dir/k2"} {
			if _, err := rootS3.PutObject(ctx, b, k, bytes.NewReader([]byte("x")), 1, minio.PutObjectOptions{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	target := envInt(t, "ACCESS_DIFF_DECISIONS", 5000)
	seed := uint64(time.Now().UnixNano() & 0xffffffff)
	if s := os.Getenv("ACCESS_DIFF_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		seed = v
	}
	t.Logf("first seed %d (ACCESS_DIFF_SEED to repeat), %d decisions wanted", seed, target)
	seeds := slices.Clone(regressionSeeds)
	start := time.Now()
	var total, allowedN, conditional, mismatches int
	for round := 0; total < target; round++ {
		s := seed + uint64(round)
		if round < len(regressionSeeds) {
			s = seeds[round]
		}
		st := runRound(t, ctx, srv, root, round, s)
		total += st.decisions
		allowedN += st.allowed
		conditional += st.conditional
		mismatches += st.mismatches
		if t.Failed() && mismatches > 20 {
			break
		}
	}
	t.Logf("%d decisions (%d allowed), %d mismatches, %d answered conditional despite a full request, in %s",
		total, allowedN, mismatches, conditional, time.Since(start).Round(time.Millisecond))
	if mismatches > 0 {
		t.Errorf("%d mismatches: add the seeds above to regressionSeeds once explained", mismatches)
	}
}

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func s3Client(t testing.TB, srv *testserver.Server, ak, sk string) *minio.Client {
	c, err := minio.New(srv.Addr, &minio.Options{Creds: credentials.NewStaticV4(ak, sk, ""), Region: "us-east-1",
		MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The vocabulary of random policies.
var (
	s3Vocab = []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:ListAllMyBuckets",
		"s3:GetBucketPolicy", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetBucketLocation", "s3:HeadBucket",
		"s3:GetObjectVersion", "s3:ListBucketVersions", "s3:*", "s3:Get*", "s3:*Object", "s3:Put*", "s3:List*",
		"s3:GetObjec?", "s3:*Bucket*", "s3:Delete*"}
	adminVocab = []string{"admin:ServerInfo", "admin:ListUsers", "admin:ListGroups", "admin:ListUserPolicies",
		"admin:DataUsageInfo", "admin:GetBucketQuota", "admin:*"}
	resourceVocab = []string{"arn:aws:s3:::*", "*", "arn:aws:s3:::alpha", "arn:aws:s3:::alpha/*", "arn:aws:s3:::b?ta/*",
		"arn:aws:s3:::*/k1", "arn:aws:s3:::alpha/secret*", "arn:aws:s3:::gam*", "arn:aws:s3:::beta", "arn:aws:s3:::*/dir/*",
		"arn:aws:s3:::gamma/k?"}
)

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func pickSome[T comparable](r *rand.Rand, list []T, max int) []T {
	n := 1 + r.IntN(max)
	var out []T
	for range n {
		v := pick(r, list)
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// randomPolicy draws a policy; users names the round's users (for aws:username).
func randomPolicy(r *rand.Rand, users []string) json.RawMessage {
	var statements []map[string]any
	for range 1 + r.IntN(3) {
		st := map[string]any{"Effect": "Allow"}
		if r.IntN(10) < 3 {
			st["Effect"] = "Deny"
		}
		kind := r.IntN(20)
		actionKey := "Action"
		if r.IntN(5) == 0 {
			actionKey = "NotAction"
		}
		resKey := "Resource"
		if r.IntN(6) == 0 {
			resKey = "NotResource"
		}
		switch {
		case kind == 0: // the all-STS-actions constant
			st["Action"] = "*"
			if r.IntN(2) == 0 {
				st["Resource"] = pickSome(r, resourceVocab, 2)
			}
		case kind < 5:
			st[actionKey] = pickSome(r, adminVocab, 3)
			if actionKey == "NotAction" || r.IntN(2) == 0 {
				st[resKey] = pickSome(r, resourceVocab, 2)
			}
		default:
			st[actionKey] = pickSome(r, s3Vocab, 3)
			st[resKey] = pickSome(r, resourceVocab, 3)
		}
		if r.IntN(5) == 0 {
			st["Condition"] = randomCondition(r, users)
		}
		statements = append(statements, st)
	}
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	return b
}

func randomCondition(r *rand.Rand, users []string) map[string]any {
	switch r.IntN(7) {
	case 0:
		return map[string]any{"IpAddress": map[string]any{"aws:SourceIp": pick(r, []string{"127.0.0.0/8", "10.0.0.0/8"})}}
	case 1:
		return map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": pick(r, []string{"127.0.0.0/8", "10.0.0.0/8"})}}
	case 2:
		return map[string]any{"Bool": map[string]any{"aws:SecureTransport": pick(r, []string{"true", "false"})}}
	case 3:
		return map[string]any{"StringEquals": map[string]any{"aws:username": pickSome(r, users, 2)}}
	case 4:
		return map[string]any{"StringNotEquals": map[string]any{"aws:username": pick(r, users)}}
	case 5:
		return map[string]any{"StringLike": map[string]any{"aws:username": users[0][:len(users[0])-1] + "*"}}
	}
	return map[string]any{"StringNotLike": map[string]any{"aws:userid": pick(r, users)}}
}

type roundStats struct{ decisions, allowed, conditional, mismatches int }

// deployment is what one round creates.
type deployment struct {
	snap           admin.IAMSnapshot
	disabledGroups []string
	disabledSAs    []string
	principals     []principal
}

type principal struct{ name, secret string }

func buildDeployment(t *testing.T, ctx context.Context, root *admin.Client, round int, r *rand.Rand) deployment {
	pfx := fmt.Sprintf("r%d", round)
	var d deployment
	s := &d.snap
	s.Policies, s.Users, s.Groups = map[string]json.RawMessage{}, map[string]admin.IAMUser{}, map[string]admin.IAMGroup{}
	s.UserMappings, s.GroupMappings = map[string]admin.IAMMapping{}, map[string]admin.IAMMapping{}
	s.ServiceAccounts = map[string]admin.IAMServiceAccount{}
	var users []string
	for i := range 6 {
		users = append(users, fmt.Sprintf("%su%d", pfx, i))
	}
	// Policies go through policy create, which validates them: a draw it refuses is redrawn.
	var names []string
	for i := range 7 {
		name := fmt.Sprintf("%sp%d", pfx, i)
		for attempt := 0; ; attempt++ {
			doc := randomPolicy(r, users)
			_, err := root.PolicyAdd(ctx, name, doc)
			if err == nil {
				s.Policies[name] = doc
				names = append(names, name)
				break
			}
			var se *admin.Error
			if !errors.As(err, &se) || se.StatusCode != http.StatusBadRequest || attempt > 20 {
				t.Fatalf("policy %s %s: %v", name, doc, err)
			}
		}
	}
	pool := append(slices.Clone(names), "readwrite", "readonly", "writeonly", "diagnostics", "consoleAdmin")
	mapping := func() admin.IAMMapping {
		if r.IntN(6) == 0 {
			return admin.IAMMapping{}
		}
		weights := append(slices.Clone(names), names...) // own policies twice as likely as built-ins
		weights = append(weights, pool[len(names):]...)
		return admin.IAMMapping{Policy: strings.Join(pickSome(r, weights, 3), ",")}
	}
	for _, u := range users {
		status := "enabled"
		if r.IntN(8) == 0 {
			status = "disabled"
		}
		s.Users[u] = admin.IAMUser{SecretKey: u + "-secret", Status: status}
		if m := mapping(); m.Policy != "" {
			s.UserMappings[u] = m
		}
		d.principals = append(d.principals, principal{u, u + "-secret"})
	}
	for i := range 3 {
		g := fmt.Sprintf("%sg%d", pfx, i)
		s.Groups[g] = admin.IAMGroup{Members: pickSome(r, users, 4)}
		if m := mapping(); m.Policy != "" {
			s.GroupMappings[g] = m
		}
		if r.IntN(5) == 0 {
			d.disabledGroups = append(d.disabledGroups, g)
		}
	}
	for i := range 5 {
		key := fmt.Sprintf("%ssa%d", pfx, i)
		parent := pick(r, users)
		if r.IntN(12) == 0 {
			parent = testserver.RootUser
		}
		sa := admin.IAMServiceAccount{Parent: parent, AccessKey: key, SecretKey: key + "-secret"}
		// The server cannot store an embedded policy that uses NotAction (it fails to
		// serialise the empty Action set), so embedded ones come from the others.
		var embeddable []string
		for _, n := range names {
			if !bytes.Contains(s.Policies[n], []byte("NotAction")) {
				embeddable = append(embeddable, n)
			}
		}
		if len(embeddable) > 0 && r.IntN(2) == 0 {
			sa.SessionPolicy = s.Policies[pick(r, embeddable)]
		}
		s.ServiceAccounts[key] = sa
		// Disabling goes through update_service_account, which must read back an account
		// without a given policy, and that read fails when the parent has a NotAction
		// policy: only accounts with an embedded policy (sent along) are disabled.
		if sa.SessionPolicy != nil && r.IntN(6) == 0 {
			d.disabledSAs = append(d.disabledSAs, key)
		}
		d.principals = append(d.principals, principal{key, key + "-secret"})
	}
	if r.IntN(4) == 0 {
		d.principals = append(d.principals, principal{testserver.RootUser, testserver.RootPassword})
	}
	imp := d.snap
	imp.Policies = nil // created above, validated
	zip, err := imp.Zip()
	if err != nil {
		t.Fatal(err)
	}
	res, err := root.ImportIAM(ctx, zip)
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Value.Failed; len(f.Users)+len(f.Groups)+len(f.ServiceAccounts)+len(f.UserPolicies)+len(f.GroupPolicies) > 0 {
		t.Fatalf("import failed entries: %s", res.Raw)
	}
	for _, g := range d.disabledGroups {
		if _, err := root.GroupDisable(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range d.disabledSAs {
		upd := admin.UpdateServiceAccountReq{Status: "off", Policy: d.snap.ServiceAccounts[k].SessionPolicy}
		if _, err := root.UpdateServiceAccount(ctx, k, upd); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// withStatus copies m, setting each entry's status: off for the names in disabled.
func withStatus[V any](m map[string]V, disabled []string, set func(*V, string), on, off string) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		set(&v, on)
		if slices.Contains(disabled, k) {
			set(&v, off)
		}
		out[k] = v
	}
	return out
}

// settled waits until the server shows the round's statuses (the IAM cache may lag a
// write), then returns the deployment as the evaluator's input. The server's own export
// cannot be used: it fails as soon as any policy uses NotAction (see the package doc).
func settled(t *testing.T, ctx context.Context, root *admin.Client, d deployment) *admin.IAMSnapshot {
	snap := d.snap
	snap.Groups = withStatus(d.snap.Groups, d.disabledGroups, func(g *admin.IAMGroup, s string) { g.Status = s },
		"enabled", "disabled")
	snap.ServiceAccounts = withStatus(d.snap.ServiceAccounts, d.disabledSAs,
		func(a *admin.IAMServiceAccount, s string) { a.Status = s }, "on", "off")
	deadline := time.Now().Add(30 * time.Second)
	for {
		missing := ""
		users, err := root.UserList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for u, want := range snap.Users {
			if got, ok := users.Value[u]; !ok || got.Status != want.Status {
				missing = "user " + u
			}
		}
		for g, want := range snap.Groups {
			got, err := root.GroupInfo(ctx, g)
			if err != nil || got.Value.Status != want.Status {
				missing = "group " + g
			}
		}
		// (get_service_account fails for an account whose parent has a NotAction policy.)
		for _, k := range d.disabledSAs {
			list, err := root.ListServiceAccount(ctx, snap.ServiceAccounts[k].Parent)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(list.Value.Accounts, func(a admin.ServiceAccountItem) bool { return a.AccessKey == k })
			if i < 0 || list.Value.Accounts[i].AccountStatus != "off" {
				missing = "service account " + k
			}
		}
		if missing == "" {
			return &snap
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server still lacks %s", missing)
		}
		time.Sleep(50 * time.Millisecond) // polling interval of a wait for a condition
	}
}

// op is one real call and the evaluator's question(s) for it: allowed when any of
// actions is allowed (the server's fallbacks, e.g. HeadBucket then ListBucket).
type op struct {
	name     string
	actions  []string
	resource string
	run      func(ctx context.Context, c *clients) error
}

type clients struct {
	s3    *minio.Client
	admin *admin.Client
	who   string
}

func ops() []op {
	var out []op
	for _, b := range diffBuckets {
		for _, k := range []string{"k1", "secret1", "dir/k2", "nokey"} {
			out = append(out, op{"GetObject " + b + "/" + k, []string{"s3:GetObject"}, b + "/" + k,
				func(ctx context.Context, c *clients) error {
					o, err := c.s3.GetObject(ctx, b, k, minio.GetObjectOptions{})
					if err != nil {
						return err
					}
					defer o.Close()
					_, err = o.Stat()
					return err
				}})
		}
		out = append(out,
			op{"HeadObject " + b + "/k1", []string{"s3:GetObject"}, b + "/k1", func(ctx context.Context, c *clients) error {
				_, err := c.s3.StatObject(ctx, b, "k1", minio.StatObjectOptions{})
				return err
			}},
			op{"PutObject " + b, []string{"s3:PutObject"}, b + "/w/x", func(ctx context.Context, c *clients) error {
				_, err := c.s3.PutObject(ctx, b, "w/"+c.who, bytes.NewReader([]byte("y")), 1, minio.PutObjectOptions{})
				return err
			}},
			op{"DeleteObject " + b, []string{"s3:DeleteObject"}, b + "/del/x", func(ctx context.Context, c *clients) error {
				return c.s3.RemoveObject(ctx, b, "del/"+c.who, minio.RemoveObjectOptions{})
			}},
			op{"ListObjects " + b, []string{"s3:ListBucket"}, b, func(ctx context.Context, c *clients) error {
				_, err := minio.Core{Client: c.s3}.ListObjectsV2(b, "", "", "", "", 10)
				return err
			}},
			op{"HeadBucket " + b, []string{"s3:HeadBucket", "s3:ListBucket"}, b, func(ctx context.Context, c *clients) error {
				_, err := c.s3.BucketExists(ctx, b)
				return err
			}},
			op{"GetBucketPolicy " + b, []string{"s3:GetBucketPolicy"}, b, func(ctx context.Context, c *clients) error {
				_, err := c.s3.GetBucketPolicy(ctx, b)
				return err
			}},
			op{"GetBucketTagging " + b, []string{"s3:GetBucketTagging"}, b, func(ctx context.Context, c *clients) error {
				_, err := c.s3.GetBucketTagging(ctx, b)
				return err
			}},
			op{"PutBucketTagging " + b, []string{"s3:PutBucketTagging"}, b, func(ctx context.Context, c *clients) error {
				tg, _ := tags.NewTags(map[string]string{"k": "v"}, false)
				return c.s3.SetBucketTagging(ctx, b, tg)
			}},
			op{"DeleteBucketTagging " + b, []string{"s3:PutBucketTagging"}, b, func(ctx context.Context, c *clients) error {
				return c.s3.RemoveBucketTagging(ctx, b)
			}},
			op{"GetBucketLocation " + b, []string{"s3:GetBucketLocation"}, b, func(ctx context.Context, c *clients) error {
				_, err := c.admin.BucketExists(ctx, b)
				return err
			}},
		)
	}
	adminOp := func(name, action string, f func(ctx context.Context, c *admin.Client) error) op {
		return op{name, []string{action}, "", func(ctx context.Context, c *clients) error { return f(ctx, c.admin) }}
	}
	out = append(out,
		adminOp("admin info", "admin:ServerInfo", func(ctx context.Context, c *admin.Client) error { return errOf(c.ServerInfo(ctx)) }),
		adminOp("admin user list", "admin:ListUsers", func(ctx context.Context, c *admin.Client) error { return errOf(c.UserList(ctx)) }),
		adminOp("admin group list", "admin:ListGroups", func(ctx context.Context, c *admin.Client) error { return errOf(c.GroupList(ctx)) }),
		adminOp("admin data usage", "admin:DataUsageInfo", func(ctx context.Context, c *admin.Client) error {
			return errOf(c.GetDataUsageInfo(ctx))
		}),
		adminOp("admin bucket quota", "admin:GetBucketQuota", func(ctx context.Context, c *admin.Client) error {
			return errOf(c.BucketQuotaGet(ctx, "alpha"))
		}),
	)
	return out
}

func errOf[T any](_ T, err error) error { return err }

// allowed reads a call's outcome: success or a not-found answer passed authorisation;
// 403 AccessDenied or an account refused at authentication is a deny; anything else
// is not a decision and fails the test.
func allowed(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	var se *admin.Error
	if errors.As(err, &se) {
		switch {
		case se.StatusCode == http.StatusForbidden && se.Code != "SignatureDoesNotMatch" && se.Code != "XMinioAdminSignatureDoesNotMatch":
			return false, nil
		case se.StatusCode == http.StatusNotFound:
			return true, nil
		}
		return false, err
	}
	er := minio.ToErrorResponse(err)
	switch {
	case er.StatusCode == http.StatusForbidden && er.Code != "SignatureDoesNotMatch":
		return false, nil
	case er.StatusCode == http.StatusNotFound:
		return true, nil
	}
	return false, err
}

// expect asks the evaluator for an op: any of the actions allowed (Kleene OR).
func expect(e *access.Evaluator, p access.Principal, o op) access.Answer {
	var best access.Answer
	for i, a := range o.actions {
		ans := e.Can(p, access.Request{Action: a, Resource: o.resource, Context: requestContext})
		if i == 0 || ans.Decision == access.Allow || (ans.Decision == access.Conditional && best.Decision == access.Deny) {
			best = ans
		}
	}
	return best
}

// expectBuckets is what ListBuckets should return: every bucket with ListAllMyBuckets,
// else the buckets on which ListBucket or GetBucketLocation is allowed; none is a 403.
func expectBuckets(e *access.Evaluator, p access.Principal) ([]string, bool) {
	all := e.Can(p, access.Request{Action: "s3:ListAllMyBuckets", Context: requestContext})
	if all.Decision == access.Conditional {
		return nil, false
	}
	if all.Decision == access.Allow {
		return diffBuckets, true
	}
	lc := map[string][]string{"s3:prefix": {""}, "s3:delimiter": {"/"}}
	for k, v := range requestContext {
		lc[k] = v
	}
	var out []string
	for _, b := range diffBuckets {
		decided := true
		for _, a := range []string{"s3:ListBucket", "s3:GetBucketLocation"} {
			d := e.Can(p, access.Request{Action: a, Resource: b, Context: lc}).Decision
			if d == access.Allow {
				out = append(out, b)
				decided = true
				break
			}
			decided = decided && d == access.Deny
		}
		if !decided {
			return nil, false
		}
	}
	return out, true
}

func runRound(t *testing.T, ctx context.Context, srv *testserver.Server, root *admin.Client, round int, seed uint64) roundStats {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	d := buildDeployment(t, ctx, root, round, r)
	snap := settled(t, ctx, root, d)
	e := access.New(snap, access.Options{Root: testserver.RootUser})
	type job struct {
		p  principal
		op *op // nil: ListBuckets
	}
	var jobs []job
	all := ops()
	for _, p := range d.principals {
		jobs = append(jobs, job{p: p})
		for i := range all {
			jobs = append(jobs, job{p, &all[i]})
		}
	}
	cl := map[string]*clients{}
	for _, p := range d.principals {
		ac, err := srv.Client(admin.Options{Credentials: admin.Credentials{AccessKey: p.name, SecretKey: p.secret}, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		cl[p.name] = &clients{s3: s3Client(t, srv, p.name, p.secret), admin: ac, who: p.name}
	}
	var st roundStats
	var mu sync.Mutex
	var next atomic.Int64
	var wg sync.WaitGroup
	report := func(j job, what string, got bool, want access.Answer) {
		mu.Lock()
		defer mu.Unlock()
		st.mismatches++
		if want.Decision == access.Conditional {
			st.conditional++
		}
		stj, _ := json.Marshal(want.Statements)
		t.Errorf("seed %d: %s %s: server allowed=%v, evaluator %s (%s) %s", seed, j.p.name, what, got, want.Decision, want.Reason, stj)
	}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := jobs[i]
				c := cl[j.p.name]
				p := e.Principal(j.p.name)
				var ok bool
				if j.op == nil {
					list, err := c.s3.ListBuckets(ctx)
					ok, err = allowed(err)
					if err != nil {
						t.Errorf("seed %d: %s ListBuckets: %v", seed, j.p.name, err)
						continue
					}
					var got []string
					for _, b := range list {
						if slices.Contains(diffBuckets, b.Name) {
							got = append(got, b.Name)
						}
					}
					sort.Strings(got)
					want, decided := expectBuckets(e, p)
					if !decided || (ok && !slices.Equal(got, want)) || (!ok && len(want) > 0) {
						report(j, fmt.Sprintf("ListBuckets got %v (allowed %v)", got, ok), ok,
							access.Answer{Decision: access.Decision(fmt.Sprint(want)), Reason: "bucket list"})
					}
				} else {
					var err error
					ok, err = allowed(j.op.run(ctx, c))
					if err != nil {
						t.Errorf("seed %d: %s %s: %v", seed, j.p.name, j.op.name, err)
						continue
					}
					want := expect(e, p, *j.op)
					if (want.Decision == access.Allow) != ok || want.Decision == access.Conditional {
						report(j, j.op.name, ok, want)
					}
				}
				mu.Lock()
				st.decisions++
				if ok {
					st.allowed++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return st
}
