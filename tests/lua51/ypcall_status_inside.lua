-- reference: lua5.2
-- coroutine.status and running while suspended inside pcall.
local co
co = coroutine.create(function()
  pcall(function()
    print(coroutine.status(co), coroutine.running() == co)
    coroutine.yield()
    print(coroutine.status(co))
  end)
end)
coroutine.resume(co)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
