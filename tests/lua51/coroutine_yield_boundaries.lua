-- Yields that Lua 5.1 forbids: across metamethods, sort comparators, gsub callbacks.
local function try(name, f)
  local co = coroutine.create(f)
  local ok, err = coroutine.resume(co)
  print(name, ok, err)
end
try("metamethod", function()
  local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
  return t.x
end)
try("sort", function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) coroutine.yield() return a < b end)
end)
try("gsub", function()
  return (string.gsub("abc", "%w", function(c) coroutine.yield(c) end))
end)
try("tostring", function()
  return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return "x" end}))
end)
