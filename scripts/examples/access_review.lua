#!/usr/bin/env minioscript
-- Access review: for every bucket, who can write and who can delete (and through which
-- policy), the principals × buckets matrix, and what an auditor asks about:
--   * principals with s3:* on every bucket (a policy allowing s3:* or * on *),
--   * disabled users still in groups,
--   * service accounts as wide as their parent (no session policy narrows them),
--   * policies attached to nobody.
-- The state is read once (admin:access_report) and evaluated as the server would.
-- On a terminal it prints tables; otherwise (a pipe, a file, cron) one JSON document.
-- Secrets are never read into the report: only names, statuses, mappings and policies.
--
-- Run: minioscript --alias prod access_review.lua [BUCKET]           (tables)
--      minioscript --alias prod access_review.lua > review.json      (JSON)
local json, term = require("json"), require("term")
local adm = admin or minio.connect()

local report = adm:access_report{ bucket = arg[1] }
local rank = {}
for i, level in ipairs(report.levels) do rank[level] = i end

-- The policies a principal's level on a bucket comes from, with the path: "p (via group g)".
local function paths(p, cell)
  if p.kind == "root" then return "root user" end
  local out, seen = {}, {}
  for _, s in ipairs(cell.statements) do
    local text = s.policy .. " (" .. s.via .. (s.condition and ", conditional" or "") .. ")"
    if not seen[text] then seen[text], out[#out + 1] = true, text end
  end
  return table.concat(out, "; ")
end

-- Who can write, who can delete, per bucket ("delete" and "admin" can delete).
local per_bucket, holders = {}, {}
for _, b in ipairs(report.buckets) do
  local entry = { write = {}, delete = {} }
  for _, p in ipairs(report.principals) do
    local cell = p.buckets[b]
    local r = rank[cell.level]
    if r >= rank.write then
      local who = { principal = p.principal, kind = p.kind, level = cell.level, via = paths(p, cell) }
      table.insert(r >= rank.delete and entry.delete or entry.write, who)
      holders[#holders + 1] = { bucket = b, principal = p.principal, kind = p.kind, level = cell.level, via = who.via }
    end
  end
  per_bucket[b] = entry
end

-- Findings.
local findings = {}
local function finding(kind, subject, detail)
  findings[#findings + 1] = { finding = kind, subject = subject, detail = detail }
end

-- Policies that allow s3:* (or *) on every resource. policy_list fails on a server
-- holding a NotAction policy (README "Access review"): then this check is skipped.
local wide, all_policies = {}, nil
local function has(v, wanted)
  if type(v) == "string" then v = { v } end
  for _, x in ipairs(v or {}) do if wanted[x] then return true end end
  return false
end
local ok, list = pcall(adm.policy_list, adm)
if ok then
  all_policies = list
  for name, doc in pairs(list) do
    local statements = doc.Statement or {}
    if statements.Effect then statements = { statements } end
    for _, st in ipairs(statements) do
      -- "Action": "*" covers every action whatever the Resource (package access's doc).
      if st.Effect == "Allow" and (has(st.Action, { ["*"] = true })
          or (has(st.Action, { ["s3:*"] = true }) and has(st.Resource, { ["arn:aws:s3:::*"] = true, ["*"] = true }))) then
        wide[name] = true
      end
    end
  end
else
  finding("check skipped", "policies", "the server cannot list its policies: " .. tostring(list))
end

local mapped = {}
for _, p in ipairs(report.principals) do
  for _, name in ipairs(p.policies or {}) do mapped[name] = true end
  -- Wide access, found through the statements that gave it (own, group's or parent's).
  local via = {}
  for _, cell in pairs(p.buckets) do
    for _, s in ipairs(cell.statements) do
      if wide[s.policy] and s.effect == "Allow" then via[s.policy .. " via " .. s.via] = true end
    end
  end
  local names = {}
  for v in pairs(via) do names[#names + 1] = v end
  table.sort(names)
  if #names > 0 then finding("s3:* on *", p.principal, table.concat(names, "; ")) end
  if p.kind == "user" and p.status == "disabled" and p.groups and #p.groups > 0 then
    finding("disabled user in groups", p.principal, table.concat(p.groups, ", "))
  end
  if p.kind == "service-account" and not p.session_policy and not p.reason then
    finding("service account as wide as its parent", p.principal, "parent " .. (p.parent or "?") .. ", no session policy")
  end
end
local builtin = { consoleAdmin = true, diagnostics = true, readonly = true, readwrite = true, writeonly = true }
local unattached = {}
for name in pairs(all_policies or {}) do
  if not mapped[name] and not builtin[name] then unattached[#unattached + 1] = name end
end
table.sort(unattached)
for _, name in ipairs(unattached) do finding("policy attached to nobody", name, "") end
table.sort(findings, function(a, b)
  if a.finding ~= b.finding then return a.finding < b.finding end
  return a.subject < b.subject
end)

if term.isatty("stdout") then
  local matrix, columns = {}, { "principal", "kind" }
  for _, b in ipairs(report.buckets) do columns[#columns + 1] = b end
  for _, p in ipairs(report.principals) do
    local row = { principal = p.principal, kind = p.kind }
    for _, b in ipairs(report.buckets) do
      local c = p.buckets[b]
      row[b] = c.level .. (c.conditional and (" (" .. c.conditional .. "?)") or "")
    end
    matrix[#matrix + 1] = row
  end
  print(term.table(matrix, { columns = columns, title = "access (none < list < read < write < delete < admin)" }))
  print(term.table(holders, { columns = { "bucket", "principal", "kind", "level", "via" }, title = "who can write or delete" }))
  print(term.table(findings, { columns = { "finding", "subject", "detail" }, title = "findings" }))
else
  print(json.encode({ buckets = per_bucket, findings = findings, matrix = report }))
end
