-- needs: kes
-- KMS backed by a real KES server: keys are created and usable.
local T = {}

function T.test_create_and_status(t)
  t:ok(admin:kms_key_status("lua-new-key")["encryption-error"] ~= nil, "unknown key reports its error")
  t:eq(admin:kms_key_create("lua-new-key"), "")
  local st = admin:kms_key_status("lua-new-key")
  t:eq(st["key-id"], "lua-new-key")
  t:eq(st["encryption-error"], nil)
  t:eq(st["decryption-error"], nil)
  t:eq(admin:kms_key_status()["key-id"], setup.default_key)
  local err = t:raises(admin.kms_key_create, admin, "lua-new-key")
  t:eq(err.code, 500)
end

return T
