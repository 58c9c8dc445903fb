-- load with a reader function returning pieces.
local parts = {"return ", "10 ", "* ", "4"}
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
local g, err = load(function() return nil end)
print(type(g))
print(pcall(load))
