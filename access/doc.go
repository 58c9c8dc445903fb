// Package access answers "may this principal do this action on this resource?" for an
// IAM state (the IAM export's shape, which jobs.Current embeds), the way the MinIO
// server decides it. It is pure: a snapshot in, answers out, no I/O.
//
// The rules, each checked against the pinned server by the differential test
// (TestDifferential, scripts/access-soak.sh) or taken from the verified facts of the
// project's policy-evaluation spec:
//
//   - The root user, and root's service accounts without an embedded policy, may do
//     everything. A root service account with an embedded policy gets only that policy.
//   - A user's policies are its own mapping plus those of its groups. A disabled user
//     cannot authenticate. Membership of any disabled group takes every policy away, the
//     user's own mapping included (not only that group's).
//   - A service account acts with its parent's current policies. With an embedded
//     (session) policy, both the embedded policy and the parent's policies must allow:
//     two evaluations joined by AND, not one merged document. An embedded policy of
//     null, {} or {"Statement":null} means "inherit". A disabled or missing parent
//     grants nothing; a disabled or expired account is refused.
//   - An LDAP user (named by its DN) has the policies mapped to its DN plus those mapped
//     to the group DNs given; the server makes no enabled/disabled check in LDAP mode.
//   - Policy names in a mapping are split on "," without trimming; names of policies
//     that do not exist are skipped. Built-in policies (Builtin) apply unless the
//     snapshot holds a document of the same name, which then wins.
//   - An explicit Deny beats any Allow, across all the policies of a principal; nothing
//     allowing is a deny. Statements whose Effect is neither Allow nor Deny are ignored.
//   - Actions and resources match with '*' (any run, none included, across '/') and
//     '?' (one byte), case-sensitively. s3:GetObjectVersion also grants s3:GetObject.
//     "Action": "*" is the server's all-STS-actions constant: it matches every action
//     (admin and KMS included) and its Resource is ignored. Statements naming an admin
//     action ignore Resource and NotResource; their conditions still count.
//   - The resource of a bucket call is "bucket/", so arn:aws:s3:::bucket/* covers
//     bucket calls too; admin calls and ListAllMyBuckets use "/", which "*" and
//     arn:aws:s3:::* cover (as does any pattern matching "/").
//   - NotAction applies to every action not listed, in every namespace: Allow NotAction
//     X on arn:aws:s3:::* grants admin calls. NotResource applies where none of its
//     patterns match.
//   - Conditions are decided when every value they read is known: values the principal
//     fixes (aws:username and aws:userid: the user, or a service account's parent) and
//     those given in Request.Context. Otherwise the answer is Conditional and the
//     deciding statements carry the condition. Operators decided here: String*,
//     StringLike/NotLike, ForAnyValue/ForAllValues on those, Bool, Null, IpAddress,
//     NotIpAddress; any other makes the statement conditional, never guessed.
//   - ${aws:username} and the other common keys are substituted in Resource and in
//     condition values.
//
// Found on the pinned server by the differential test: a policy using NotAction is
// evaluated as above, but the server cannot serialise it, so export-iam,
// list-canned-policies and info-canned-policy fail (500) while one exists, and a
// service account cannot carry one as its embedded policy.
//
// Request values a client can forge (headers and query parameters of the same name as
// a condition key, spec §4) are not modelled: an answer is for a request without them.
package access
