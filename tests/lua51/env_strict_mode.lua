-- A strict-mode metatable on _G catches misspelled globals.
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v) declared[k] = true; rawset(t, k, v) end,
  __index = function(t, k) if not declared[k] then error("undeclared global " .. k, 2) end end,
})
ok_global = 5
print(ok_global)
print(pcall(function() return misspeled end))
setmetatable(_G, nil)
print(still_nil)
