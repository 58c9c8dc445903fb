#!/usr/bin/env minioscript
-- Report: users, groups, policies, service accounts and buckets (with usage and quota).
-- On a terminal it prints tables; otherwise (a pipe, a file, cron) one JSON document.
-- Secrets are never read: only names, statuses and mappings.
--
-- Run: minioscript --alias prod report.lua            (tables)
--      minioscript --alias prod report.lua > r.json   (JSON)
local json, term = require("json"), require("term")
local adm = admin or minio.connect()

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end
local function list(v) return table.concat(v or {}, ",") end

local r = { users = {}, groups = {}, policies = {}, service_accounts = {}, buckets = {} }
local users = adm:user_list()
for _, name in ipairs(sorted_keys(users)) do
  local u = users[name]
  r.users[#r.users + 1] = { user = name, status = u.status, policies = u.policyName or "", groups = list(u.memberOf) }
end
for _, g in ipairs(adm:group_list()) do
  local info = adm:group_info(g)
  r.groups[#r.groups + 1] = { group = g, status = info.status, members = list(info.members), policies = info.policy or "" }
end
for _, name in ipairs(sorted_keys(adm:policy_list())) do r.policies[#r.policies + 1] = { policy = name } end
local owners = { "" }
for _, name in ipairs(sorted_keys(users)) do owners[#owners + 1] = name end
for _, owner in ipairs(owners) do
  for _, a in ipairs(adm:list_service_account(owner ~= "" and owner or nil).accounts or {}) do
    local exp = a.expiration or ""
    if exp:find("^1970") then exp = "" end
    r.service_accounts[#r.service_accounts + 1] = { access_key = a.accessKey, parent = a.parentUser,
      status = a.accountStatus, name = a.name or "", expiry = exp }
  end
end
local usage = (adm:get_data_usage_info().bucketsUsageInfo or {})
for _, b in ipairs(adm:list_buckets()) do
  local u, q = usage[b.name] or {}, adm:bucket_quota_get(b.name)
  r.buckets[#r.buckets + 1] = { bucket = b.name, size = u.size or 0, objects = u.objectsCount or 0,
    quota = (q.size and q.size > 0) and q.size or (q.quota or 0) }
end

if term.isatty("stdout") then
  local columns = {
    users = { "user", "status", "policies", "groups" }, groups = { "group", "status", "members", "policies" },
    policies = { "policy" }, service_accounts = { "access_key", "parent", "status", "name", "expiry" },
    buckets = { "bucket", "size", "objects", "quota" },
  }
  for _, section in ipairs({ "users", "groups", "policies", "service_accounts", "buckets" }) do
    print(term.table(r[section], { columns = columns[section], title = section }))
  end
else
  print(json.encode(r))
end
