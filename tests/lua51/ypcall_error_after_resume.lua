-- reference: lua5.2
-- An error raised after the resume is caught by the pcall the coroutine yielded in.
local co = coroutine.create(function()
  local ok, err = pcall(function()
    local v = coroutine.yield("waiting")
    error("failed with " .. tostring(v), 0)
  end)
  print("caught:", ok, err)
  local ok2, err2 = pcall(function()
    coroutine.yield("again")
    error({code = 42})
  end)
  print("caught table:", ok2, type(err2), err2.code)
  return "done"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "x"))
print(coroutine.resume(co))
print(coroutine.status(co))
