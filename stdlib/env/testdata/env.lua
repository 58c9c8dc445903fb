-- The env module, without a server.
local env = require("env")
local T = {}

function T.test_get_require_set(t)
  t:eq(env.get("MINIOSCRIPT_SURELY_UNSET", "dflt"), "dflt")
  t:eq(env.get("MINIOSCRIPT_SURELY_UNSET"), nil)
  local err = t:raises(env.require, "MINIOSCRIPT_SURELY_UNSET")
  t:ok(tostring(err):find("MINIOSCRIPT_SURELY_UNSET is not set") ~= nil, tostring(err))
  env.set("MINIOSCRIPT_TEST_VALUE", "v1")
  t:eq(env.require("MINIOSCRIPT_TEST_VALUE"), "v1")
end

return T
