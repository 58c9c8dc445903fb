-- Generic for with explicit iterator triples (upstream left the control value stale).
local n = 0
for k, v in next, {10, 20, 30} do n = n + v end
print(n)
for k in next, {a = 1} do print(k) end
local t = {}
for i, v in ipairs({"x", "y"}) do t[#t + 1] = i .. v end
print(table.concat(t))
for k, v in pairs({}) do print("never") end
local function gen() return function(s, c) if c < s then return c + 1 end end, 3, 0 end
for i in gen() do io.write(i, " ") end
print()
