-- needs: distributed
-- A 4-process distributed deployment: info, top_locks, restart of every node.
local marker = require("restart_marker")
local T = {}

function T.test_info_shows_four_servers(t)
  t:eq(#admin:info().servers, 4)
end

function T.test_top_locks_answers(t)
  -- The server answers a JSON array (empty when no lock is held); each entry names the
  -- locked resource and the servers holding it.
  local raw = minio.connect{ endpoint = setup.endpoint, access_key = setup.access_key, secret_key = setup.secret_key, raw = true }
  t:ok(raw:top_locks():match("^%s*%[") ~= nil, "a JSON array")
  local locks = admin:top_locks()
  t:eq(type(locks), "table")
  for _, l in ipairs(locks) do
    t:eq(type(l.resource), "string")
    t:eq(type(l.serverlist), "table")
  end
end

function T.test_restart_restarts_every_node(t)
  marker.arm(admin)
  admin:service_restart()
  for _, node in ipairs(setup.nodes) do
    local c = minio.connect{ endpoint = node.endpoint, access_key = node.access_key, secret_key = node.secret_key }
    -- Peers get the signal from the node we called and restart on their own time.
    t:ok(marker.eventually(function() return marker.restarted(c) end), node.endpoint .. " runs a new process")
  end
  t:eq(#admin:info().servers, 4)
end

return T
