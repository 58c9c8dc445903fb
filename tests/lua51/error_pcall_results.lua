-- pcall returns every result of the function, and passes arguments.
print(pcall(function(...) return ... end, 1, nil, 3))
print(select("#", pcall(function() end)))
print(pcall(select, 2, "a", "b", "c"))
print(pcall(math.max, 3, 9, 2))
print(pcall(string.rep, "ab", 3))
print(pcall(pcall, error, "x"))
print(pcall(nil))
print(pcall(42))
