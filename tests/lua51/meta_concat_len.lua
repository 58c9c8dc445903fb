-- __concat on either side (gopher-lua honours __len on tables, see DIFFERENCES.md).
local mt = {__concat = function(a, b)
  local av = type(a) == "table" and "[" .. a.s .. "]" or a
  local bv = type(b) == "table" and "[" .. b.s .. "]" or b
  return av .. bv
end}
local x = setmetatable({s = "x"}, mt)
print(x .. "y", "w" .. x, x .. x, 1 .. x)
print("a" .. "b" .. x .. "c")
print(#setmetatable({1, 2, 3}, {}))
