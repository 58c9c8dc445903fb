-- Metamethods that are not functions are called (and fail) as in Lua 5.1; errors inside
-- metamethods name their own variables.
local function try(code)
  local f, e = loadstring(code, "=t")
  if not f then print("COMPILE", e) return end
  print(select(2, pcall(f)))
end
try "local t = setmetatable({}, {__metatable = 1}) setmetatable(t, {})"
try "local t = {} setmetatable(t, {__index = t}) return t.x"
try "local t = {} setmetatable(t, {__newindex = t}) t.x = 1"
try "local t = setmetatable({}, {__add = 5}) return t + 1"
try "local t = setmetatable({}, {__unm = 5}) return -t"
try "local t = setmetatable({}, {__len = 5}) return #t"
try "local t = setmetatable({}, {__concat = 5}) return t .. 'x'"
try "local t = setmetatable({}, {__call = 5}) return t()"
try "local t = setmetatable({}, {__index = function(t, k) return k.x end}) return t.y"
try "local t = setmetatable({}, {__newindex = function(t, k, v) return v.x end}) t.y = 1"
try "local t = setmetatable({}, {__eq = function() error('eqerr') end}) return t == setmetatable({}, getmetatable(t))"
try "local t = setmetatable({}, {__lt = 5}) return t < t"
try "local t = setmetatable({}, {__le = 5}) return t <= t"
try "return ('x'):rep(2).y.z"
try "return ('x').len.z"
try "local s = 'x' s.y = 1"
try "local t = setmetatable({}, {__tostring = function() return 1 end}) return tostring(t)"
