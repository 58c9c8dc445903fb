-- Number keys: 1 and 1.0 are the same key; string "1" is not.
local t = {}
t[1] = "int"
t[1.0] = "float"
t["1"] = "string"
print(t[1], t["1"], #t)
t[2^53] = "big"
print(t[2^53])
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(n)
