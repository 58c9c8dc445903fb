-- In Lua 5.1 a yield inside pcall is an error (minioscript follows Lua 5.2, which
-- allows it; see DIFFERENCES.md). Yields outside pcall behave the same in both.
local co = coroutine.create(function()
  local ok = pcall(function() return 1 end)
  coroutine.yield(ok)
  return "done"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
