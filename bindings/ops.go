package bindings

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/jobs"
)

// ops is the whole `minio` client surface: the reference API (Python SDK MinioAdmin
// names and argument order) plus bucket helpers. It is the one place an operation is
// declared; argument checking, options tables, results, `minio.operations`, the REPL's
// help and completion, `minioscript doc` and `minioscript stubs` all come from it.
//
// Adding an operation is one entry:
//
//	method("group_remove", "Remove members from a group, or the (empty) group itself.",
//		func(ctx context.Context, c *admin.Client, a struct {
//			GroupName string                    // Lua name group_name: a string
//			Members   []string `lua:"optional"` // a list or comma string, may be left out
//		}) (string, error) {
//			return c.GroupRemove(ctx, a.GroupName, a.Members)
//		}),
//
// Parameters are the fields of the argument struct, in positional order. The Lua name is
// the field name in snake case (RestoreID -> restore_id); the accepted Lua values follow
// from the Go type through the adapters table in args.go (string, []string, bool,
// json.RawMessage for policies, *time.Time, expiry, []admin.KV, uint64, time.Duration,
// the PeerSite/PeerInfo/status-options structs). A new Go type needs one adapter there.
// `lua:"optional"` marks an optional parameter; an operation with any optional parameter
// also takes one options table keyed by the parameter names (the form for methods
// beyond the reference API: ensure_user{access_key=..., groups=...}). Use `none` for an
// operation without parameters.
//
// The result form follows from the function's result type: string is the server's text,
// []byte binary data, admin.Result[T] a table decoded from the server's own bytes (the
// JSON text with raw=true), and any other Go value is marshalled to JSON and becomes a
// table (so a new method can return a Go struct with json tags).
//
// The function does its I/O through the client only: arguments are converted before it
// runs, so a bad argument never sends a request, and it may run off the Lua thread.
// TestOperationTable checks every entry; a declaration that cannot be bound panics at
// start-up.
var ops = []opSpec{
	// Service
	method("service_restart", "Restart the server; returns once the new process serves.",
		func(ctx context.Context, c *admin.Client, _ none) (string, error) { return c.ServiceRestart(ctx) }),
	method("service_stop", "Stop the server.",
		func(ctx context.Context, c *admin.Client, _ none) (string, error) { return c.ServiceStop(ctx) }),
	method("info", "Server information: version, drives, pools, uptime.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[admin.InfoMessage], error) {
			return c.ServerInfo(ctx)
		}),
	method("update", "Update the server binary (optionally from a mirror URL) and wait for the restart.",
		func(ctx context.Context, c *admin.Client, a struct {
			UpdateURL string `lua:"optional"`
		}) (admin.Result[admin.UpdateResult], error) {
			return c.Update(ctx, a.UpdateURL)
		}),

	// Users
	method("user_add", "Create a user, or set an existing user's secret key.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey, SecretKey string }) (string, error) {
			return c.UserAdd(ctx, a.AccessKey, a.SecretKey)
		}),
	method("user_remove", "Delete a user.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (string, error) {
			return c.UserRemove(ctx, a.AccessKey)
		}),
	method("user_list", "All users: access key -> {status, policyName, memberOf}.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[map[string]admin.UserInfo], error) {
			return c.UserList(ctx)
		}),
	method("user_info", "One user's status, policies and groups.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (admin.Result[admin.UserInfo], error) {
			return c.UserInfo(ctx, a.AccessKey)
		}),
	method("user_enable", "Enable a user.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (string, error) {
			return c.UserEnable(ctx, a.AccessKey)
		}),
	method("user_disable", "Disable a user.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (string, error) {
			return c.UserDisable(ctx, a.AccessKey)
		}),

	// Groups
	method("group_add", "Create a group or add members to it.",
		func(ctx context.Context, c *admin.Client, a struct {
			GroupName string
			Members   []string
		}) (string, error) {
			return c.GroupAdd(ctx, a.GroupName, a.Members)
		}),
	method("group_remove", "Remove members from a group, or the (empty) group itself when no members are given.",
		func(ctx context.Context, c *admin.Client, a struct {
			GroupName string
			Members   []string `lua:"optional"`
		}) (string, error) {
			return c.GroupRemove(ctx, a.GroupName, a.Members)
		}),
	method("group_list", "Names of all groups.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[[]string], error) {
			return c.GroupList(ctx)
		}),
	method("group_info", "A group's members, status and policy.",
		func(ctx context.Context, c *admin.Client, a struct{ GroupName string }) (admin.Result[admin.GroupDesc], error) {
			return c.GroupInfo(ctx, a.GroupName)
		}),
	method("group_enable", "Enable a group.",
		func(ctx context.Context, c *admin.Client, a struct{ GroupName string }) (string, error) {
			return c.GroupEnable(ctx, a.GroupName)
		}),
	method("group_disable", "Disable a group.",
		func(ctx context.Context, c *admin.Client, a struct{ GroupName string }) (string, error) {
			return c.GroupDisable(ctx, a.GroupName)
		}),

	// Policies
	method("policy_add", "Create or replace a policy (a table, JSON text or a file path).",
		func(ctx context.Context, c *admin.Client, a struct {
			PolicyName string
			PolicyFile json.RawMessage
		}) (string, error) {
			return c.PolicyAdd(ctx, a.PolicyName, a.PolicyFile)
		}),
	method("policy_remove", "Delete a policy.",
		func(ctx context.Context, c *admin.Client, a struct{ PolicyName string }) (string, error) {
			return c.PolicyRemove(ctx, a.PolicyName)
		}),
	method("policy_list", "All policies: name -> policy document.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[map[string]json.RawMessage], error) {
			return c.PolicyList(ctx)
		}),
	method("policy_info", "One policy document.",
		func(ctx context.Context, c *admin.Client, a struct{ PolicyName string }) (admin.Result[json.RawMessage], error) {
			return c.PolicyInfo(ctx, a.PolicyName)
		}),
	method("policy_set", "Set the policies of a user or group, replacing the ones it had.",
		func(ctx context.Context, c *admin.Client, a struct {
			PolicyName string
			User       string
			IsGroup    bool `lua:"optional"`
		}) (string, error) {
			return c.PolicySet(ctx, a.PolicyName, a.User, a.IsGroup)
		}),
	method("policy_unset", "Detach policies from a user or group, keeping its others.",
		func(ctx context.Context, c *admin.Client, a struct {
			PolicyName []string
			User       string
			IsGroup    bool `lua:"optional"`
		}) (admin.Result[admin.PolicyAssociationResp], error) {
			return c.PolicyUnset(ctx, strings.Join(a.PolicyName, ","), a.User, a.IsGroup)
		}),
	method("attach_policy", "Attach policies to one user or one group.",
		func(ctx context.Context, c *admin.Client, a struct {
			Policies []string
			User     string `lua:"optional"`
			Group    string `lua:"optional"`
		}) (admin.Result[admin.PolicyAssociationResp], error) {
			return c.AttachPolicy(ctx, a.Policies, a.User, a.Group)
		}),
	method("detach_policy", "Detach policies from one user or one group.",
		func(ctx context.Context, c *admin.Client, a struct {
			Policies []string
			User     string `lua:"optional"`
			Group    string `lua:"optional"`
		}) (admin.Result[admin.PolicyAssociationResp], error) {
			return c.DetachPolicy(ctx, a.Policies, a.User, a.Group)
		}),
	method("get_policy_entities", "Which users and groups have which policies.",
		func(ctx context.Context, c *admin.Client, a struct {
			Users    []string `lua:"optional"`
			Groups   []string `lua:"optional"`
			Policies []string `lua:"optional"`
		}) (admin.Result[admin.PolicyEntitiesResult], error) {
			return c.GetPolicyEntities(ctx, a.Users, a.Groups, a.Policies)
		}),

	// Service accounts
	method("add_service_account", "Create a service account (keys are generated when not given); returns its credentials.",
		func(ctx context.Context, c *admin.Client, a struct {
			AccessKey   string          `lua:"optional"`
			SecretKey   string          `lua:"optional"`
			User        string          `lua:"optional"`
			Policy      json.RawMessage `lua:"optional"`
			Name        string          `lua:"optional"`
			Description string          `lua:"optional"`
			Expiry      expiry          `lua:"optional"`
		}) (admin.Result[admin.AddServiceAccountResp], error) {
			return c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: a.AccessKey, SecretKey: a.SecretKey,
				TargetUser: a.User, Policy: a.Policy, Name: a.Name, Description: a.Description, Expiry: a.Expiry.time()})
		}),
	method("update_service_account", "Change a service account; a session policy not replaced is kept.",
		func(ctx context.Context, c *admin.Client, a struct {
			AccessKey   string
			SecretKey   string          `lua:"optional"`
			Policy      json.RawMessage `lua:"optional"`
			Name        string          `lua:"optional"`
			Description string          `lua:"optional"`
			Expiry      expiry          `lua:"optional"`
			Status      string          `lua:"optional"`
		}) (string, error) {
			return c.UpdateServiceAccount(ctx, a.AccessKey, admin.UpdateServiceAccountReq{SecretKey: a.SecretKey,
				Policy: a.Policy, Name: a.Name, Description: a.Description, Expiry: a.Expiry.time(), Status: a.Status})
		}),
	method("delete_service_account", "Delete a service account.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (string, error) {
			return c.DeleteServiceAccount(ctx, a.AccessKey)
		}),
	method("get_service_account", "A service account's parent, status, policy and expiry.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (admin.Result[admin.ServiceAccountInfo], error) {
			return c.GetServiceAccount(ctx, a.AccessKey)
		}),
	method("list_service_account", "Service accounts of a user (default: the caller).",
		func(ctx context.Context, c *admin.Client, a struct {
			User string `lua:"optional"`
		}) (admin.Result[admin.ListServiceAccountsResp], error) {
			return c.ListServiceAccount(ctx, a.User)
		}),

	// Config
	method("config_get", "The configuration text of a subsystem (e.g. \"api\").",
		func(ctx context.Context, c *admin.Client, a struct{ Key string }) (string, error) {
			return c.ConfigGet(ctx, a.Key)
		}),
	method("config_set", "Set settings of a subsystem: \"k=v k2=v2\" or {k=\"v\"}. True: applied at once; false: after a restart.",
		func(ctx context.Context, c *admin.Client, a struct {
			Key   string
			Value []admin.KV
		}) (bool, error) {
			return c.ConfigSet(ctx, a.Key, a.Value)
		}),
	method("config_reset", "Reset a subsystem (or one of its named targets) to defaults. True: applied at once; false: after a restart.",
		func(ctx context.Context, c *admin.Client, a struct {
			Key  string
			Name string `lua:"optional"`
		}) (bool, error) {
			return c.ConfigReset(ctx, a.Key, a.Name)
		}),
	method("config_history", "Earlier configurations, newest first, with their restore ids.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[[]admin.ConfigHistoryEntry], error) {
			return c.ConfigHistory(ctx, 0)
		}),
	method("config_restore", "Restore an earlier configuration (takes effect after a restart).",
		func(ctx context.Context, c *admin.Client, a struct{ RestoreID string }) (string, error) {
			return c.ConfigRestore(ctx, a.RestoreID)
		}),

	// Monitoring
	method("account_info", "The caller's buckets, their sizes and access.",
		func(ctx context.Context, c *admin.Client, a struct {
			PrefixUsage bool `lua:"optional"`
		}) (admin.Result[admin.AccountInfo], error) {
			return c.AccountInfo(ctx, a.PrefixUsage)
		}),
	method("bucket_quota_set", "Set a bucket's hard quota in bytes.",
		func(ctx context.Context, c *admin.Client, a struct {
			Bucket string
			Size   uint64
		}) (string, error) {
			return c.BucketQuotaSet(ctx, a.Bucket, a.Size)
		}),
	method("bucket_quota_get", "A bucket's quota.",
		func(ctx context.Context, c *admin.Client, a struct{ Bucket string }) (admin.Result[admin.BucketQuota], error) {
			return c.BucketQuotaGet(ctx, a.Bucket)
		}),
	method("bucket_quota_clear", "Remove a bucket's quota.",
		func(ctx context.Context, c *admin.Client, a struct{ Bucket string }) (string, error) {
			return c.BucketQuotaClear(ctx, a.Bucket)
		}),
	method("top_locks", "The oldest locks held (distributed deployments only).",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[[]admin.LockEntry], error) {
			return c.TopLocks(ctx, admin.TopLocksOptions{})
		}),
	method("profile_start", "Profile the server (default cpu, 10s or the given duration); returns the ZIP bytes.",
		func(ctx context.Context, c *admin.Client, a struct {
			Profilers []string      `lua:"optional"`
			Duration  time.Duration `lua:"optional"`
		}) ([]byte, error) {
			if len(a.Profilers) == 0 {
				a.Profilers = []string{"cpu"}
			}
			return c.ProfileStart(ctx, a.Profilers, a.Duration)
		}),
	method("get_data_usage_info", "Object and byte counts per bucket from the last scan.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[admin.DataUsageInfo], error) {
			return c.GetDataUsageInfo(ctx)
		}),

	// Site replication
	method("add_site_replication", "Join sites (this one included) into site replication.",
		func(ctx context.Context, c *admin.Client, a struct{ PeerSites []admin.PeerSite }) (admin.Result[admin.ReplicateAddStatus], error) {
			return c.AddSiteReplication(ctx, a.PeerSites)
		}),
	method("get_site_replication_info", "The sites replicated with this one.",
		func(ctx context.Context, c *admin.Client, _ none) (admin.Result[admin.SiteReplicationInfo], error) {
			return c.GetSiteReplicationInfo(ctx)
		}),
	method("get_site_replication_status", "Replication status, filtered by a SiteReplicationStatusOptions table.",
		func(ctx context.Context, c *admin.Client, a struct {
			Options admin.SiteReplicationStatusOptions `lua:"optional"`
		}) (admin.Result[admin.SiteReplicationStatus], error) {
			return c.GetSiteReplicationStatus(ctx, a.Options)
		}),
	method("edit_site_replication", "Change a site's endpoint, name, sync mode or bandwidth (a PeerInfo table).",
		func(ctx context.Context, c *admin.Client, a struct{ PeerInfo admin.PeerInfo }) (admin.Result[admin.ReplicateEditStatus], error) {
			return c.EditSiteReplication(ctx, a.PeerInfo)
		}),
	method("remove_site_replication", "Remove sites (or all sites) from site replication.",
		func(ctx context.Context, c *admin.Client, a struct {
			Sites    []string `lua:"optional"`
			AllSites bool     `lua:"optional"`
		}) (admin.Result[admin.ReplicateRemoveStatus], error) {
			return c.RemoveSiteReplication(ctx, a.Sites, a.AllSites)
		}),

	// KMS
	method("kms_key_create", "Create a key in the KMS.",
		func(ctx context.Context, c *admin.Client, a struct{ Key string }) (string, error) {
			return c.KMSKeyCreate(ctx, a.Key)
		}),
	method("kms_key_status", "Check that a KMS key (default: the server's) encrypts and decrypts.",
		func(ctx context.Context, c *admin.Client, a struct {
			Key string `lua:"optional"`
		}) (admin.Result[admin.KMSKeyStatus], error) {
			return c.KMSKeyStatus(ctx, a.Key)
		}),

	// LDAP
	method("attach_policy_ldap", "Attach policies to one LDAP user or group (DN).",
		func(ctx context.Context, c *admin.Client, a struct {
			Policies []string
			User     string `lua:"optional"`
			Group    string `lua:"optional"`
		}) (admin.Result[admin.PolicyAssociationResp], error) {
			return c.AttachPolicyLDAP(ctx, a.Policies, a.User, a.Group)
		}),
	method("detach_policy_ldap", "Detach policies from one LDAP user or group (DN).",
		func(ctx context.Context, c *admin.Client, a struct {
			Policies []string
			User     string `lua:"optional"`
			Group    string `lua:"optional"`
		}) (admin.Result[admin.PolicyAssociationResp], error) {
			return c.DetachPolicyLDAP(ctx, a.Policies, a.User, a.Group)
		}),
	method("list_access_keys_ldap", "Access keys of an LDAP user: list_type sts-only, svcacc-only or all.",
		func(ctx context.Context, c *admin.Client, a struct{ UserDN, ListType string }) (admin.Result[admin.LDAPAccessKeys], error) {
			return c.ListAccessKeysLDAP(ctx, a.UserDN, a.ListType)
		}),
	method("list_access_keys_ldap_bulk", "Access keys of several (or all) LDAP users.",
		func(ctx context.Context, c *admin.Client, a struct {
			Users    []string `lua:"optional"`
			ListType string
			AllUsers bool `lua:"optional"`
		}) (admin.Result[map[string]admin.LDAPAccessKeys], error) {
			return c.ListAccessKeysLDAPBulk(ctx, a.Users, a.ListType, a.AllUsers)
		}),

	// Buckets (S3 API helpers for onboarding jobs)
	method("make_bucket", "Create a bucket.",
		func(ctx context.Context, c *admin.Client, a struct{ Bucket string }) (string, error) {
			return c.MakeBucket(ctx, a.Bucket)
		}),
	method("remove_bucket", "Delete an empty bucket.",
		func(ctx context.Context, c *admin.Client, a struct{ Bucket string }) (string, error) {
			return c.RemoveBucket(ctx, a.Bucket)
		}),
	method("list_buckets", "Buckets the caller can see: {name, creationDate}.",
		func(ctx context.Context, c *admin.Client, _ none) ([]admin.BucketInfo, error) {
			r, err := c.ListBuckets(ctx)
			return r.Value, err
		}),

	// Jobs: idempotent operations and declarative plan/apply (README, "Jobs")
	jobMethod("ensure_user", "Create the user or bring status and policies (exact set) to the options; returns status, changes.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			AccessKey string
			SecretKey string      `lua:"optional"`
			Options   userOptions `lua:"optional"`
		}) (ensured, error) {
			r, err := e.EnsureUser(ctx, a.AccessKey, jobs.UserState{SecretKey: a.SecretKey, Status: a.Options.Status,
				Policies: a.Options.Policies, ResetSecret: a.Options.ResetSecret})
			return ensured(r), err
		}, pushEnsured),
	jobMethod("ensure_group", "Create the group or bring members (exact set), status and policies to the wanted ones.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			GroupName string
			Members   []string
			Options   groupOptions `lua:"optional"`
		}) (ensured, error) {
			members := a.Members
			if members == nil {
				members = []string{}
			}
			r, err := e.EnsureGroup(ctx, a.GroupName, jobs.GroupState{Members: members, Status: a.Options.Status,
				Policies: a.Options.Policies})
			return ensured(r), err
		}, pushEnsured),
	jobMethod("ensure_policy", "Create or replace a policy unless the stored one means the same (canonical JSON).",
		func(ctx context.Context, e *jobs.Engine, a struct {
			PolicyName string
			Policy     json.RawMessage
		}) (ensured, error) {
			r, err := e.EnsurePolicy(ctx, a.PolicyName, a.Policy)
			return ensured(r), err
		}, pushEnsured),
	jobMethod("ensure_attached", "Make sure policies are attached to {user=} or {group=}; already attached is no error.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Policies []string
			Target   attachTarget
		}) (ensured, error) {
			r, err := e.EnsureAttached(ctx, a.Policies, a.Target.User, a.Target.Group)
			return ensured(r), err
		}, pushEnsured),
	jobMethod("ensure_service_account", "Create the service account or update what differs; the secret only with reset_secret.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			AccessKey   string
			SecretKey   string          `lua:"optional"`
			User        string          `lua:"optional"`
			Name        string          `lua:"optional"`
			Description string          `lua:"optional"`
			Policy      json.RawMessage `lua:"optional"`
			Expiry      *time.Time      `lua:"optional"`
			Status      string          `lua:"optional"`
			ResetSecret bool            `lua:"optional"`
		}) (ensured, error) {
			r, err := e.EnsureServiceAccount(ctx, a.AccessKey, jobs.ServiceAccountState{User: a.User, SecretKey: a.SecretKey,
				Name: a.Name, Description: a.Description, Policy: a.Policy, Expiry: a.Expiry, Status: a.Status, ResetSecret: a.ResetSecret})
			return ensured(r), err
		}, pushEnsured),
	jobMethod("ensure_bucket", "Create the bucket (S3 API) and set its quota in bytes when given ({quota=}).",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Bucket  string
			Options bucketOptions `lua:"optional"`
		}) (ensured, error) {
			r, err := e.EnsureBucket(ctx, a.Bucket, a.Options.BucketState)
			return ensured(r), err
		}, pushEnsured),
	method("user_exists", "Whether a regular user exists.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (bool, error) {
			return c.UserExists(ctx, a.AccessKey)
		}),
	method("group_exists", "Whether a group exists.",
		func(ctx context.Context, c *admin.Client, a struct{ GroupName string }) (bool, error) {
			return c.GroupExists(ctx, a.GroupName)
		}),
	method("policy_exists", "Whether a canned policy exists (built-ins included).",
		func(ctx context.Context, c *admin.Client, a struct{ PolicyName string }) (bool, error) {
			return c.PolicyExists(ctx, a.PolicyName)
		}),
	method("service_account_exists", "Whether a service account exists.",
		func(ctx context.Context, c *admin.Client, a struct{ AccessKey string }) (bool, error) {
			return c.ServiceAccountExists(ctx, a.AccessKey)
		}),
	method("bucket_exists", "Whether a bucket exists.",
		func(ctx context.Context, c *admin.Client, a struct{ Bucket string }) (bool, error) {
			return c.BucketExists(ctx, a.Bucket)
		}),
	// Access review: answers from the server's IAM export, evaluated as the server does.
	jobMethod("can", `Whether a principal (user, "group:NAME", service-account key, LDAP DN) may do an action on a resource: true, false or "conditional", and the deciding statements.`,
		func(ctx context.Context, e *jobs.Engine, a struct {
			Principal string
			Action    string
			Resource  string   `lua:"optional"`
			Groups    []string `lua:"optional"` // an LDAP DN's group DNs
		}) (canResult, error) {
			ev, _, err := ReadAccess(ctx, e.Client)
			if err != nil {
				return canResult{}, err
			}
			return canResult{ev.Can(ev.Principal(a.Principal, a.Groups...), access.Request{Action: a.Action, Resource: a.Resource})}, nil
		}, pushCan),
	jobMethod("access", "A principal's effective permissions: a level per bucket (none, list, read, write, delete, admin), its S3 and admin actions.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Principal string
			Groups    []string `lua:"optional"`
		}) (accessResult, error) {
			ev, buckets, err := ReadAccess(ctx, e.Client)
			if err != nil {
				return accessResult{}, err
			}
			return accessResult{ev.Access(ev.Principal(a.Principal, a.Groups...), buckets, nil)}, nil
		}, pushAccess),
	jobMethod("who_can", "Every principal allowed (or allowed under conditions) to do an action on a resource, with the deciding statements.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Action   string
			Resource string `lua:"optional"`
		}) (whoCanResult, error) {
			ev, _, err := ReadAccess(ctx, e.Client)
			if err != nil {
				return whoCanResult{}, err
			}
			return whoCanResult{ev.WhoCan(access.Request{Action: a.Action, Resource: a.Resource})}, nil
		}, pushWhoCan),
	jobMethod("access_report", "The access matrix of every principal (or one, and those it gets access through) × every bucket (or one): levels, deciding statements, admin actions.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Bucket    string   `lua:"optional"`
			Principal string   `lua:"optional"`
			Groups    []string `lua:"optional"` // an LDAP DN's group DNs
		}) (reportResult, error) {
			ev, buckets, err := ReadAccess(ctx, e.Client)
			if err != nil {
				return reportResult{}, err
			}
			if a.Bucket != "" {
				buckets = []string{a.Bucket}
			}
			r, err := ev.Report(ctx, access.ReportOptions{Buckets: buckets, Principal: a.Principal, Groups: a.Groups})
			return reportResult{r}, err
		}, pushAccessReport),
	jobMethod("plan", "What apply would change (reads only): a report; {prune=true} adds deletions.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			State   *jobs.State
			Options applyOptions `lua:"optional"`
		}) (report, error) {
			p, _, err := e.Plan(ctx, a.State, a.Options.engine())
			if err != nil {
				return report{}, err
			}
			return report{jobs.PlanReport(p, e.Client.DryRun())}, nil
		}, pushReport),
	jobMethod("export", "What the server holds as a state table that plan and apply accept (reads only); {secrets=true} fills in secret keys (TLS only).",
		func(ctx context.Context, e *jobs.Engine, a struct {
			Options exportOptions `lua:"optional"`
		}) (exported, error) {
			st, err := jobs.Export(ctx, e.Client, jobs.ExportOptions{Only: a.Options.Only, Secrets: a.Options.Secrets})
			if err != nil {
				return exported{}, err
			}
			return exported{jobs.ExportTree(st, func(_, _, secret string) any { return secret })}, nil
		}, pushExported),
	jobMethod("apply", "Bring the server to the state {policies=, users=, groups=, service_accounts=, buckets=}: a report.",
		func(ctx context.Context, e *jobs.Engine, a struct {
			State   *jobs.State
			Options applyOptions `lua:"optional"`
		}) (report, error) {
			r, err := e.Apply(ctx, a.State, a.Options.engine())
			return report{r}, err
		}, pushReport),
}
