-- # and table.maxn on arrays with and without holes at the end.
local t = {1, 2, 3}
print(#t, table.maxn(t))
t[#t + 1] = 4
print(#t)
t[#t] = nil
print(#t)
local sparse = {}
sparse[1] = 1; sparse[2] = 2; sparse[10] = 10
print(table.maxn(sparse))
print(table.maxn({}), table.maxn({[1.5] = true, [3] = true}))
local s = {n = 0}
print(#s, #"", #"abc")
