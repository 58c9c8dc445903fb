-- Sorting a larger array with a deterministic pseudo-random generator.
local seed = 12345
local function rand() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 1000 do t[i] = rand() % 10000 end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[500], t[1000])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[1000])
