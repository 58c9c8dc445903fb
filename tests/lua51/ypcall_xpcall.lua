-- reference: lua5.2
-- xpcall's handler sees errors raised after a resume; yields inside xpcall.
local function handler(e) return "handled: " .. tostring(e) end
local co = coroutine.create(function()
  local ok, v = xpcall(function()
    local x = coroutine.yield("in xpcall")
    return x + 1
  end, handler)
  print("first:", ok, v)
  ok, v = xpcall(function()
    coroutine.yield("again")
    error("late", 0)
  end, handler)
  print("second:", ok, v)
  ok, v = xpcall(function()
    coroutine.yield("third")
    local t = nil
    return t.field
  end, function(e) return type(e) end)
  print("third:", ok, v)
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 41))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
