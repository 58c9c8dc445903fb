-- The secrets module, without a server.
local secrets = require("secrets")
local T = {}

function T.test_generators(t)
  t:eq(#secrets.password(), 24)
  t:eq(#secrets.password(8), 8)
  t:eq(#secrets.access_key(), 20)
  t:ok(secrets.access_key():match("^[A-Z0-9]+$") ~= nil, "access keys are upper case and digits")
  t:eq(#secrets.secret_key(), 40)
  t:ok(secrets.password() ~= secrets.password(), "random")
end

function T.test_read_and_mask(t)
  local path = t:tempdir() .. "/secret.txt"
  local f = assert(io.open(path, "w"))
  f:write("  from-a-file\n")
  f:close()
  t:eq(secrets.read(path), "from-a-file")
  t:eq(secrets.mask("supersecret"), "su********", "two characters, at most eight stars")
end

return T
