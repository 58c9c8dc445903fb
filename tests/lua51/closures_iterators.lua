-- Stateful and stateless iterators.
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = 0
for i in range(10) do s = s + i end
print(s)
local function iter(t, i) i = i + 1; if t[i] then return i, t[i] end end
for i, v in iter, {"x", "y", "z"}, 0 do io.write(i, v, " ") end
print()
local function chars(str) return function(_, i) i = i + 1; if i <= #str then return i, str:sub(i, i) end end, nil, 0 end
for i, c in chars("abc") do io.write(c:upper()) end
print()
