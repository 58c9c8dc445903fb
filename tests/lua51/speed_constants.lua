-- A chunk with 150,000 distinct constants compiles (it took hours when the compiler
-- searched its constant list linearly), and constants still dedupe as in Lua 5.1.
local parts = { "local t = {}\n" }
for i = 1, 50000 do
  parts[#parts + 1] = string.format('t[%d] = "s%d"; t["k%d"] = %d.5\n', 100000 + i, i, i, i)
end
parts[#parts + 1] = "return t\n"
local t = assert(loadstring(table.concat(parts)))()
local n, sum = 0, 0
for k, v in pairs(t) do
  n = n + 1
  if type(v) == "number" then sum = sum + v end
end
print(n, sum, t[100001], t[150000], t.k7)

-- the same constant twice, 0 and -0, NaN
local f = assert(loadstring("local a, b, c, d = 'x', 'x', 0, -0; return a == b, 1/c, 1/d, 0/0 ~= 0/0"))
print(f())
print(string.format("%.1f", 2^53), 2^53 == 2^53 + 0)
