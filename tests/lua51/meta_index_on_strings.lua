-- Strings index the string table through their metatable.
local s = "hello"
print(s:upper(), s:len(), s:sub(2, 3), ("%d-%d"):format(1, 2))
print(#s, s:rep(2, nil), ("x"):byte())
string.shout = function(str) return str:upper() .. "!" end
print(s:shout())
string.shout = nil
print(pcall(function() return s:shout() end) == false)
