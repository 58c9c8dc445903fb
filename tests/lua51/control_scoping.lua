-- Locals shadow outer locals and globals; blocks end their scope.
x = "global"
local x = "outer"
do
  local x = "inner"
  print(x)
end
print(x)
local function f()
  local x = x .. " captured"
  return x
end
print(f())
if true then local x = "if" print(x) end
print(x, _G.x)
