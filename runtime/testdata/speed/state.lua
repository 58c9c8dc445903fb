-- Loads a generated Lua data file of 100,000 records (`return { {...}, ... }`, the
-- classic Lua way to keep state) and iterates it: compiling a big constructor, building
-- its tables, and walking them with pairs and ipairs.
local parts = { "return {\n" }
for i = 1, 100000 do
  parts[#parts + 1] = string.format(
    '{ id = %d, key = "user%06d", group = "group-%d", enabled = %s, rotated_at = %d, tags = { "a%d", "b%d" } },\n',
    i, i, i % 97, tostring(i % 3 ~= 0), 1700000000 + i % 5000 * 37, i % 11, i % 13)
end
parts[#parts + 1] = "}\n"
local src = table.concat(parts)

local state = assert(loadstring(src, "=state"))()
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
