-- assert called from Lua code gets the caller's position.
print(pcall(function() assert(false) end))
print(pcall(function() assert(nil, "with message") end))
print(pcall(function() assert(1 == 2, 99) end))
print(pcall(function() local t = {}; assert(t.missing, "missing field") end))
