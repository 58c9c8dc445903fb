-- onboard.lua MODE WORKERS N PREFIX: user_add + group_add for N users (groups PREFIX g0..g9
-- exist with a policy); prints the seconds taken. MODE: sequential or parallel.
local mode, workers, n, prefix = arg[1], tonumber(arg[2]), tonumber(arg[3]), arg[4]
local time = require("time")
local function onboard(i)
  local user = prefix .. i
  admin:user_add(user, "bench-secret-1")
  admin:group_add(prefix .. "g" .. (i % 10), { user })
end
local t0 = time.now()
if mode == "parallel" then
  local items = {}
  for i = 1, n do items[i] = i end
  local _, failed = minio.parallel(items, onboard, { workers = workers })
  if #failed > 0 then error(failed[1].error) end
else
  for i = 1, n do onboard(i) end
end
print(time.now() - t0)
