-- Comparisons between numbers, strings and mixed types.
print(1 < 2, 2 <= 2, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print(1 == 1.0, "1" == 1, 0 == -0, 1/0 == math.huge)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end) == false)
print(not nil, not 0, not "", nil == false)
print(1 and 2, nil and 2, false or "default", nil or false, 0 or 1)
