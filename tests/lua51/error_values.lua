-- nil, boolean, number error values.
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, false))
print(pcall(error, true))
print(pcall(error, 42))
print(pcall(error, 42, 0))
print(pcall(function() error(3.5) end))
print(select("#", pcall(error)))
