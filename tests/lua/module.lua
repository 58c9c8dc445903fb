-- The minio module: the default connection and the table constructors. (json, csv,
-- time, env and secrets are tested without a server in stdlib/*/testdata.)
local T = {}

function T.test_module_and_default_connection(t)
  t:ok(require("minio") == minio, "require returns the global module")
  local c = minio.connect()  -- the connection the program was given
  t:eq(c:endpoint(), setup.endpoint)
  t:eq(c:info().mode, "online")
  t:ok(tostring(c):find(setup.access_key, 1, true) and not tostring(c):find(setup.secret_key, 1, true),
    "tostring shows the access key, never the secret")
  local err = t:raises(minio.connect, 42)
  t:ok(tostring(err):find("bad argument #1 to 'connect'") ~= nil, tostring(err))
end

function T.test_constructors(t)
  local p = minio.PeerSite{ name = "a", endpoint = "http://127.0.0.1:9000", access_key = "k", secret_key = "s" }
  t:eq(p.name, "a")
  local err = t:raises(minio.PeerSite, { name = "a" })
  t:ok(tostring(err):find("endpoint") ~= nil, tostring(err))
  local o = minio.SiteReplicationStatusOptions{ users = true }
  t:eq(o.users, true)
  err = t:raises(minio.PeerInfo, { deployment_id = "d", bucket_bandwidth_limit = "lots" })
  t:ok(tostring(err):find("bucket_bandwidth_limit") ~= nil, tostring(err))
  err = t:raises(minio.connect, { endpoint = "x" })
  t:ok(tostring(err):find("access_key") ~= nil, tostring(err))
end

return T
