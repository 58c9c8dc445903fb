package admin

import (
	"net/http"
	"slices"
)

// resendRule says what the request path may do with a write whose answer was lost: the
// connection failed after the request may have reached the server (a keep-alive
// connection the server closed, as a restarted server does; a server killed mid-call).
type resendRule int

const (
	// resendNever: a second application could do something different (restart, update,
	// profile, site replication, KMS key creation): the failure is reported. Such a
	// write always goes out on a new connection, so a stale one cannot fail it.
	resendNever resendRule = iota
	// resendSame: the write sets a state, so a second application changes nothing.
	resendSame
	// resendDecide: the write creates, attaches or removes; it is resent and the
	// answer to the resend decides. An answer whose code is in opClass.done means the
	// wanted state holds (the lost attempt did the work): success. Any other error is
	// returned with Error.Resent set, so the operation can decide by a read.
	resendDecide
)

// opClass is how the request path treats one operation beyond its HTTP method.
type opClass struct {
	resend resendRule
	done   []string // see resendDecide
	slow   bool     // works before answering: SlowTimeout instead of HeaderTimeout/Timeout
}

// opClasses classifies every write operation; reads (GET) are always resent. A write
// missing here is treated as resendNever (TestEveryWriteIsClassified keeps it complete).
var opClasses = map[string]opClass{
	"user_add":               {resend: resendSame}, // sets secret key and status
	"user_enable":            {resend: resendSame},
	"user_disable":           {resend: resendSame},
	"group_add":              {resend: resendSame}, // a union of members
	"group_enable":           {resend: resendSame},
	"group_disable":          {resend: resendSame},
	"policy_add":             {resend: resendSame}, // overwrites
	"policy_remove":          {resend: resendSame}, // unknown names are ignored by the server
	"policy_set":             {resend: resendSame}, // replaces the mapping
	"update_service_account": {resend: resendSame},
	"config_set":             {resend: resendSame}, // same settings; the server adds a history entry
	"config_reset":           {resend: resendSame},
	"config_restore":         {resend: resendSame},
	"bucket_quota_set":       {resend: resendSame},
	"bucket_quota_clear":     {resend: resendSame},
	"bucket_versioning_set":  {resend: resendSame},
	"bucket_policy_set":      {resend: resendSame},
	"bucket_tags_set":        {resend: resendSame},
	"bucket_lifecycle_set":   {resend: resendSame},
	"bucket_encryption_set":  {resend: resendSame},
	"bucket_tags_remove":     {resend: resendSame}, // the server answers 204 when there are none

	"user_remove":              {resend: resendDecide, done: []string{"XMinioAdminNoSuchUser"}},
	"group_remove":             {resend: resendDecide, done: []string{"XMinioAdminNoSuchGroup"}},
	"delete_service_account":   {resend: resendDecide, done: []string{"XMinioInvalidIAMCredentials"}}, // 404 for an unknown account
	"remove_bucket":            {resend: resendDecide, done: []string{"NoSuchBucket"}},
	"make_bucket":              {resend: resendDecide, done: []string{"BucketAlreadyOwnedByYou"}},
	"bucket_policy_remove":     {resend: resendDecide, done: []string{"NoSuchBucketPolicy"}},
	"bucket_lifecycle_remove":  {resend: resendDecide, done: []string{"NoSuchLifecycleConfiguration"}},
	"bucket_encryption_remove": {resend: resendDecide, done: []string{"ServerSideEncryptionConfigurationNotFoundError"}},
	"attach_policy":            {resend: resendDecide, done: []string{"XMinioAdminPolicyChangeAlreadyApplied"}},
	"detach_policy":            {resend: resendDecide, done: []string{"XMinioAdminPolicyChangeAlreadyApplied"}},
	"policy_unset":             {resend: resendDecide, done: []string{"XMinioAdminPolicyChangeAlreadyApplied"}},
	"attach_policy_ldap":       {resend: resendDecide, done: []string{"XMinioAdminPolicyChangeAlreadyApplied"}},
	"detach_policy_ldap":       {resend: resendDecide, done: []string{"XMinioAdminPolicyChangeAlreadyApplied"}},
	// "Already exists" is decided by a read in AddServiceAccount (keys are always sent).
	"add_service_account": {resend: resendDecide},

	"service_restart":         {resend: resendNever},
	"service_stop":            {resend: resendNever},
	"update":                  {resend: resendNever, slow: true},
	"profile_start":           {resend: resendNever, slow: true},
	"kms_key_create":          {resend: resendNever},
	"add_site_replication":    {resend: resendNever, slow: true},
	"edit_site_replication":   {resend: resendNever, slow: true},
	"remove_site_replication": {resend: resendNever, slow: true},
	"import_iam":              {resend: resendNever, slow: true}, // not transactional: checked by a read afterwards
}

func classOf(call *Call) opClass {
	if call.Method == http.MethodGet {
		return opClass{resend: resendSame}
	}
	return opClasses[call.Op]
}

// isDone tells whether code, answering a resend, means the wanted state holds.
func (c opClass) isDone(code string) bool { return slices.Contains(c.done, code) }
