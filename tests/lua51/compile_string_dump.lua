-- string.dump writes a binary chunk that load, loadstring and loadfile read back.
local function sum(n)
  local s = 0
  for i = 1, n do
    if i % 2 == 0 then s = s + i else s = s - 1 end
  end
  local t = {n, "x", 1.5, true, {nested = function(a) return a * 2 end}}
  return s, #t, t[5].nested(21)
end
local d = string.dump(sum)
print(type(d), d:sub(1, 4) == "\27Lua")
local f = assert(loadstring(d))
print(f(10))
print(f(7))

-- a dumped function's upvalues are nil when loaded again
local up = 5
local function useup() return up end
local g = assert(loadstring(string.dump(useup)))
print(useup(), g())

-- nested functions, varargs and many constants survive the round trip
local src = {"return function(...) local t = {...} local k = {"}
for i = 1, 300 do src[#src + 1] = "'k" .. i .. "', " end
src[#src + 1] = "} return select('#', ...), #k, k[300], t[1] end"
local h = assert(loadstring(table.concat(src)))()
local h2 = assert(loadstring(string.dump(h)))
print(h(1, 2, 3))
print(h2(1, 2, 3))

-- load with a reader function, piece by piece
local i = 0
local l = assert(load(function() i = i + 1; return d:sub(i, i) end))
print((l(4)))

-- errors: a Go (C) function, a non-function, a truncated chunk, a corrupt one
print(pcall(string.dump, print))
print(pcall(string.dump, 1))
print(loadstring(d:sub(1, #d - 10)) == nil)
print(loadstring(d:sub(1, 3) .. "X" .. d:sub(5)) == nil)
print(loadstring("\27"))
