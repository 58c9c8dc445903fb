-- Encodes, decodes and re-encodes a generated document of user and policy records with
-- dkjson (a pure-Lua JSON module): the JSON work a minioscript program does in Lua.
local json = require("dkjson")

local seed = 42
local function rand(n) -- deterministic LCG, the same under every Lua
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local actions = { "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject",
  "admin:ServerInfo", "s3:GetBucketPolicy" }
local doc = { version = 3, generated = "2026-12-07T00:00:00Z", users = {}, policies = {} }
for i = 1, 2000 do
  local stmts = {}
  for j = 1, 1 + rand(3) do
    local acts = {}
    for k = 1, 1 + rand(4) do acts[k] = actions[1 + rand(#actions)] end
    stmts[j] = { Effect = rand(5) == 0 and "Deny" or "Allow", Action = acts,
      Resource = { "arn:aws:s3:::bucket-" .. rand(100) .. "/*", "arn:aws:s3:::bucket-" .. rand(100) },
      Condition = { IpAddress = { ["aws:SourceIp"] = "10." .. rand(256) .. ".0.0/16" } } }
  end
  doc.policies[i] = { name = "policy-" .. i, Version = "2012-10-17", Statement = stmts }
end
for i = 1, 8000 do
  local groups, pols = {}, {}
  for j = 1, rand(4) do groups[j] = "group-" .. rand(50) end
  for j = 1, 1 + rand(3) do pols[j] = "policy-" .. (1 + rand(2000)) end
  doc.users[i] = { accessKey = string.format("user%06d", i), status = rand(10) == 0 and "disabled" or "enabled",
    memberOf = groups, policies = pols, quota = rand(1000000), enabled = rand(2) == 1,
    tags = { team = "team-" .. rand(30), cost_center = rand(9000) + 1000, note = "line \"quoted\"\tand tab" } }
end

-- every key, so that the output does not depend on the order of pairs
local keyorder = { "version", "generated", "users", "accessKey", "name", "status", "enabled",
  "quota", "memberOf", "policies", "tags", "team", "cost_center", "note", "Version",
  "Statement", "Effect", "Action", "Resource", "Condition", "IpAddress", "aws:SourceIp" }
local text = json.encode(doc, { keyorder = keyorder })
local back, _, err = json.decode(text)
assert(back, err)
local again = json.encode(back, { keyorder = keyorder })
assert(again == text, "round trip differs")
local n = 0
for _, u in ipairs(back.users) do n = n + #u.policies end
print(#text, #back.users, #back.policies, n)
