-- Jobs: ensure_*, *_exists, plan/apply reports and dry runs from Lua.
local T = {}

local function policy(bucket)
  return { Version = "2012-10-17", Statement = { {
    Effect = "Allow", Action = { "s3:GetObject" }, Resource = { "arn:aws:s3:::" .. bucket .. "/*" } } } }
end

function T.test_ensure_created_unchanged_updated(t)
  local u, g, p, b = t:unique("ens-user"), t:unique("ens-group"), t:unique("ens-pol"), t:unique("ens-bucket")
  t:eq(admin:ensure_policy(p, policy(b)), "created")
  -- The same document as JSON text, keys in another order: unchanged.
  t:eq(admin:ensure_policy(p, '{"Statement":[{"Resource":"arn:aws:s3:::' .. b .. '/*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}'), "unchanged")
  local st, changes = admin:ensure_policy(p, policy(b .. "-other"))
  t:eq(st, "updated")
  t:ok(changes.document, "the changed document is listed")

  t:eq(admin:ensure_user(u, "user-secret-1", { policies = { p } }), "created")
  t:eq(admin:ensure_user(u, "another-secret", { policies = { p } }), "unchanged")
  st, changes = admin:ensure_user(u, nil, { status = "disabled", policies = {} })
  t:eq(st, "updated")
  t:eq(changes.status, "disabled")
  t:eq(changes.policies, {})
  st, changes = admin:ensure_user(u, "user-secret-2", { reset_secret = true })
  t:eq(changes.secret_key, "***")

  t:eq(admin:ensure_group(g, { u }, { policies = { p } }), "created")
  t:eq(admin:ensure_group(g, { u }, { policies = { p } }), "unchanged")
  st, changes = admin:ensure_group(g, {})
  t:eq(st, "updated")
  t:eq(changes.members_removed, { u })
  t:eq(admin:ensure_attached({ "readonly" }, { group = g }), "updated")
  t:eq(admin:ensure_attached({ "readonly" }, { group = g }), "unchanged")

  t:eq(admin:ensure_bucket(b, { quota = 2 ^ 30 }), "created")
  t:eq(admin:ensure_bucket(b, { quota = 2 ^ 30 }), "unchanged")
  t:eq(admin:ensure_bucket(b, { quota = 2 ^ 31 }), "updated")
  t:eq(admin:bucket_quota_get(b).size, 2 ^ 31)

  local sa = t:unique("ens-sa")
  t:eq(admin:ensure_service_account{ access_key = sa, secret_key = "sa-secret-123", user = u, name = "bot" }, "created")
  t:eq(admin:ensure_service_account{ access_key = sa, user = u, name = "bot" }, "unchanged")
  t:eq(admin:ensure_service_account{ access_key = sa, user = u, description = "now described" }, "updated")

  for _, c in ipairs({ { "user_exists", u }, { "group_exists", g }, { "policy_exists", p },
                       { "service_account_exists", sa }, { "bucket_exists", b } }) do
    t:eq(admin[c[1]](admin, c[2]), true, c[1])
    t:eq(admin[c[1]](admin, "no-such-" .. c[2]), false, c[1] .. " of an unknown name")
  end
  local err = t:raises(admin.ensure_attached, admin, { "readonly" }, { user = u, group = g })
  t:ok(tostring(err):find("exactly one of user= or group=", 1, true), tostring(err))
end

function T.test_plan_apply_report(t)
  local team = t:unique("team")
  local state = {
    policies = { [team .. "-rw"] = policy(team .. "-data") },
    users = {
      [team .. "-ann"] = { secret_key = "ann-secret-1", policies = { "readonly" } },
      [team .. "-ben"] = { secret_key = "ben-secret-1", status = "disabled" },
    },
    groups = { [team] = { members = { team .. "-ann", team .. "-ben" }, policies = { team .. "-rw" } } },
    service_accounts = { [team .. "-svc"] = { user = team .. "-ann", secret_key = "svc-secret-123", description = "ci" } },
    buckets = { [team .. "-data"] = { quota = 10 * 2 ^ 30 } },
  }
  local plan = admin:plan(state)
  t:eq(plan.created, 8)
  t:eq(#plan.changes, 8)
  t:eq(plan.changes[1].kind, "policy")
  local text = tostring(plan)
  t:ok(text:find("plan: 8 to create", 1, true), text)
  t:ok(not text:find("secret-1", 1, true), "no secret in the summary")

  local report = admin:apply(state, { bulk = "never" })
  t:eq(report.created, 8)
  t:eq(report.failed, 0)
  t:eq(#report.errors, 0)
  t:ok(tostring(report):find("applied: 8 created", 1, true), tostring(report))
  for _, ch in ipairs(report.changes) do
    for k, v in pairs(ch.fields or {}) do
      t:ok(not tostring(v):find("secret-", 1, true), "field " .. k .. " of " .. ch.name .. " shows a secret")
    end
  end
  local again = admin:apply(state)
  t:eq(#again.changes, 0)
  t:eq(again.unchanged, 8)

  -- A failed change is in the report with its error object; the rest is applied.
  state.users[team .. "-cat"] = { secret_key = "cat-secret-1", policies = { "no-such-policy" } }
  local err = t:raises(admin.apply, admin, state)
  t:ok(tostring(err):find("no-such-policy", 1, true), tostring(err))
  state.users[team .. "-cat"] = nil
  state.service_accounts[team .. "-bad"] = { user = team .. "-ann", secret_key = "svc-secret-123",
    expiry = os.time() + 400 * 24 * 3600 }
  local partial = admin:apply(state)
  t:eq(partial.failed, 1)
  t:ok(minio.is_error(partial.errors[1].error), "errors are minio error objects")
  t:eq(partial.errors[1].change.name, team .. "-bad")

  err = t:raises(admin.apply, admin, { userz = {} })
  t:ok(tostring(err):find("unknown field 'userz'", 1, true), tostring(err))
  err = t:raises(admin.apply, admin, { users = { x = { pasword = "x" } } })
  t:ok(tostring(err):find("users.x", 1, true), tostring(err))
end

function T.test_dry_run_client(t)
  t:eq(minio.dry_run(), false)
  local dry = minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key,
    secret_key = setup.secret_key, dry_run = true }
  local u = t:unique("dry-user")
  t:eq(dry:ensure_user(u, "dry-secret-1", { policies = { "readonly" } }), "created")
  local report = dry:apply({ users = { [u] = { secret_key = "dry-secret-1" } } })
  t:eq(report.dry_run, true)
  t:eq(report.created, 1)
  t:ok(tostring(report):find("dry run: 1 to create", 1, true), tostring(report))
  dry:user_add(u, "dry-secret-1")
  t:eq(admin:user_exists(u), false)
  t:eq(dry:user_exists(u), false)
end

return T
