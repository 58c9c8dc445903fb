-- needs: fresh-server
-- Restart and stop: this file gets its own server.
local T = {}

function T.test_1_restart_keeps_working(t)
  local u = t:unique("survivor")
  admin:user_add(u, "survivor-secret")
  -- A restored config entry is stored at once but runs only in a new process: it
  -- shows that the restart really happened.
  admin:config_set("api", { stale_uploads_expiry = "26h" })
  local id
  for _, e in ipairs(admin:config_history()) do
    if e.data:find("26h", 1, true) then id = e.restoreId end
  end
  admin:config_set("api", { stale_uploads_expiry = "28h" })
  admin:config_restore(id)
  t:ok(admin:config_get("api"):find("stale_uploads_expiry=28h", 1, true) ~= nil, "old process")
  -- service_restart returns once the new process serves admin calls.
  t:eq(admin:service_restart(), "")
  t:ok(admin:config_get("api"):find("stale_uploads_expiry=26h", 1, true) ~= nil, "a new process answers")
  t:eq(admin:user_info(u).status, "enabled", "the same client keeps working")
end

function T.test_2_stop(t)
  t:eq(admin:service_stop(), "")
  local deadline = os.time() + 30
  local ok, err
  repeat
    ok, err = pcall(function()
      return minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key, secret_key = setup.secret_key, timeout = 2 }:info()
    end)
  until not ok or os.time() > deadline
  t:eq(ok, false, "server gone after service_stop")
  t:eq(err.code, 0, "no response came")
end

return T
