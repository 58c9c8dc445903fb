-- reference: lua5.2
-- Error objects (tables) raised after a resume keep their identity.
local E = {code = 503}
local co = coroutine.wrap(function()
  local ok, e = pcall(function() coroutine.yield("y"); error(E) end)
  return ok, e == E, e.code
end)
print(co())
print(co())
