-- Captured locals stay shared after errors caught by pcall (upstream #448).
local u
local function f() local ok, e = pcall(error, "x", 0); u = e end
f()
print(u)
local function g()
  local v = 1
  local set = function(x) v = x end
  pcall(function() set(2); error("e") end)
  set(v + 1)
  return v
end
print(g())
local function h()
  local acc = {}
  local total = 0
  for i = 1, 5 do
    local ok = pcall(function() total = total + i; if i % 2 == 0 then error("even") end end)
    acc[#acc + 1] = tostring(ok)
  end
  return total, table.concat(acc, " ")
end
print(h())
