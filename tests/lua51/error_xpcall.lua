-- xpcall handlers see the error value; their result is returned.
print(xpcall(function() return "fine", 2 end, print))
print(xpcall(function() error("bad") end, function(e) return "handled: " .. e end))
print(xpcall(function() error({1, 2, 3}) end, function(e) return #e end))
print(xpcall(function() local x = nil; return x.y end, function(e) return type(e) end))
print(xpcall(function() error() end, function(e) return tostring(e) end))
local calls = 0
print(xpcall(function() error("once") end, function(e) calls = calls + 1; return calls end))
print(pcall(xpcall))
print(pcall(xpcall, print))
