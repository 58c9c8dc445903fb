-- sealed_reads.lua USER WORKERS N: N list_service_account calls (answers sealed with
-- Argon2id) through minio.parallel; prints the seconds taken.
local user, workers, n = arg[1], tonumber(arg[2]), tonumber(arg[3])
local time = require("time")
local items = {}
for i = 1, n do items[i] = i end
local t0 = time.now()
local _, failed = minio.parallel(items, function() return #admin:list_service_account(user).accounts end, { workers = workers })
if #failed > 0 then error(failed[1].error) end
print(time.now() - t0)
