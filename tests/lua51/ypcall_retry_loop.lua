-- reference: lua5.2
-- A retry loop written with pcall around a call that yields, as a minio.parallel
-- worker would: the scheduler resumes it with results or failures.
local function worker(name)
  return coroutine.create(function()
    local attempts = 0
    while true do
      attempts = attempts + 1
      local ok, res = pcall(function()
        local reply = coroutine.yield("call " .. name .. " #" .. attempts)
        if reply == "fail" then error("transient failure", 0) end
        return reply
      end)
      if ok then return name .. " got " .. res .. " after " .. attempts end
      if attempts == 3 then return name .. " gave up: " .. res end
    end
  end)
end
local replies = {a = {"fail", "ok"}, b = {"fail", "fail", "fail"}, c = {"ok"}}
for _, name in ipairs({"a", "b", "c"}) do
  local co = worker(name)
  local _, msg = coroutine.resume(co)
  local i = 0
  while coroutine.status(co) == "suspended" do
    print(msg)
    i = i + 1
    _, msg = coroutine.resume(co, replies[name][i])
  end
  print(msg)
end
