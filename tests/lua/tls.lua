-- needs: tls
-- A server with a self-signed certificate.
local T = {}

local function connect(extra)
  local opts = { endpoint = setup.endpoint, access_key = setup.access_key, secret_key = setup.secret_key }
  for k, v in pairs(extra) do opts[k] = v end
  return minio.connect(opts)
end

function T.test_ca_file_and_no_check_work(t)
  t:eq(admin:info().mode, "online") -- admin trusts the CA through ca_file
  t:eq(connect{ cert_check = false }:info().mode, "online")
  local hostport = setup.endpoint:gsub("^https://", "")
  t:eq(connect{ endpoint = hostport, ca_file = setup.ca_file }:info().mode, "online", "host:port is HTTPS by default")
end

function T.test_wrong_ca_fails_clearly(t)
  for _, opts in ipairs({ { ca_file = setup.wrong_ca_file }, {} }) do
    local err = t:raises(function() return connect(opts):user_list() end)
    t:eq(err.code, 0)
    t:eq(err.kind, "network")
    t:ok(err.message:find("certificate") ~= nil, err.message)
  end
end

return T
