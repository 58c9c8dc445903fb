-- A caught error value rethrown unchanged.
local original = {name = "orig"}
local ok, e = pcall(function()
  local ok2, e2 = pcall(error, original)
  error(e2)
end)
print(ok, e == original, e.name)
local ok3, e3 = pcall(function()
  local _, m = pcall(error, "text", 0)
  error(m, 0)
end)
print(ok3, e3)
