-- Access review: can, access and who_can answer from the server's IAM export.
local T = {}

local function doc(...)
  return { Version = "2012-10-17", Statement = { ... } }
end

function T.test_can_access_who_can(t)
  local b = t:unique("acc-bucket")
  local p_read, p_cond = t:unique("acc-read"), t:unique("acc-cond")
  local u, u2, g, sa = t:unique("acc-user"), t:unique("acc-user2"), t:unique("acc-group"), t:unique("acc-sa")
  admin:make_bucket(b)
  admin:ensure_policy(p_read, doc(
    { Effect = "Allow", Action = { "s3:GetObject", "s3:ListBucket" }, Resource = { "arn:aws:s3:::" .. b, "arn:aws:s3:::" .. b .. "/*" } },
    { Effect = "Deny", Action = { "s3:GetObject" }, Resource = { "arn:aws:s3:::" .. b .. "/secret*" } }))
  admin:ensure_policy(p_cond, doc(
    { Effect = "Allow", Action = { "s3:PutObject" }, Resource = { "arn:aws:s3:::" .. b .. "/*" },
      Condition = { IpAddress = { ["aws:SourceIp"] = "10.0.0.0/8" } } }))
  admin:ensure_user(u, "acc-secret-1", { policies = { p_read } })
  admin:ensure_user(u2, "acc-secret-2", { policies = {} })
  admin:ensure_group(g, { u2 }, { policies = { p_cond } })
  admin:add_service_account{ access_key = sa, secret_key = "acc-sa-secret-1", user = u,
    policy = doc({ Effect = "Allow", Action = { "s3:ListBucket" }, Resource = { "arn:aws:s3:::" .. b } }) }

  local ok, why = admin:can(u, "s3:GetObject", b .. "/k1")
  t:eq(ok, true)
  t:eq(why[1].policy, p_read)
  t:eq(why[1].statement, 0)
  t:eq(why[1].via, "user " .. u)
  ok, why = admin:can(u, "s3:GetObject", b .. "/secret1")
  t:eq(ok, false)
  t:eq(why[1].effect, "Deny")
  t:eq(why.reason, "explicitly denied")
  t:eq((admin:can(u, "s3:PutObject", b .. "/k1")), false)

  -- A condition the request decides: conditional, with the condition shown.
  ok, why = admin:can(u2, "s3:PutObject", "arn:aws:s3:::" .. b .. "/k1")
  t:eq(ok, "conditional")
  t:eq(why[1].via, "group " .. g)
  t:eq(why[1].condition.IpAddress["aws:SourceIp"], { "10.0.0.0/8" })
  t:eq((admin:can("group:" .. g, "s3:PutObject", b .. "/x")), "conditional")

  -- The service account: its embedded policy and its parent's must both allow.
  t:eq((admin:can(sa, "s3:ListBucket", b)), true)
  t:eq((admin:can(sa, "s3:GetObject", b .. "/k1")), false)

  -- A disabled group takes away every policy of its members.
  admin:group_disable(g)
  t:eq((admin:can(u2, "s3:PutObject", b .. "/k1")), false)
  admin:group_enable(g)

  -- An LDAP DN with its group DNs: nothing is mapped to them here.
  ok, why = admin:can("uid=nobody,dc=example", "s3:GetObject", b .. "/k1", { "cn=g,dc=example" })
  t:eq(ok, false)
  t:eq(why.reason, "no policy mapped to the DN or its groups")

  -- The caller (root) may do everything.
  t:eq((admin:can(admin:access_key(), "admin:ServerInfo")), true)

  local acc = admin:access(u)
  t:eq(acc.kind, "user")
  -- Levels are about the bucket's objects at large: a Deny on a prefix does not lower them.
  t:eq(acc.buckets[b].level, "read")
  t:eq(acc.buckets[b].actions["s3:ListBucket"], "allow")
  t:eq(next(acc.admin), nil)

  local names = {}
  for _, grant in ipairs(admin:who_can("s3:ListBucket", b)) do
    names[grant.principal] = grant.decision
  end
  t:eq(names[u], "allow")
  t:eq(names[sa], "allow")
  t:eq(names[u2], nil)

  -- The matrix for one bucket: a row per principal, groups included.
  local rows = {}
  local r = admin:access_report{ bucket = b }
  t:eq(r.buckets, { b })
  for _, row in ipairs(r.principals) do rows[row.principal] = row end
  t:eq(rows[u].buckets[b].level, "read")
  t:eq(rows[u2].buckets[b].level, "none")
  t:eq(rows[u2].buckets[b].conditional, "write")
  t:eq(rows[sa].buckets[b].level, "list")
  t:eq(rows[sa].parent, u)
  t:eq(rows["group:" .. g].members, { u2 })
  -- One principal and those it gets access through.
  r = admin:access_report(b, u2)
  t:eq(#r.principals, 2)
  t:eq(r.principals[2].principal, "group:" .. g)
  t:eq(r.principals[2].related_to, u2)
end

return T
