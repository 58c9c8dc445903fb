-- apply.lua USERS GROUPS PREFIX: admin:apply of a state with USERS users spread over
-- GROUPS groups mapped to readwrite; prints the seconds of the first apply, of a second
-- (nothing to change), and how many changes the first created.
local nusers, ngroups, prefix = tonumber(arg[1]), tonumber(arg[2]), arg[3]
local time = require("time")
local state = { users = {}, groups = {} }
local members = {}
for g = 1, ngroups do members[g] = {} end
for i = 1, nusers do
  local name = prefix .. "u" .. i
  state.users[name] = { secret_key = "bench-secret-1" }
  local g = members[(i % ngroups) + 1]
  g[#g + 1] = name
end
for g = 1, ngroups do
  state.groups[prefix .. "g" .. g] = { members = members[g], policies = { "readwrite" } }
end
local t0 = time.now()
local report = admin:apply(state)
local t1 = time.now()
assert(report.failed == 0, tostring(report))
local again = admin:apply(state)
local t2 = time.now()
assert(#again.changes == 0, tostring(again))
print(t1 - t0, t2 - t1, report.created)
