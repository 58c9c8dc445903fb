-- needs: distributed
-- A 4-process distributed deployment: info, top_locks, restart of every node.
local T = {}

function T.test_info_shows_four_servers(t)
  t:eq(#admin:info().servers, 4)
end

function T.test_top_locks_answers(t)
  local locks = admin:top_locks()
  t:ok(locks == nil or type(locks) == "table", "a list (nil when no lock is held)")
end

function T.test_restart_restarts_every_node(t)
  admin:config_set("api", { stale_uploads_expiry = "26h" })
  local id
  for _, e in ipairs(admin:config_history()) do
    if e.data:find("26h", 1, true) then id = e.restoreId end
  end
  admin:config_set("api", { stale_uploads_expiry = "28h" })
  admin:config_restore(id)
  admin:service_restart()
  for _, node in ipairs(setup.nodes) do
    local c = minio.connect{ endpoint = node.endpoint, access_key = node.access_key, secret_key = node.secret_key }
    -- Peers get the signal from the node we called and restart on their own time.
    local restarted
    local deadline = os.time() + 60
    repeat
      local ok, v = pcall(c.config_get, c, "api")
      restarted = ok and v:find("stale_uploads_expiry=26h", 1, true) ~= nil
      if not restarted then require("time").sleep(0.2) end
    until restarted or os.time() > deadline
    t:ok(restarted, node.endpoint .. " runs a new process")
  end
  t:eq(#admin:info().servers, 4)
end

return T
