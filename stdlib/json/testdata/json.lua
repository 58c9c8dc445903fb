-- The json module, without a server.
local json = require("json")
local T = {}

function T.test_round_trip(t)
  t:eq(json.encode({ b = 1, a = { 1, 2, 3 } }), '{"a":[1,2,3],"b":1}')
  t:eq(json.encode(json.decode('{"x":{},"y":[]}')), '{"x":{},"y":[]}', "empty object and array stay apart")
  t:eq(json.encode(json.array()), "[]")
  t:eq(json.encode(json.object()), "{}")
  t:eq(json.encode({}), "{}")
  t:eq(json.decode("[1, 2.5, null, true]")[3], json.null)
  t:eq(json.encode(json.decode("[1,null]")), "[1,null]")
  t:eq(tostring(json.decode('{"n": 12345678901}').n), "12345678901", "integers stay integers")
  t:eq(json.decode('"\\u00e9\\n"'), "é\n")
  t:eq(json.pretty({ b = { 1 }, a = "x" }), '{\n  "a": "x",\n  "b": [\n    1\n  ]\n}')
end

function T.test_errors(t)
  local v, err = json.decode("{bad")
  t:eq(v, nil)
  t:ok(err:find("json decode") ~= nil, err)
  t:ok(not pcall(json.encode, { f = print }), "functions cannot be encoded")
  local cyclic = {}
  cyclic.self = cyclic
  t:ok(not pcall(json.encode, cyclic), "cycles are refused")
end

function T.test_minio_json_is_the_module(t)
  t:ok(require("minio").json == json)
end

return T
