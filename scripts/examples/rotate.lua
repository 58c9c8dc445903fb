#!/usr/bin/env minioscript
-- Rotate service-account secrets. An account gets a new secret when this job last
-- rotated it more than --older-than ago (default 90d; an account the job has not
-- rotated yet counts as old: the server keeps no creation time), or when it expires
-- within that time; an expiring account also gets a new expiry, twice --older-than from
-- now (at most 364 days, the server's limit). New credentials go to a CSV file readable
-- by its owner alone (--out, default $TMPDIR/rotated.csv) or, with --json, to stdout;
-- the log shows access keys only. When each account was rotated is kept in --state
-- (default $HOME/.minioscript-rotate.csv), so a second run rotates nothing.
--
-- Run: minioscript --alias prod rotate.lua [--older-than 90d] [--out FILE | --json] [--state FILE]
local csv, json, log, secrets, time = require("csv"), require("json"), require("log"), require("secrets"), require("time")
local adm = admin or minio.connect()

local opts = { ["--older-than"] = "90d", ["--out"] = (os.getenv("TMPDIR") or "/tmp") .. "/rotated.csv",
  ["--state"] = (os.getenv("HOME") or ".") .. "/.minioscript-rotate.csv" }
local as_json, i = false, 1
while arg[i] do
  if arg[i] == "--json" then as_json, i = true, i + 1
  elseif opts[arg[i]] and arg[i + 1] then opts[arg[i]], i = arg[i + 1], i + 2
  else error("unknown argument " .. arg[i] .. " (see the header of rotate.lua)") end
end
local age, now = time.parse_duration(opts["--older-than"]), time.now()

local rotated_at = {}
if io.open(opts["--state"]) then
  for _, row in ipairs(csv.read(opts["--state"])) do rotated_at[row.access_key] = tonumber(row.rotated_at) end
end

-- Every service account: the caller's own and those of every user.
local accounts = {}
local owners = { "" }
for user in pairs(adm:user_list()) do owners[#owners + 1] = user end
for _, owner in ipairs(owners) do
  for _, a in ipairs(adm:list_service_account(owner ~= "" and owner or nil).accounts or {}) do
    accounts[a.accessKey] = a
  end
end

local new, keys = {}, {}
for key in pairs(accounts) do keys[#keys + 1] = key end
table.sort(keys)
for _, key in ipairs(keys) do
  local a = accounts[key]
  local expires = a.expiration and time.parse(a.expiration) or 0
  local expiring = expires > 0 and expires - now < age
  local old = (rotated_at[key] or 0) < now - age
  if old or expiring then
    local update = { access_key = key, secret_key = secrets.secret_key() }
    if expiring then update.expiry = now + math.min(2 * age, 364 * 86400) end
    adm:update_service_account(update)
    rotated_at[key] = now
    new[#new + 1] = { access_key = key, secret_key = update.secret_key, parent = a.parentUser,
      expiry = update.expiry and time.format(update.expiry) or "" }
    log.info("rotated", { access_key = key, parent = a.parentUser, expiring = expiring })
  end
end

local dry = minio.dry_run()
if #new > 0 and not dry then
  if as_json then
    print(json.encode(new))
  else
    csv.write(opts["--out"], new, { header = { "access_key", "secret_key", "parent", "expiry" } })
  end
  local state = {}
  for key, t in pairs(rotated_at) do state[#state + 1] = { access_key = key, rotated_at = string.format("%.0f", t) } end
  csv.write(opts["--state"], state, { header = { "access_key", "rotated_at" } })
end
log.info("rotation done", { rotated = #new, accounts = #keys, dry_run = dry,
  out = (#new > 0 and not as_json and not dry) and opts["--out"] or nil })
if not as_json then print(("rotated %d of %d service accounts"):format(#new, #keys)) end
