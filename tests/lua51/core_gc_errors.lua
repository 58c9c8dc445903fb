-- An error in a __gc propagates out of collectgarbage; the other finalizers run at the
-- next collection. At the end of the program every pending __gc runs, errors ignored,
-- reachable or not, most recently created first.
local order = {}
do
  local a = newproxy(true)
  getmetatable(a).__gc = function() order[#order + 1] = "a" end
  local b = newproxy(true)
  getmetatable(b).__gc = function() order[#order + 1] = "b"; error("in b") end
  local c = newproxy(true)
  getmetatable(c).__gc = function() order[#order + 1] = "c" end
end
print(pcall(collectgarbage))
print(table.concat(order, " "))
print(pcall(collectgarbage))
print(table.concat(order, " "))
local e = newproxy(true)
getmetatable(e).__gc = function() error({}) end
e = nil
local ok, err = pcall(collectgarbage)
print(ok, type(err))
Glob = {}
for i = 1, 3 do
  local p = newproxy(true)
  getmetatable(p).__gc = function(o) print("at close", i); if i == 2 then error("x") end end
  Glob[i] = p
end
local q = newproxy(true)
getmetatable(q).__gc = function(o) print("close, unreachable too"); newproxy(o) end
q = nil
print("end")
