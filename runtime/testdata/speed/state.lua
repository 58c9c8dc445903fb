-- Loads a generated Lua data file of 100,000 records and iterates them: compiling a big
-- chunk, running it, and walking the records with ipairs and pairs. The file is in the
-- "entry" style of Programming in Lua's data files (`R{ ... }` per record).
local parts = {}
for i = 1, 100000 do
  parts[#parts + 1] = string.format(
    'R{ id = %d, key = "user%06d", group = "group-%d", enabled = %s, rotated_at = %d, tags = { "a%d", "b%d" } }\n',
    i, i, i % 97, tostring(i % 3 ~= 0), 1700000000 + i % 5000 * 37, i % 11, i % 13)
end
local src = table.concat(parts)

local state = {}
local chunk = assert(loadstring(src, "=state"))
setfenv(chunk, { R = function(r) state[#state + 1] = r end })
chunk()
local enabled, sum, fields, groups = 0, 0, 0, {}
for _, r in ipairs(state) do
  if r.enabled then enabled = enabled + 1 end
  sum = sum + (r.rotated_at - 1700000000) % 1000
  groups[r.group] = (groups[r.group] or 0) + 1
  for _ in pairs(r) do fields = fields + 1 end
end
local ngroups = 0
for _ in pairs(groups) do ngroups = ngroups + 1 end
print(#src, #state, enabled, sum, fields, ngroups)
