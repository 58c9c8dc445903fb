#!/usr/bin/env minioscript
-- Clean up: delete expired service accounts, disable users not in a keep-list, delete
-- empty groups and policies attached to nobody (built-in policies are never touched,
-- nor the caller's own user). Run it with --dry-run first: nothing is written, and the
-- plan (every write that would have been sent) is printed at the end.
--
-- Run: minioscript --alias prod [--dry-run] cleanup.lua [--keep users.csv]
--      (the keep-list is a CSV file with a "user" column; without it no user is disabled)
local csv, log, time = require("csv"), require("log"), require("time")
local adm = admin or minio.connect()

local keep_file
if arg[1] == "--keep" then keep_file = arg[2] elseif arg[1] then error("unknown argument " .. arg[1]) end
local builtin = { consoleAdmin = true, diagnostics = true, readonly = true, readwrite = true, writeonly = true }
local done = 0
local function did(what, fields)
  done = done + 1
  log.info(what, fields)
end

-- Expired service accounts (the caller's and every user's).
local users = adm:user_list()
local owners = { "" }
for user in pairs(users) do owners[#owners + 1] = user end
local now = time.now()
for _, owner in ipairs(owners) do
  for _, a in ipairs(adm:list_service_account(owner ~= "" and owner or nil).accounts or {}) do
    local exp = a.expiration and time.parse(a.expiration) or 0
    if exp > 0 and exp < now then
      adm:delete_service_account(a.accessKey)
      did("deleted expired service account", { access_key = a.accessKey, parent = a.parentUser })
    end
  end
end

-- Users not in the keep-list are disabled (ensure_user changes only what differs).
if keep_file then
  local keep = {}
  for _, row in ipairs(csv.read(keep_file)) do keep[row.user] = true end
  for user, info in pairs(users) do
    if not keep[user] and info.status == "enabled" and user ~= adm:access_key() then
      adm:ensure_user(user, nil, { status = "disabled" })
      did("disabled user", { user = user })
    end
  end
else
  log.info("no --keep list: no user is disabled")
end

-- Empty groups.
for _, g in ipairs(adm:group_list()) do
  local info = adm:group_info(g)
  if #(info.members or {}) == 0 then
    adm:group_remove(g)
    did("deleted empty group", { group = g })
  end
end

-- Policies attached to no user and no group.
local used = {}
for _, m in ipairs(adm:get_policy_entities().policyMappings or {}) do
  if #(m.users or {}) + #(m.groups or {}) > 0 then used[m.policy] = true end
end
for name in pairs(adm:policy_list()) do
  if not builtin[name] and not used[name] then
    adm:policy_remove(name)
    did("deleted unused policy", { policy = name })
  end
end

print(("cleanup: %d change(s)%s"):format(done, minio.dry_run() and " planned (dry run)" or ""))
