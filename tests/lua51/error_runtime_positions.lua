-- Runtime errors carry the position of the line that raised them.
local function pos(f)
  local ok, e = pcall(f)
  return ok, (string.match(e, "^([^:]+:%d+):"))
end
print(pos(function() local x = nil; return x + 1 end))
print(pos(function() local t = nil; return t.field end))
print(pos(function() return #nil end))
print(pos(function() local f; f() end))
print(pos(function() return {} < {} end))
print(pos(function() return "a" < 1 end))
print(pos(function() return ("x"):bad() end))
