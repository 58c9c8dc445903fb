-- reference: lua5.2
-- An error outside any pcall after the resume kills the coroutine.
local co = coroutine.create(function()
  pcall(function() coroutine.yield("first") end)
  coroutine.yield("second")
  error("unprotected", 0)
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co), coroutine.resume(co))
