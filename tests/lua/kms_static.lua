-- needs: kms-static
-- KMS with a static key: status works, creating keys is refused by the server.
local T = {}

function T.test_status(t)
  local st = admin:kms_key_status(setup.key)
  t:eq(st["key-id"], setup.key)
  t:eq(st["encryption-error"], nil)
  t:eq(st["decryption-error"], nil)
  t:eq(admin:kms_key_status()["key-id"], setup.key, "default key")
  t:ok(admin:kms_key_status("no-such-key")["encryption-error"] ~= nil, "unknown key reports its error")
end

function T.test_create_is_refused(t)
  local err = t:raises(admin.kms_key_create, admin, "new-key")
  t:eq(err.code, 500)
  t:ok(err.message:find("not supported") ~= nil, err.message)
end

return T
