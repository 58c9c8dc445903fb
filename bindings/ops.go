package bindings

import (
	"context"
	"encoding/json"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// result says how an operation's bytes reach Lua.
type result int

const (
	resText  result = iota // the server's text answer, as a string
	resJSON                // a JSON document: a table, or the text itself with raw=true
	resBytes               // binary data (profile ZIP), as a string
)

// opSpec is one method of a client: its reference name, parameters in reference order,
// how its result is presented, and the call itself. Arguments are converted before
// call runs, so a bad argument never sends a request.
type opSpec struct {
	name   string
	params []param
	result result
	call   func(ctx context.Context, c *admin.Client, a argv) ([]byte, error)
}

func (o *opSpec) param(name string) *param {
	for i := range o.params {
		if o.params[i].name == name {
			return &o.params[i]
		}
	}
	return nil
}

func (o *opSpec) hasOptional() bool {
	for _, p := range o.params {
		if p.optional {
			return true
		}
	}
	return false
}

func req(name string, k kind) param { return param{name: name, kind: k} }
func opt(name string, k kind) param { return param{name: name, kind: k, optional: true} }

// text and raw adapt the two shapes of admin results to bytes.
func text(s string, err error) ([]byte, error) { return []byte(s), err }
func raw[T any](r admin.Result[T], err error) ([]byte, error) {
	return r.Raw, err
}

// ops is the whole `minio` client surface: the reference API plus bucket helpers.
var ops = []opSpec{
	// Service
	{"service_restart", nil, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.ServiceRestart(ctx))
	}},
	{"service_stop", nil, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.ServiceStop(ctx))
	}},
	{"info", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.ServerInfo(ctx))
	}},
	{"update", []param{opt("update_url", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.Update(ctx, a.str("update_url")))
	}},

	// Users
	{"user_add", []param{req("access_key", kString), req("secret_key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.UserAdd(ctx, a.str("access_key"), a.str("secret_key")))
	}},
	{"user_remove", []param{req("access_key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.UserRemove(ctx, a.str("access_key")))
	}},
	{"user_list", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.UserList(ctx))
	}},
	{"user_info", []param{req("access_key", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.UserInfo(ctx, a.str("access_key")))
	}},
	{"user_enable", []param{req("access_key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.UserEnable(ctx, a.str("access_key")))
	}},
	{"user_disable", []param{req("access_key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.UserDisable(ctx, a.str("access_key")))
	}},

	// Groups
	{"group_add", []param{req("group_name", kString), req("members", kList)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.GroupAdd(ctx, a.str("group_name"), a.list("members")))
	}},
	{"group_remove", []param{req("group_name", kString), opt("members", kList)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.GroupRemove(ctx, a.str("group_name"), a.list("members")))
	}},
	{"group_list", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GroupList(ctx))
	}},
	{"group_info", []param{req("group_name", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GroupInfo(ctx, a.str("group_name")))
	}},
	{"group_enable", []param{req("group_name", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.GroupEnable(ctx, a.str("group_name")))
	}},
	{"group_disable", []param{req("group_name", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.GroupDisable(ctx, a.str("group_name")))
	}},

	// Policies
	{"policy_add", []param{req("policy_name", kString), req("policy_file", kPolicy)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.PolicyAdd(ctx, a.str("policy_name"), a.json("policy_file")))
	}},
	{"policy_remove", []param{req("policy_name", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.PolicyRemove(ctx, a.str("policy_name")))
	}},
	{"policy_list", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.PolicyList(ctx))
	}},
	{"policy_info", []param{req("policy_name", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.PolicyInfo(ctx, a.str("policy_name")))
	}},
	{"policy_set", []param{req("policy_name", kString), req("user", kString), opt("is_group", kBool)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.PolicySet(ctx, a.str("policy_name"), a.str("user"), a.boolean("is_group")))
	}},
	{"policy_unset", []param{req("policy_name", kList), req("user", kString), opt("is_group", kBool)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		user, group := a.str("user"), ""
		if a.boolean("is_group") {
			user, group = "", user
		}
		return raw(c.DetachPolicy(ctx, a.list("policy_name"), user, group))
	}},
	{"attach_policy", []param{req("policies", kList), opt("user", kString), opt("group", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.AttachPolicy(ctx, a.list("policies"), a.str("user"), a.str("group")))
	}},
	{"detach_policy", []param{req("policies", kList), opt("user", kString), opt("group", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.DetachPolicy(ctx, a.list("policies"), a.str("user"), a.str("group")))
	}},
	{"get_policy_entities", []param{opt("users", kList), opt("groups", kList), opt("policies", kList)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GetPolicyEntities(ctx, a.list("users"), a.list("groups"), a.list("policies")))
	}},

	// Service accounts
	{"add_service_account", []param{opt("access_key", kString), opt("secret_key", kString), opt("user", kString),
		opt("policy", kPolicy), opt("name", kString), opt("description", kString), opt("expiry", kTime)}, resJSON,
		func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
			return raw(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{
				AccessKey: a.str("access_key"), SecretKey: a.str("secret_key"), TargetUser: a.str("user"),
				Policy: a.json("policy"), Name: a.str("name"), Description: a.str("description"), Expiry: a.time("expiry"),
			}))
		}},
	{"update_service_account", []param{req("access_key", kString), opt("secret_key", kString), opt("policy", kPolicy),
		opt("name", kString), opt("description", kString), opt("expiry", kTime), opt("status", kString)}, resText,
		func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
			return text(c.UpdateServiceAccount(ctx, a.str("access_key"), admin.UpdateServiceAccountReq{
				SecretKey: a.str("secret_key"), Policy: a.json("policy"), Name: a.str("name"),
				Description: a.str("description"), Expiry: a.time("expiry"), Status: a.str("status"),
			}))
		}},
	{"delete_service_account", []param{req("access_key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.DeleteServiceAccount(ctx, a.str("access_key")))
	}},
	{"get_service_account", []param{req("access_key", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GetServiceAccount(ctx, a.str("access_key")))
	}},
	{"list_service_account", []param{opt("user", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.ListServiceAccount(ctx, a.str("user")))
	}},

	// Config
	{"config_get", []param{req("key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.ConfigGet(ctx, a.str("key")))
	}},
	{"config_set", []param{req("key", kString), req("value", kKV)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		kvs, _ := a["value"].([]admin.KV)
		return text(c.ConfigSet(ctx, a.str("key"), kvs))
	}},
	{"config_reset", []param{req("key", kString), opt("name", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.ConfigReset(ctx, a.str("key"), a.str("name")))
	}},
	{"config_history", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.ConfigHistory(ctx, 0))
	}},
	{"config_restore", []param{req("restore_id", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.ConfigRestore(ctx, a.str("restore_id")))
	}},

	// Monitoring
	{"account_info", []param{opt("prefix_usage", kBool)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.AccountInfo(ctx, a.boolean("prefix_usage")))
	}},
	{"bucket_quota_set", []param{req("bucket", kString), req("size", kSize)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		size, _ := a["size"].(uint64)
		return text(c.BucketQuotaSet(ctx, a.str("bucket"), size))
	}},
	{"bucket_quota_get", []param{req("bucket", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.BucketQuotaGet(ctx, a.str("bucket")))
	}},
	{"bucket_quota_clear", []param{req("bucket", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.BucketQuotaClear(ctx, a.str("bucket")))
	}},
	{"top_locks", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.TopLocks(ctx, admin.TopLocksOptions{}))
	}},
	{"profile_start", []param{opt("profilers", kList), opt("duration", kDuration)}, resBytes, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		profilers := a.list("profilers")
		if len(profilers) == 0 {
			profilers = []string{"cpu"}
		}
		d, _ := a["duration"].(time.Duration)
		return c.ProfileStart(ctx, profilers, d)
	}},
	{"get_data_usage_info", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GetDataUsageInfo(ctx))
	}},

	// Site replication
	{"add_site_replication", []param{req("peer_sites", kPeerSites)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		sites, _ := a["peer_sites"].([]admin.PeerSite)
		return raw(c.AddSiteReplication(ctx, sites))
	}},
	{"get_site_replication_info", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.GetSiteReplicationInfo(ctx))
	}},
	{"get_site_replication_status", []param{opt("options", kStatusOpts)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		o, _ := a["options"].(admin.SiteReplicationStatusOptions)
		return raw(c.GetSiteReplicationStatus(ctx, o))
	}},
	{"edit_site_replication", []param{req("peer_info", kPeerInfo)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		p, _ := a["peer_info"].(admin.PeerInfo)
		return raw(c.EditSiteReplication(ctx, p))
	}},
	{"remove_site_replication", []param{opt("sites", kList), opt("all_sites", kBool)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.RemoveSiteReplication(ctx, a.list("sites"), a.boolean("all_sites")))
	}},

	// KMS
	{"kms_key_create", []param{req("key", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.KMSKeyCreate(ctx, a.str("key")))
	}},
	{"kms_key_status", []param{opt("key", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.KMSKeyStatus(ctx, a.str("key")))
	}},

	// LDAP
	{"attach_policy_ldap", []param{req("policies", kList), opt("user", kString), opt("group", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.AttachPolicyLDAP(ctx, a.list("policies"), a.str("user"), a.str("group")))
	}},
	{"detach_policy_ldap", []param{req("policies", kList), opt("user", kString), opt("group", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.DetachPolicyLDAP(ctx, a.list("policies"), a.str("user"), a.str("group")))
	}},
	{"list_access_keys_ldap", []param{req("user_dn", kString), req("list_type", kString)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.ListAccessKeysLDAP(ctx, a.str("user_dn"), a.str("list_type")))
	}},
	{"list_access_keys_ldap_bulk", []param{opt("users", kList), req("list_type", kString), opt("all_users", kBool)}, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return raw(c.ListAccessKeysLDAPBulk(ctx, a.list("users"), a.str("list_type"), a.boolean("all_users")))
	}},

	// Buckets (S3 API helpers for onboarding jobs)
	{"make_bucket", []param{req("bucket", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.MakeBucket(ctx, a.str("bucket")))
	}},
	{"remove_bucket", []param{req("bucket", kString)}, resText, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		return text(c.RemoveBucket(ctx, a.str("bucket")))
	}},
	{"list_buckets", nil, resJSON, func(ctx context.Context, c *admin.Client, a argv) ([]byte, error) {
		r, err := c.ListBuckets(ctx)
		if err != nil {
			return nil, err
		}
		return json.Marshal(r.Value)
	}},
}
