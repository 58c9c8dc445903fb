-- needs: update
-- update() against a local release mirror: nothing newer, bad answers, then a real
-- update after which the server runs the new binary and the client carries on.
local T = {}

function T.test_1_answers_that_change_nothing(t)
  local r = admin:update(setup.old_url)
  t:eq(r.currentVersion, r.updatedVersion, "no newer release")
  local err = t:raises(admin.update, admin, setup.unreachable_url)
  t:eq(err.code, 503)
  t:eq(err.api_code, "XMinioAdminUpdateURLNotReachable")
  err = t:raises(admin.update, admin, setup.bad_url)
  t:eq(err.code, 500)
  err = t:raises(admin.update, admin, setup.update_url .. ".missing")
  t:eq(err.code, 404)
end

function T.test_2_update_replaces_binary_and_restarts(t)
  admin:user_add("before-update", "password-123")
  local before = setup.binary_id()
  local r = admin:update(setup.update_url)
  t:eq(r.updatedVersion, "2099-01-01T00-00-00Z")
  t:ok(setup.binary_id() ~= before, "the binary was replaced")
  t:eq(admin:user_info("before-update").status, "enabled", "the client works after the restart")
end

return T
