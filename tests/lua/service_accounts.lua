-- Service accounts: options-table and positional forms, expiry forms, policy kept on update.
local T = {}

local session = {
  Version = "2012-10-17",
  Statement = { { Effect = "Allow", Action = { "s3:GetObject" }, Resource = { "arn:aws:s3:::app/*" } } },
}

local function owner(t)
  local u = t:unique("sa-owner")
  admin:user_add(u, "owner-secret-1")
  admin:attach_policy({ "readwrite" }, u)
  return u
end

function T.test_add_get_update_list_delete(t)
  local u = owner(t)
  local ak = t:unique("svc")
  local expiry = os.time() + 30 * 86400
  local r = admin:add_service_account{
    access_key = ak, secret_key = "svc-password123", user = u, policy = session,
    name = "app1", description = "Service account for application 1", expiry = expiry,
  }
  t:eq(r.credentials.accessKey, ak)
  t:eq(r.credentials.secretKey, "svc-password123")
  t:eq(r.credentials.expiration, os.date("!%Y-%m-%dT%H:%M:%SZ", expiry))

  local info = admin:get_service_account(ak)
  t:eq(info.parentUser, u)
  t:eq(info.impliedPolicy, false)
  t:eq(info.name, "app1")

  admin:update_service_account{ access_key = ak, description = "Updated description" }
  info = admin:get_service_account(ak)
  t:eq(info.description, "Updated description")
  t:eq(info.impliedPolicy, false, "the session policy survives an update that does not name it")
  t:ok(info.policy:find("arn:aws:s3:::app/*", 1, true) ~= nil, info.policy)

  local later = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 60 * 86400)
  admin:update_service_account(ak, nil, nil, nil, nil, later)
  t:eq(admin:get_service_account(ak).expiration, later)
  admin:update_service_account{ access_key = ak, status = "disabled" }
  t:eq(admin:get_service_account(ak).accountStatus, "off")

  local list = admin:list_service_account(u)
  t:eq(#list.accounts, 1)
  t:eq(list.accounts[1].accessKey, ak)

  admin:delete_service_account(ak)
  local err = t:raises(admin.get_service_account, admin, ak)
  t:eq(err.code, 404)
end

function T.test_positional_and_generated(t)
  local u = owner(t)
  local ak = t:unique("svcpos")
  local expiry = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 90 * 86400)
  local r = admin:add_service_account(ak, "svc-password456", u, minio.json.encode(session), "pos", "positional", expiry)
  t:eq(r.credentials.expiration, expiry)
  local gen = admin:add_service_account{ user = u }
  t:eq(#gen.credentials.accessKey, 20)
  t:eq(#gen.credentials.secretKey, 40)
  t:eq(#admin:list_service_account(u).accounts, 2)
  admin:delete_service_account(ak)
  admin:delete_service_account(gen.credentials.accessKey)
  t:eq(admin:list_service_account(u).accounts, nil)
end

function T.test_bad_expiry(t)
  local err = t:raises(admin.add_service_account, admin, { user = "x", expiry = "next tuesday" })
  t:ok(tostring(err):find("not an RFC 3339 time") ~= nil, tostring(err))
  err = t:raises(admin.add_service_account, admin, { user = "x", nosuch = 1 })
  t:ok(tostring(err):find("unknown option 'nosuch'") ~= nil, tostring(err))
end

return T
