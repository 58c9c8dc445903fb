-- A comparator that errors, and values that cannot be compared.
local t = {3, 1, 2}
local ok, e = pcall(table.sort, t, function(a, b) error("cmp failed", 0) end)
print(ok, e)
print(pcall(table.sort, {1, "x", 2}) == false)
local ok2, e2 = pcall(table.sort, {{}, {}})
print(ok2)
local ok3, e3 = pcall(table.sort, {3, 2, 1}, function(a, b) if a == 1 or b == 1 then error({code = 9}) end return a < b end)
print(ok3, type(e3), e3.code)
local calls = 0
table.sort({4, 3, 2, 1}, function(a, b) calls = calls + 1; return a < b end)
print(calls > 0)
