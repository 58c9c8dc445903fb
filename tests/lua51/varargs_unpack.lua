-- unpack with ranges and holes.
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 2))
print(unpack({"a", nil, "c"}, 1, 3))
print(select("#", unpack({}, 1, 5)))
print(unpack({n = 2, "x", "y"}))
local t = {}
for i = 1, 100 do t[i] = i end
print(select("#", unpack(t)), (select(100, unpack(t))))
print(pcall(unpack))
