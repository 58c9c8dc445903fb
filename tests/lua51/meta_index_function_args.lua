-- __index and __newindex functions receive the original table and key.
local seen = {}
local base = {}
local t = setmetatable(base, {
  __index = function(tbl, k) seen[#seen + 1] = tostring(tbl == base) .. ":" .. tostring(k); return nil end,
  __newindex = function(tbl, k, v) seen[#seen + 1] = "set " .. tostring(k) .. "=" .. tostring(v); rawset(tbl, k, v) end,
})
local _ = t.a, t[1], t[true]
t.b = 2
t.b = 3
print(table.concat(seen, " "))
