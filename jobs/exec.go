package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/workpool"
)

// Engine plans and applies states through one client, and tells its hooks about each
// change as it completes.
type Engine struct {
	Client *admin.Client
	// OnChange, when set, is called once per change made (or, on a dry-run client,
	// held back), as it completes; it may be called from several goroutines at once.
	OnChange func(Change)
	// OnUnchanged, when set, is called with the number of managed objects a plan found
	// already as wanted, as it is executed, so that a summary of the run counts them as
	// the report does.
	OnUnchanged func(n int)
	// Progress, when set, is the default of ApplyOptions.Progress.
	Progress func(done, total int)
	// iam is Prefetch's read, for the next Plan.
	iam *iamRead
}

// iamRead is an IAM export under way, by client.
type iamRead struct {
	client *admin.Client
	done   chan struct{}
	snap   *admin.IAMSnapshot
	err    error
}

// Prefetch starts the read every plan makes whatever the wanted state: over TLS, the
// IAM export. Called before the state file is decoded, it overlaps the decoding (half a
// second of a 10,000-user file, against the export's 2–3 s on the server). The next
// Plan or Apply takes its answer; ctx bounds it.
func (e *Engine) Prefetch(ctx context.Context) {
	c := e.Client
	if !strings.HasPrefix(c.Endpoint(), "https:") {
		return
	}
	r := &iamRead{client: c, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.snap, r.err = c.ExportIAM(ctx)
	}()
	e.iam = r
}

// Bulk modes for ApplyOptions.Bulk.
const (
	BulkAuto   = "auto"
	BulkAlways = "always"
	BulkNever  = "never"
)

// DefaultBulkThreshold is how many bulk-capable creates make "auto" use the import
// (over TLS).
const DefaultBulkThreshold = 100

// ApplyOptions tunes Plan and Apply; the zero value is per-call writes where the
// import does not pay off, no pruning, 4 calls in flight.
type ApplyOptions struct {
	// Prune deletes objects of the managed kinds that the state does not name (see
	// pruneChanges). A prune that would delete the caller's parent user, a group it is
	// in or a policy it has through either fails with a *PruneError before anything is
	// written.
	Prune bool
	// Bulk is "auto" (default: the IAM import over TLS from BulkThreshold creates up),
	// "always" (also over plain HTTP, with a warning: the zip holds secrets in the clear)
	// or "never".
	Bulk          string
	BulkThreshold int
	// Concurrency bounds the independent calls in flight (default 4).
	Concurrency int
	// Progress, when set, is called after each finished change.
	Progress func(done, total int)
}

// Plan reads what the server holds for want and computes the plan; it sends no write.
func (e *Engine) Plan(ctx context.Context, want *State, opts ApplyOptions) (*Plan, *Current, error) {
	pre := e.iam // used once, and only by the client that started it
	e.iam = nil
	if pre != nil && pre.client != e.Client {
		pre = nil
	}
	if want == nil {
		want = &State{}
	}
	if err := checkNames("apply", want); err != nil {
		return nil, nil, err
	}
	cur, err := read(ctx, e.Client, want, opts.Prune, pre)
	if err != nil {
		return nil, nil, err
	}
	dopts := Options{Prune: opts.Prune, Caller: e.Client.AccessKey()}
	if opts.Prune {
		if dopts.Access, err = ReadCaller(ctx, e.Client); err != nil {
			return nil, nil, err
		}
	}
	p, err := Diff(want, cur, dopts)
	if pe := (*PruneError)(nil); errors.As(err, &pe) {
		pe.Plan.DryRun = e.Client.DryRun()
	}
	return p, cur, err
}

// Apply brings the server to the wanted state and reports what it changed. Failed
// changes are in the report (Failed, Errors); the error is for a state that cannot be
// read or is invalid, before anything is written. Running it again after a failure or
// an interruption finishes the job.
func (e *Engine) Apply(ctx context.Context, want *State, opts ApplyOptions) (*Report, error) {
	p, cur, err := e.Plan(ctx, want, opts)
	if err != nil {
		return nil, err
	}
	return e.Execute(ctx, p, want, cur, opts), nil
}

// Execute makes the changes of p, computed from cur for want: want and cur supply the
// secrets and documents the plan does not hold.
func (e *Engine) Execute(ctx context.Context, p *Plan, want *State, cur *Current, opts ApplyOptions) *Report {
	if want == nil {
		want = &State{}
	}
	cur.fill()
	x := &executor{e: e, c: e.Client, want: want, cur: cur, opts: opts}
	steps := make([]*step, len(p.Changes))
	for i, ch := range p.Changes {
		steps[i] = &step{Change: ch}
	}
	rep := &Report{Unchanged: p.Unchanged, Applied: true, DryRun: e.Client.DryRun(), Warnings: slices.Clone(p.Warnings)}
	if e.OnUnchanged != nil && p.Unchanged > 0 {
		e.OnUnchanged(p.Unchanged)
	}
	useBulk, warning := x.chooseBulk(steps)
	if warning != "" {
		rep.Warnings = append(rep.Warnings, warning)
	}
	progress := opts.Progress
	if progress == nil {
		progress = e.Progress
	}
	x.progress = &counter{total: len(steps), fn: progress}
	if useBulk {
		rep.Bulk = true
		var bulk, perCall []*step
		for _, s := range steps {
			if s.Bulk {
				bulk = append(bulk, s)
			} else {
				perCall = append(perCall, s)
			}
		}
		x.importSteps(ctx, bulk)
		x.verifyImported(ctx, bulk)
		for _, s := range bulk {
			x.done(s)
		}
		x.runStages(ctx, perCall)
	} else {
		x.runStages(ctx, steps)
	}
	for _, s := range steps {
		rep.Changes = append(rep.Changes, s.Change)
		if s.err != nil {
			rep.Failed++
			rep.Errors = append(rep.Errors, &ChangeError{Change: s.Change, Err: s.err})
			continue
		}
		rep.count(s.Action)
	}
	return rep
}

type step struct {
	Change
	err error
}

type executor struct {
	e        *Engine
	c        *admin.Client
	want     *State
	cur      *Current
	opts     ApplyOptions
	progress *counter
	// configMu: one config write at a time; the server saves each as a read-modify-write
	// of the whole stored config, so concurrent ones lose each other's changes.
	configMu sync.Mutex
}

// done reports a finished step to the hooks.
func (x *executor) done(s *step) {
	x.progress.add(1)
	if s.err == nil && x.e.OnChange != nil {
		x.e.OnChange(s.Change)
	}
}

func (x *executor) chooseBulk(steps []*step) (bool, string) {
	if x.c.DryRun() {
		return false, "" // each held-back write is recorded on its own
	}
	creates := 0
	for _, s := range steps {
		if s.Bulk && s.Action == ActionCreate {
			creates++
		}
	}
	threshold := x.opts.BulkThreshold
	if threshold <= 0 {
		threshold = DefaultBulkThreshold
	}
	tls := strings.HasPrefix(x.c.Endpoint(), "https:")
	switch x.opts.Bulk {
	case BulkNever:
		return false, ""
	case BulkAlways:
		if creates == 0 {
			return false, ""
		}
		if !tls {
			return true, "bulk import over plain HTTP: the zip carries secret keys in the clear"
		}
		return true, ""
	default:
		return tls && creates >= threshold, ""
	}
}

// runStages runs steps stage by stage, the steps of a stage concurrently through
// workpool; then the finishing calls (a user disabled last, see finish).
func (x *executor) runStages(ctx context.Context, steps []*step) {
	workers := x.opts.Concurrency
	if workers <= 0 {
		workers = 4
	}
	pool := func(group []*step, fn func(context.Context, *step) error, report func(*step)) {
		if len(group) == 0 {
			return
		}
		errs, _ := workpool.Pool{Workers: workers, Done: func(i int, err error) {
			group[i].err = err
			report(group[i])
		}}.Run(ctx, len(group), func(ctx context.Context, _, i int) error { return fn(ctx, group[i]) })
		for i, err := range errs {
			if errors.Is(err, workpool.ErrNotStarted) {
				group[i].err = ctx.Err()
			}
		}
	}
	var (
		mu        sync.Mutex
		finishing []*step
	)
	for _, stage := range Stages {
		var group []*step
		for _, s := range steps {
			if s.Stage == stage {
				group = append(group, s)
			}
		}
		pool(group, x.run, func(s *step) {
			if s.err == nil && x.needsFinish(s.Change) {
				mu.Lock() // Done runs on the workers
				finishing = append(finishing, s)
				mu.Unlock()
				return
			}
			x.done(s)
		})
	}
	pool(finishing, x.finish, x.done)
}

// needsFinish: a user to be disabled is disabled after every stage, so that until then
// its mappings and service accounts can be written per call (the server refuses them
// for a disabled user).
func (x *executor) needsFinish(ch Change) bool {
	return ch.Kind == KindUser && ch.Action != ActionDelete && wantStatus(x.want.Users[ch.Name].Status) == statusDisabled
}

func (x *executor) finish(ctx context.Context, s *step) error {
	_, err := x.c.UserDisable(ctx, s.Name)
	return err
}

// run makes one change through the API calls that do it.
func (x *executor) run(ctx context.Context, s *step) error {
	c, ch := x.c, s.Change
	switch ch.Kind + "/" + ch.Action {
	case KindPolicy + "/" + ActionCreate, KindPolicy + "/" + ActionUpdate:
		_, err := c.PolicyAdd(ctx, ch.Name, x.want.Policies[ch.Name])
		return err
	case KindPolicy + "/" + ActionDelete:
		_, err := c.PolicyRemove(ctx, ch.Name)
		return err
	case KindUser + "/" + ActionCreate:
		_, err := c.UserAdd(ctx, ch.Name, x.want.Users[ch.Name].SecretKey)
		return err
	case KindUser + "/" + ActionUpdate:
		// add-user (a new secret) always enables; a wanted disabled status comes last.
		if _, reset := ch.After["secret_key"]; reset {
			_, err := c.UserAdd(ctx, ch.Name, x.want.Users[ch.Name].SecretKey)
			return err
		}
		if wantStatus(x.want.Users[ch.Name].Status) == statusEnabled {
			_, err := c.UserEnable(ctx, ch.Name)
			return err
		}
		return nil
	case KindUser + "/" + ActionDelete:
		_, err := c.UserRemove(ctx, ch.Name)
		return err
	case KindMapping + "/" + ActionCreate, KindMapping + "/" + ActionUpdate, KindMapping + "/" + ActionDelete:
		if ch.Import {
			return x.importOne(ctx, func(z *admin.IAMSnapshot) { x.bulkEntry(z, ch) })
		}
		name, isGroup, joined := x.mapping(ch)
		_, err := c.PolicySet(ctx, joined, name, isGroup)
		return err
	case KindGroup + "/" + ActionCreate:
		w := x.want.Groups[ch.Name]
		if _, err := c.GroupAdd(ctx, ch.Name, normList(w.Members)); err != nil {
			return err
		}
		if wantStatus(w.Status) == statusDisabled {
			_, err := c.GroupDisable(ctx, ch.Name)
			return err
		}
		return nil
	case KindGroup + "/" + ActionUpdate:
		return x.updateGroup(ctx, ch)
	case KindGroup + "/" + ActionDelete:
		// Only an empty group can be deleted.
		if members := x.cur.Groups[ch.Name].Members; len(members) > 0 {
			if _, err := c.GroupRemove(ctx, ch.Name, members); err != nil {
				return err
			}
		}
		_, err := c.GroupRemove(ctx, ch.Name, nil)
		return err
	case KindServiceAccount + "/" + ActionCreate:
		return x.addServiceAccount(ctx, ch)
	case KindServiceAccount + "/" + ActionUpdate:
		if ch.Replace {
			if _, err := c.DeleteServiceAccount(ctx, ch.Name); err != nil {
				return err
			}
			return x.addServiceAccount(ctx, ch)
		}
		return x.updateServiceAccount(ctx, ch)
	case KindServiceAccount + "/" + ActionDelete:
		_, err := c.DeleteServiceAccount(ctx, ch.Name)
		return err
	case KindBucket + "/" + ActionCreate:
		w := x.want.Buckets[ch.Name]
		var err error
		if _, locked := ch.After["object_lock"]; locked {
			err = c.MakeBucketWithLock(ctx, ch.Name)
		} else {
			_, err = c.MakeBucket(ctx, ch.Name)
		}
		if err != nil {
			return err
		}
		if q := w.Quota; q != nil && *q > 0 {
			if _, err := c.BucketQuotaSet(ctx, ch.Name, *q); err != nil {
				return err
			}
		}
		return writeSettings(ctx, c, ch.Name, w, ch.After)
	case KindBucket + "/" + ActionUpdate:
		w := x.want.Buckets[ch.Name]
		if _, ok := ch.After["quota"]; ok {
			if _, err := c.BucketQuotaSet(ctx, ch.Name, *w.Quota); err != nil {
				return err
			}
		}
		return writeSettings(ctx, c, ch.Name, w, ch.After)
	case KindLDAPMapping + "/" + ActionCreate, KindLDAPMapping + "/" + ActionUpdate, KindLDAPMapping + "/" + ActionDelete:
		return x.writeLDAP(ctx, ch)
	case KindConfig + "/" + ActionCreate, KindConfig + "/" + ActionUpdate:
		var err error
		s.Restart, err = x.writeConfig(ctx, ch)
		return err
	case KindKMSKey + "/" + ActionCreate:
		return x.createKMSKey(ctx, ch.Name)
	case KindBucket + "/" + ActionDelete:
		_, err := c.RemoveBucket(ctx, ch.Name)
		return err
	}
	return fmt.Errorf("no way to %s a %s", ch.Action, ch.Kind)
}

// mapping is a mapping change's user or group, and the wanted policy list.
func (x *executor) mapping(ch Change) (name string, isGroup bool, joined string) {
	if g, ok := strings.CutPrefix(ch.Name, "group:"); ok {
		return g, true, strings.Join(normList(x.want.Groups[g].Policies), ",")
	}
	u := strings.TrimPrefix(ch.Name, "user:")
	return u, false, strings.Join(normList(x.want.Users[u].Policies), ",")
}

func (x *executor) updateGroup(ctx context.Context, ch Change) error {
	w := x.want.Groups[ch.Name]
	if _, ok := ch.After["members"]; ok {
		added, removed := setDiff(normList(w.Members), normList(x.cur.Groups[ch.Name].Members))
		if len(added) > 0 {
			if _, err := x.c.GroupAdd(ctx, ch.Name, added); err != nil {
				return err
			}
		}
		if len(removed) > 0 {
			if _, err := x.c.GroupRemove(ctx, ch.Name, removed); err != nil {
				return err
			}
		}
	}
	if _, ok := ch.After["status"]; ok {
		var err error
		if wantStatus(w.Status) == statusDisabled {
			_, err = x.c.GroupDisable(ctx, ch.Name)
		} else {
			_, err = x.c.GroupEnable(ctx, ch.Name)
		}
		return err
	}
	return nil
}

func (x *executor) addServiceAccount(ctx context.Context, ch Change) error {
	w := x.want.ServiceAccounts[ch.Name]
	var err error
	if ch.Import {
		err = x.importOne(ctx, func(z *admin.IAMSnapshot) { x.accountEntry(z, ch.Name) })
	} else {
		_, err = x.c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: ch.Name, SecretKey: w.SecretKey,
			TargetUser: w.User, Policy: w.Policy, Name: w.Name, Description: w.Description, Expiry: w.Expiry})
	}
	if err != nil {
		return err
	}
	if wantStatus(w.Status) == statusDisabled {
		_, err := x.c.UpdateServiceAccount(ctx, ch.Name, admin.UpdateServiceAccountReq{Status: "off", Policy: w.Policy})
		return err
	}
	return nil
}

func (x *executor) updateServiceAccount(ctx context.Context, ch Change) error {
	w, cur := x.want.ServiceAccounts[ch.Name], x.cur.ServiceAccounts[ch.Name]
	var req admin.UpdateServiceAccountReq
	has := func(k string) bool { _, ok := ch.After[k]; return ok }
	if has("secret_key") {
		req.SecretKey = w.SecretKey
	}
	if has("name") {
		req.Name = w.Name
	}
	if has("description") {
		req.Description = w.Description
	}
	if has("policy") {
		req.Policy = w.Policy
	} else if cur.HasSessionPolicy() {
		req.Policy = cur.SessionPolicy // sent back as it is, saving the sealed read
	}
	if has("expiry") {
		req.Expiry = w.Expiry
	}
	if has("status") {
		req.Status = map[string]string{statusEnabled: "on", statusDisabled: "off"}[wantStatus(w.Status)]
	}
	_, err := x.c.UpdateServiceAccount(ctx, ch.Name, req)
	return err
}

// bulkEntry adds the import entry that makes a bulk-capable change.
func (x *executor) bulkEntry(z *admin.IAMSnapshot, ch Change) {
	switch ch.Kind {
	case KindPolicy:
		setEntry(&z.Policies, ch.Name, []byte(admin.CanonicalPolicy(x.want.Policies[ch.Name])))
	case KindUser:
		w := x.want.Users[ch.Name]
		secret := x.cur.Users[ch.Name].SecretKey
		if _, reset := ch.After["secret_key"]; reset || ch.Action == ActionCreate {
			secret = w.SecretKey
		}
		setEntry(&z.Users, ch.Name, admin.IAMUser{SecretKey: secret, Status: wantStatus(w.Status)})
	case KindMapping:
		name, isGroup, joined := x.mapping(ch)
		if isGroup {
			setEntry(&z.GroupMappings, name, admin.IAMMapping{Policy: joined})
		} else {
			setEntry(&z.UserMappings, name, admin.IAMMapping{Policy: joined})
		}
	case KindGroup:
		setEntry(&z.Groups, ch.Name, admin.IAMGroup{Members: normList(x.want.Groups[ch.Name].Members)})
	case KindServiceAccount:
		x.accountEntry(z, ch.Name)
	}
}

func (x *executor) accountEntry(z *admin.IAMSnapshot, key string) {
	w := x.want.ServiceAccounts[key]
	setEntry(&z.ServiceAccounts, key, admin.IAMServiceAccount{Parent: w.User, AccessKey: key, SecretKey: w.SecretKey,
		SessionPolicy: w.Policy, Name: w.Name, Description: w.Description, Expiration: w.Expiry, Status: "on"})
}

func setEntry[V any](m *map[string]V, k string, v V) {
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[k] = v
}

// errImportRefused marks an entry the import refused; the server gives no reason.
var errImportRefused = errors.New("the IAM import refused this entry (the server gives no reason; apply again with bulk = \"never\" to see it)")

// importOne imports a zip holding one entry and fails if the server refused it.
func (x *executor) importOne(ctx context.Context, fill func(*admin.IAMSnapshot)) error {
	z := &admin.IAMSnapshot{}
	fill(z)
	data, err := z.Zip()
	if err != nil {
		return err
	}
	res, err := x.c.ImportIAM(ctx, data)
	if err != nil {
		return err
	}
	if f := res.Value.Failed; len(f.Users)+len(f.Groups)+len(f.ServiceAccounts)+len(f.Policies)+
		len(f.UserPolicies)+len(f.GroupPolicies)+len(f.STSPolicies) > 0 {
		return errImportRefused
	}
	return nil
}

// importSteps sends the bulk-capable steps as one import zip and marks the entries the
// server refused.
func (x *executor) importSteps(ctx context.Context, steps []*step) {
	if len(steps) == 0 {
		return
	}
	z := &admin.IAMSnapshot{}
	for _, s := range steps {
		x.bulkEntry(z, s.Change)
	}
	data, err := z.Zip()
	if err == nil {
		var res admin.Result[admin.ImportIAMResult]
		res, err = x.c.ImportIAM(ctx, data)
		if err == nil {
			markImportFailures(steps, res.Value.Failed)
			return
		}
	}
	// Not transactional: part may be written. A new apply reads the truth and finishes.
	for _, s := range steps {
		s.err = err
	}
}

func markImportFailures(steps []*step, f admin.IAMFailures) {
	failed := map[string]bool{}
	add := func(kind, prefix string, list []admin.IAMFailed) {
		for _, e := range list {
			failed[kind+"\x00"+prefix+e.Name] = true
		}
	}
	add(KindPolicy, "", f.Policies)
	add(KindUser, "", f.Users)
	add(KindGroup, "", f.Groups)
	add(KindServiceAccount, "", f.ServiceAccounts)
	add(KindMapping, "user:", f.UserPolicies)
	add(KindMapping, "group:", f.GroupPolicies)
	for _, s := range steps {
		if failed[s.key()] {
			s.err = errImportRefused
		}
	}
}

// errNotImported marks an entry the import reported as written that the server does
// not show afterwards.
var errNotImported = errors.New("the IAM import answered success but the server does not show the change")

// verifyImported reads the server again and fails every imported step whose change is
// still pending.
func (x *executor) verifyImported(ctx context.Context, steps []*step) {
	if len(steps) == 0 {
		return
	}
	cur, err := Read(ctx, x.c, x.want, x.opts.Prune)
	var left *Plan
	if err == nil {
		left, err = Diff(x.want, cur, Options{Prune: x.opts.Prune, Caller: x.c.AccessKey()})
	}
	if err != nil {
		for _, s := range steps {
			if s.err == nil {
				s.err = fmt.Errorf("checking the import: %w", err)
			}
		}
		return
	}
	pending := map[string]bool{}
	for _, ch := range left.Changes {
		if x.secretResetHolds(ctx, ch) {
			continue
		}
		pending[ch.key()] = true
	}
	for _, s := range steps {
		if s.err == nil && pending[s.key()] {
			s.err = errNotImported
		}
	}
}

// secretResetHolds tells whether a change left after an import is only a secret reset
// that per-object reads cannot compare (over plain HTTP they never see a secret), and
// the new secret signs requests: then the import did apply it.
func (x *executor) secretResetHolds(ctx context.Context, ch Change) bool {
	if ch.Action != ActionUpdate || len(ch.After) != 1 || ch.After["secret_key"] == nil {
		return false
	}
	switch ch.Kind {
	case KindUser:
		return x.c.SignsWith(ctx, ch.Name, x.want.Users[ch.Name].SecretKey)
	case KindServiceAccount:
		return x.c.SignsWith(ctx, ch.Name, x.want.ServiceAccounts[ch.Name].SecretKey)
	}
	return false
}

// setDiff returns what is in a and not in b, and what is in b and not in a.
func setDiff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, s := range a {
		inA[s] = true
	}
	for _, s := range b {
		inB[s] = true
	}
	for _, s := range a {
		if !inB[s] {
			onlyA = append(onlyA, s)
		}
	}
	for _, s := range b {
		if !inA[s] {
			onlyB = append(onlyB, s)
		}
	}
	return onlyA, onlyB
}

// counter counts finished changes for the Progress hook.
type counter struct {
	mu    sync.Mutex
	done  int
	total int
	fn    func(done, total int)
}

func (p *counter) add(n int) {
	if p == nil || p.fn == nil || n == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.fn(p.done, p.total)
}
