-- Local variables are in scope from after their declaration to the end of their
-- block, including a call that ends it; the hidden variables of for loops from the
-- loop's start to its end. debug.getlocal and error messages use these ranges.
local function names(level)
  local out, i = {}, 1
  while true do
    local n, v = debug.getlocal(level + 1, i)
    if not n then break end
    out[#out + 1] = n .. (type(v) == "number" and "=" .. v or "")
    i = i + 1
  end
  print(table.concat(out, " "))
end
local a = 1
do local b = 2; names(1) end
for i = 1, 1 do local c = 3; names(1) end
for k, v in pairs({x = 1}) do names(1) end
local function f(p, q) local r = p; names(1); return r end
f(7, 8)
for i = 1, 2 do end
local x = 5 names(1)
do
  for i = 1, 3 do local y = i end
end
print(pcall(function() local t = {} return t.nope.x end))
print(pcall(function() for i = 1, 2 do end local z; return z.x end))
