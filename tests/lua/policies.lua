-- Canned policies in every argument form, mappings, attach/detach and entities.
local T = {}

local doc = {
  Version = "2012-10-17",
  Statement = { { Effect = "Allow", Action = { "s3:GetObject", "s3:PutObject" }, Resource = { "arn:aws:s3:::dev-bucket/*" } } },
}

function T.test_policy_as_table_json_and_file(t)
  local p1, p2, p3 = t:unique("p-table"), t:unique("p-json"), t:unique("p-file")
  admin:policy_add(p1, doc)
  admin:policy_add(p2, minio.json.encode(doc))
  local path = t:tempdir() .. "/policy.json"
  local f = assert(io.open(path, "w"))
  f:write(minio.json.encode(doc))
  f:close()
  admin:policy_add(p3, path)
  for _, p in ipairs({ p1, p2, p3 }) do
    local info = admin:policy_info(p)
    t:eq(info.Statement[1].Resource, { "arn:aws:s3:::dev-bucket/*" }, p)
  end
  local list = admin:policy_list()
  t:ok(list[p1] and list[p2] and list[p3] and list.readwrite, "policy_list has all, built-ins too")
  for _, p in ipairs({ p1, p2, p3 }) do admin:policy_remove(p) end
  local err = t:raises(admin.policy_info, admin, p1)
  t:eq(err.api_code, "XMinioAdminNoSuchPolicy")
end

function T.test_malformed_policy_is_refused_before_sending(t)
  local err = t:raises(admin.policy_add, admin, "bad", '{"Version": ')
  t:ok(tostring(err):find("bad argument #2 to 'policy_add'") ~= nil, tostring(err))
  err = t:raises(admin.policy_add, admin, "bad", "/no/such/file.json")
  t:ok(tostring(err):find("not JSON and not a readable file") ~= nil, tostring(err))
  err = t:raises(admin.policy_add, admin, "bad", { Statement = {} })
  t:eq(err.code, 400) -- the server wants a Version
end

function T.test_set_attach_detach_entities(t)
  local u, p = t:unique("carl"), t:unique("dev-policy")
  admin:user_add(u, "carl-secret-1")
  admin:policy_add(p, doc)
  admin:policy_set(p, u)
  t:eq(admin:user_info(u).policyName, p)
  local err = t:raises(admin.policy_remove, admin, p)
  t:eq(err.api_code, "XMinioIAMPolicyInUse")

  local r = admin:attach_policy{ policies = { "readonly" }, user = u }
  t:eq(r.policiesAttached, { "readonly" })
  err = t:raises(admin.attach_policy, admin, { "readonly" }, u)
  t:eq(err.api_code, "XMinioAdminPolicyChangeAlreadyApplied")

  local ents = admin:get_policy_entities{ users = { u } }
  t:eq(ents.userMappings[1].user, u)
  local pols = ents.userMappings[1].policies
  table.sort(pols)
  local want = { p, "readonly" }
  table.sort(want)
  t:eq(pols, want)
  ents = admin:get_policy_entities({}, {}, { p })
  t:eq(ents.policyMappings[1].users, { u })

  r = admin:detach_policy("readonly", u)
  t:eq(r.policiesDetached, { "readonly" })
  admin:policy_unset(p, u)
  t:eq(admin:user_info(u).policyName, nil)
  admin:policy_remove(p)
  err = t:raises(admin.attach_policy, admin, { "readonly" }, u, "some-group")
  t:eq(err.kind, "argument")
end

function T.test_group_attach(t)
  local u, g = t:unique("dana"), t:unique("team")
  admin:user_add(u, "dana-secret-1")
  admin:group_add(g, { u })
  admin:attach_policy{ policies = "readonly,writeonly", group = g }
  local pol = admin:group_info(g).policy
  t:ok(pol:find("readonly") and pol:find("writeonly"), pol)
  admin:detach_policy{ policies = { "readonly", "writeonly" }, group = g }
  t:eq(admin:group_info(g).policy, "")
end

return T
