-- Groups and group policies.
local T = {}

local function users(t, n)
  local out = {}
  for i = 1, n do
    out[i] = t:unique("member")
    admin:user_add(out[i], "member-secret-1")
  end
  return out
end

function T.test_members_as_list_and_comma_string(t)
  local m = users(t, 3)
  local g = t:unique("devs")
  admin:group_add(g, { m[1], m[2] })
  admin:group_add(g, m[3])               -- a comma string of one
  local info = admin:group_info(g)
  table.sort(info.members)
  local want = { m[1], m[2], m[3] }
  table.sort(want)
  t:eq(info.members, want)
  t:eq(info.status, "enabled")
  admin:group_remove(g, m[1] .. "," .. m[2])
  t:eq(admin:group_info(g).members, { m[3] })
  local err = t:raises(admin.group_remove, admin, g)
  t:eq(err.api_code, "XMinioAdminGroupNotEmpty")
  admin:group_remove(g, { m[3] })
  admin:group_remove(g)
  err = t:raises(admin.group_info, admin, g)
  t:eq(err.code, 404)
  t:eq(err.api_code, "XMinioAdminNoSuchGroup")
end

function T.test_list_enable_disable_and_policy(t)
  local m = users(t, 1)
  local g = t:unique("ops")
  admin:group_add(g, m)
  local found = false
  for _, name in ipairs(admin:group_list()) do found = found or name == g end
  t:ok(found, "group_list has the group")
  admin:group_disable(g)
  t:eq(admin:group_info(g).status, "disabled")
  admin:group_enable(g)
  t:eq(admin:group_info(g).status, "enabled")
  admin:policy_set("readonly", g, true)
  t:eq(admin:group_info(g).policy, "readonly")
  local r = admin:policy_unset("readonly", g, true)
  t:eq(r.policiesDetached, { "readonly" })
  t:eq(admin:group_info(g).policy, "")
end

function T.test_unknown_member(t)
  local err = t:raises(admin.group_add, admin, t:unique("ghosts"), { "no-such-member" })
  t:eq(err.code, 404)
  t:eq(err.api_code, "XMinioAdminNoSuchUser")
end

return T
