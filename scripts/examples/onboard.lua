#!/usr/bin/env minioscript
-- Onboard users from a CSV file (columns: user,group) through one declarative apply:
-- every user, one group per team with a policy scoped to the team's bucket, and that
-- bucket with a quota. Safe to re-run: a second run reports 0 changes, a run killed
-- half-way is finished by the next one, and --dry-run shows the plan without writing.
-- Secrets are generated for new users only and written to a CSV file readable by its
-- owner alone (0600); the log and the report name users, never secrets.
--
-- Run: minioscript --alias prod onboard.lua users.csv [--secrets FILE] [--quota-gib N]
local csv, log, secrets = require("csv"), require("log"), require("secrets")
local adm = admin or minio.connect()

local input, out, quota_gib = nil, nil, 10
local i = 1
while arg[i] do
  if arg[i] == "--secrets" then out, i = arg[i + 1], i + 2
  elseif arg[i] == "--quota-gib" then quota_gib, i = tonumber(arg[i + 1]), i + 2
  else input, i = arg[i], i + 1 end
end
input = input or "scripts/examples/data/users.csv"
out = out or ((os.getenv("TMPDIR") or "/tmp") .. "/onboard-secrets.csv")
assert(quota_gib and quota_gib > 0, "--quota-gib needs a positive number")

local state = { policies = {}, users = {}, groups = {}, buckets = {} }
local secret_of = {}
for _, row in ipairs(csv.read(input)) do
  local team, user = row.group, row.user
  secret_of[user] = secrets.password()
  state.users[user] = { secret_key = secret_of[user] }
  if not state.groups[team] then
    local bucket = team .. "-data"
    state.policies[team .. "-rw"] = { Version = "2012-10-17", Statement = { {
      Effect = "Allow", Action = { "s3:*" },
      Resource = { "arn:aws:s3:::" .. bucket, "arn:aws:s3:::" .. bucket .. "/*" } } } }
    state.buckets[bucket] = { quota = quota_gib * 2 ^ 30 }
    state.groups[team] = { members = {}, policies = { team .. "-rw" } }
  end
  table.insert(state.groups[team].members, user)
end

local report = adm:apply(state)
print(tostring(report))

-- Secrets of the users this run created (not in a dry run: nobody was created).
local failed = {}
for _, e in ipairs(report.errors) do failed[e.change.kind .. " " .. e.change.name] = true end
local created = {}
for _, ch in ipairs(report.changes) do
  if ch.kind == "user" and ch.action == "create" and not failed["user " .. ch.name] and not report.dry_run then
    created[#created + 1] = { user = ch.name, secret_key = secret_of[ch.name] }
  end
end
if #created > 0 then
  csv.write(out, created, { header = { "user", "secret_key" } })
  log.info("secrets of new users written", { file = out, users = #created })
end
if report.failed > 0 then os.exit(1) end
