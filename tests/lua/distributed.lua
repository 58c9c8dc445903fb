-- needs: distributed
-- A 4-process distributed deployment: info, top_locks, restart of every node.
local marker = require("restart_marker")
local T = {}

function T.test_info_shows_four_servers(t)
  t:eq(#admin:info().servers, 4)
end

function T.test_top_locks_answers(t)
  local locks = admin:top_locks()
  t:ok(locks == nil or type(locks) == "table", "a list (nil when no lock is held)")
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
