-- ipairs stops at the first nil; pairs visits everything (sorted here).
local t = {"a", "b", nil, "d", x = 1, y = 2}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end
print()
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
local n = 0
for k, v in next, {10, 20, 30} do n = n + v end
print(n)
print(next({}), type(next), rawequal(next, pairs({})))
local k, v = next({"only"})
print(k, v)
