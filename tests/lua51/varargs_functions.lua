-- ... in functions: count, pass-through, nils, tables.
local function count(...) return select("#", ...) end
print(count(), count(nil), count(1, nil), count(nil, nil, nil))
local function pass(...) return ... end
print(pass(1, 2, 3))
print((pass(1, 2, 3)))
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s
end
print(sum(1, 2, nil, 4))
local function first(a, ...) return a, select("#", ...) end
print(first(9, 8, 7))
print(pcall(function(...) local a, b = ...; return b, a end, "x", "y"))
