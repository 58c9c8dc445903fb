-- "bad argument" names the function as its caller got it; a method call does not
-- count self; a Go caller (pcall) leaves the name '?'.
local function try(code)
  local f = assert(loadstring(code, "=t"))
  print(select(2, pcall(f)))
end
try "string.rep()"
try "string.rep('x')"
try "string.rep('x', 'y')"
try "local s = 'x'; s:rep()"
try "local s = 'x'; s:rep('y')"
try "('x'):rep({})"
try "return ('x'):sub({})"
try "return ('x'):byte('a')"
try "local f = string.rep; f()"
try "local t = {f = string.rep}; t.f()"
try "local t = {f = string.rep}; t:f()"
try "local r = string.rep; return (function() return r() end)()"
try "return string.sub()"
try "return string.byte('x', {})"
try "return math.floor('a')"
try "return math.floor()"
try "return tostring()"
try "return tonumber()"
try "return ipairs()"
try "return select('x')"
try "return unpack(nil)"
try "return table.insert(nil, 1)"
try "return table.concat({{}})"
try "return table.sort(nil)"
try "return string.upper({})"
try "return string.len()"
try "return string.char('x')"
try "return io.write({})"
try "return string.rep()"
try "local t = setmetatable({}, {__index = function(t, k) return string.rep() end}) return t.x"
try "return string.format('%d', 'x')"
try "return string.format('%y', 1)"
try "return string.format('%d')"
try "return string.format('%', 1)"
try "return string.format('%10')"
try "return string.format('%-------5d', 1)"
try "return string.format('%123d', 1)"
try "return ('%d'):format('x')"
print(pcall(string.rep))
print(pcall(string.format, '%d', {}))
print(pcall(function() io.stdout:write({}) end))
