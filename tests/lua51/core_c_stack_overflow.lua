-- Go-level calls into Lua nest at most 200 deep: Lua 5.1's "C stack overflow".
local function msg(ok, e) return ok, (string.gsub(tostring(e), "^.-:%d+: ", "")) end
local function meta(i) local t = setmetatable({}, {__index = function(t, k) return meta(i + 1) end}); return t.x end
print(msg(pcall(meta, 1)))
local function p(i) return select(2, pcall(p, i + 1)) end
print(p(1))
local function g(i) return (string.gsub("a", "a", function() return g(i + 1) end)) end
print(msg(pcall(g, 1)))
local function ts(i) return tostring(setmetatable({}, {__tostring = function() return ts(i + 1) end})) end
print(msg(pcall(ts, 1)))
local function cc(i) local o = setmetatable({}, {__concat = function(a, b) return cc(i + 1) end}); return o .. "x" end
print(msg(pcall(cc, 1)))
local mt = {} mt.__eq = function(a, b) return a == setmetatable({}, mt) end
print(msg(pcall(function() return setmetatable({}, mt) == setmetatable({}, mt) end)))
local function so(i) table.sort({3, 2, 1}, function(a, b) so(i + 1) return a < b end) end
print(msg(pcall(so, 1)))
local function xp(i) return select(2, xpcall(function() return xp(i + 1) end, function(m) return m end)) end
print(xp(1))
local function ni(i) local o = setmetatable({}, {__newindex = function(t, k, v) ni(i + 1) end}); o.x = 1 end
print(msg(pcall(ni, 1)))
local function ad(i) local o = setmetatable({}, {__add = function(a, b) return ad(i + 1) end}); return o + 1 end
print(msg(pcall(ad, 1)))
local function co(i) local c = coroutine.create(co); local ok, e = coroutine.resume(c, i + 1); return e end
print(msg(pcall(co, 1)))
-- after all that, calls nest again
print(pcall(pcall, pcall, error, "e"))
