-- The json module and the other stdlib modules scripts use.
local json = require("json")
local T = {}

function T.test_json_round_trip(t)
  t:ok(require("minio").json == json, "minio.json is the json module")
  t:eq(json.encode({ b = 1, a = { 1, 2, 3 } }), '{"a":[1,2,3],"b":1}')
  t:eq(json.encode(json.decode('{"x":{},"y":[]}')), '{"x":{},"y":[]}', "empty object and array stay apart")
  t:eq(json.encode(json.array()), "[]")
  t:eq(json.encode({}), "{}")
  t:eq(json.decode("[1, 2.5, null, true]")[3], json.null)
  t:eq(json.encode(json.decode("[1,null]")), "[1,null]")
  t:eq(tostring(json.decode('{"n": 12345678901}').n), "12345678901", "integers stay integers")
  t:eq(json.pretty({ b = { 1 }, a = "x" }), '{\n  "a": "x",\n  "b": [\n    1\n  ]\n}')
  local v, err = json.decode("{bad")
  t:eq(v, nil)
  t:ok(err:find("json decode") ~= nil, err)
end

function T.test_csv(t)
  local csv = require("csv")
  local path = t:tempdir() .. "/users.csv"
  csv.write(path, { { user = "ann", group = "devs" }, { user = "ben", group = "ops" } })
  local rows = csv.read(path)
  t:eq(#rows, 2)
  t:eq(rows[2].user, "ben")
  t:eq(rows[1].group, "devs")
  t:eq(csv.parse("a;b\n1;2", { sep = ";" })[1].b, "2")
end

function T.test_time_env_secrets_log(t)
  local time = require("time")
  t:eq(time.parse("2030-01-02T03:04:05Z"), 1893553445)
  t:eq(time.format(1893553445), "2030-01-02T03:04:05Z")
  t:eq(time.parse_duration("30d"), 2592000)
  t:eq(time.parse_duration("90m"), 5400)
  local env = require("env")
  t:eq(env.get("MINIOSCRIPT_SURELY_UNSET", "dflt"), "dflt")
  local err = t:raises(env.require, "MINIOSCRIPT_SURELY_UNSET")
  t:ok(tostring(err):find("MINIOSCRIPT_SURELY_UNSET is not set") ~= nil)
  env.set("MINIOSCRIPT_TEST_VALUE", "v1")
  t:eq(env.require("MINIOSCRIPT_TEST_VALUE"), "v1")
  local secrets = require("secrets")
  t:eq(#secrets.password(), 24)
  t:eq(#secrets.password(8), 8)
  t:eq(#secrets.access_key(), 20)
  t:eq(#secrets.secret_key(), 40)
  local path = t:tempdir() .. "/secret.txt"
  local f = assert(io.open(path, "w"))
  f:write("  from-a-file\n")
  f:close()
  t:eq(secrets.read(path), "from-a-file")
  t:ok(secrets.password() ~= secrets.password(), "random")
  t:eq(secrets.mask("supersecret"), "su********", "two characters, at most eight stars")
  require("log").debug("not shown at the default level")
end

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
