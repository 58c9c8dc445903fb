-- needs: fresh-server
-- Restart and stop: this file gets its own server.
local marker = require("restart_marker")
local T = {}

function T.test_1_restart_keeps_working(t)
  local u = t:unique("survivor")
  admin:user_add(u, "survivor-secret")
  marker.arm(admin)
  t:ok(not marker.restarted(admin), "old process")
  -- service_restart returns once the new process serves admin calls.
  t:eq(admin:service_restart(), "")
  t:ok(marker.restarted(admin), "a new process answers")
  t:eq(admin:user_info(u).status, "enabled", "the same client keeps working")
end

function T.test_2_stop(t)
  t:eq(admin:service_stop(), "")
  local probe = minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key, secret_key = setup.secret_key, timeout = 2 }
  local err
  t:ok(marker.eventually(function()
    local ok, e = pcall(probe.info, probe)
    err = e
    return not ok
  end, 30), "server gone after service_stop")
  t:ok(minio.is_error(err), tostring(err))
  t:eq(err.code, 0, "no response came")
end

return T
