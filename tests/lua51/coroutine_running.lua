-- coroutine.running inside and outside.
print(coroutine.running())
local co
co = coroutine.create(function()
  print(coroutine.running() == co)
  local inner = coroutine.create(function()
    print(coroutine.running() == co, coroutine.status(co))
  end)
  coroutine.resume(inner)
  print(coroutine.status(inner))
end)
coroutine.resume(co)
print(coroutine.status(co))
