-- A way to tell a restarted server from the old process: a restored config entry is
-- stored at once but runs only in a new process.
local M = {}

-- arm(client): stores 26h for api stale_uploads_expiry while 28h keeps running.
function M.arm(c)
  c:config_set("api", { stale_uploads_expiry = "26h" })
  local id
  for _, e in ipairs(c:config_history()) do
    if e.data:find("26h", 1, true) then id = e.restoreId end
  end
  c:config_set("api", { stale_uploads_expiry = "28h" })
  c:config_restore(id)
end

-- restarted(client): whether the process answering runs the stored config.
function M.restarted(c)
  local ok, cfg = pcall(c.config_get, c, "api")
  return ok and cfg:find("stale_uploads_expiry=26h", 1, true) ~= nil
end

-- eventually(fn[, seconds]): polls fn until it returns true; false after the deadline.
function M.eventually(fn, seconds)
  local deadline = os.time() + (seconds or 60)
  repeat
    if fn() then return true end
    require("time").sleep(0.2)
  until os.time() > deadline
  return false
end

return M
