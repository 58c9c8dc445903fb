package access

import "slices"

// The action names the server knows (minio/pkg policy v3.1.3, the pinned server's).
// They decide two things: which statements are admin or STS statements (those ignore
// Resource) and which actions access() and the report enumerate.

// S3Actions are the S3 actions, s3:* left out.
var S3Actions = []string{
	"s3:AbortMultipartUpload", "s3:CreateBucket", "s3:DeleteBucket", "s3:ForceDeleteBucket", "s3:DeleteBucketPolicy",
	"s3:DeleteBucketCors", "s3:DeleteObject", "s3:GetBucketLocation", "s3:GetBucketNotification", "s3:GetBucketPolicy",
	"s3:GetBucketCors", "s3:GetObject", "s3:HeadBucket", "s3:ListAllMyBuckets", "s3:ListBucket", "s3:GetBucketPolicyStatus",
	"s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:ListenNotification", "s3:ListenBucketNotification",
	"s3:ListMultipartUploadParts", "s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration", "s3:PutBucketNotification",
	"s3:PutBucketPolicy", "s3:PutBucketCors", "s3:PutObject", "s3:BypassGovernanceRetention", "s3:PutObjectRetention",
	"s3:GetObjectRetention", "s3:GetObjectLegalHold", "s3:PutObjectLegalHold", "s3:GetBucketObjectLockConfiguration",
	"s3:PutBucketObjectLockConfiguration", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetObjectVersion",
	"s3:GetObjectAttributes", "s3:GetObjectVersionAttributes", "s3:GetObjectVersionTagging", "s3:DeleteObjectVersion",
	"s3:DeleteObjectVersionTagging", "s3:PutObjectVersionTagging", "s3:GetObjectTagging", "s3:PutObjectTagging",
	"s3:DeleteObjectTagging", "s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration", "s3:PutBucketVersioning",
	"s3:GetBucketVersioning", "s3:GetReplicationConfiguration", "s3:PutReplicationConfiguration", "s3:ReplicateObject",
	"s3:ReplicateDelete", "s3:ReplicateTags", "s3:GetObjectVersionForReplication", "s3:RestoreObject",
	"s3:ResetBucketReplicationState", "s3:PutObjectFanOut",
}

// AdminActions are the admin actions, admin:* left out.
var AdminActions = []string{
	"admin:Heal", "admin:StorageInfo", "admin:DataUsageInfo", "admin:TopLocksInfo", "admin:Profiling", "admin:Prometheus",
	"admin:ServerTrace", "admin:ConsoleLog", "admin:KMSCreateKey", "admin:KMSKeyStatus", "admin:ServerInfo", "admin:OBDInfo",
	"admin:BandwidthMonitor", "admin:ServerUpdate", "admin:ServiceRestart", "admin:ServiceStop", "admin:ServiceFreeze",
	"admin:ConfigUpdate", "admin:CreateUser", "admin:DeleteUser", "admin:ListUsers", "admin:EnableUser", "admin:DisableUser",
	"admin:GetUser", "admin:AddUserToGroup", "admin:RemoveUserFromGroup", "admin:GetGroup", "admin:ListGroups",
	"admin:EnableGroup", "admin:DisableGroup", "admin:CreateServiceAccount", "admin:UpdateServiceAccount",
	"admin:RemoveServiceAccount", "admin:ListServiceAccounts", "admin:ListTemporaryAccounts", "admin:CreatePolicy",
	"admin:DeletePolicy", "admin:GetPolicy", "admin:AttachUserOrGroupPolicy", "admin:UpdatePolicyAssociation",
	"admin:ListUserPolicies", "admin:SetBucketQuota", "admin:GetBucketQuota", "admin:SetBucketTarget", "admin:GetBucketTarget",
	"admin:ReplicationDiff", "admin:SetTier", "admin:ListTier", "admin:Decommission", "admin:Rebalance",
	"admin:SiteReplicationAdd", "admin:SiteReplicationDisable", "admin:SiteReplicationInfo", "admin:SiteReplicationOperation",
	"admin:SiteReplicationRemove", "admin:SiteReplicationResync", "admin:ImportBucketMetadata", "admin:ExportBucketMetadata",
	"admin:ExportIAM", "admin:ImportIAM", "admin:ListBatchJobs", "admin:DescribeBatchJob", "admin:StartBatchJob",
	"admin:CancelBatchJob",
}

// KMSActions are the KMS actions, kms:* left out.
var KMSActions = []string{
	"kms:CreateKey", "kms:DeleteKey", "kms:ListKeys", "kms:ImportKey", "kms:DescribePolicy", "kms:AssignPolicy",
	"kms:DeletePolicy", "kms:SetPolicy", "kms:GetPolicy", "kms:ListPolicies", "kms:DescribeIdentity",
	"kms:DescribeSelfIdentity", "kms:DeleteIdentity", "kms:ListIdentities", "kms:KeyStatus", "kms:Status", "kms:API",
	"kms:Metrics", "kms:Version", "kms:AuditLog", "kms:ErrorLog",
}

var (
	adminNames = setOf(append(slices.Clone(AdminActions), "admin:*"))
	kmsNames   = setOf(append(slices.Clone(KMSActions), "kms:*"))
	// "*" is the server's "all STS actions": a statement naming it is an STS statement.
	stsNames = setOf([]string{"*", "sts:AssumeRoleWithWebIdentity"})
)

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// IsBucketAction tells whether an S3 action is checked on the bucket (resource
// "bucket/") rather than on an object; ListAllMyBuckets is checked on "/".
func IsBucketAction(action string) bool {
	return bucketActions[action]
}

var bucketActions = setOf([]string{
	"s3:CreateBucket", "s3:DeleteBucket", "s3:ForceDeleteBucket", "s3:DeleteBucketPolicy", "s3:DeleteBucketCors",
	"s3:GetBucketLocation", "s3:GetBucketNotification", "s3:GetBucketPolicy", "s3:GetBucketCors", "s3:HeadBucket",
	"s3:ListBucket", "s3:GetBucketPolicyStatus", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads",
	"s3:ListenBucketNotification", "s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration",
	"s3:PutBucketNotification", "s3:PutBucketPolicy", "s3:PutBucketCors", "s3:GetBucketObjectLockConfiguration",
	"s3:PutBucketObjectLockConfiguration", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:PutEncryptionConfiguration",
	"s3:GetEncryptionConfiguration", "s3:PutBucketVersioning", "s3:GetBucketVersioning", "s3:GetReplicationConfiguration",
	"s3:PutReplicationConfiguration", "s3:ResetBucketReplicationState",
})
