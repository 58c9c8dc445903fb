-- Configuration: set in both forms, get, history, restore, reset.
local T = {}

function T.test_set_string_and_table_forms(t)
  admin:config_set("api", 'stale_uploads_expiry=25h cors_allow_origin="https://a.example, https://b.example"')
  local cfg = admin:config_get("api")
  t:ok(cfg:find("stale_uploads_expiry=25h", 1, true) ~= nil, cfg)
  t:ok(cfg:find('cors_allow_origin="https://a.example, https://b.example"', 1, true) ~= nil, cfg)
  admin:config_set("api", { stale_uploads_expiry = "26h" })
  t:ok(admin:config_get("api"):find("stale_uploads_expiry=26h", 1, true) ~= nil)
end

function T.test_history_restore_reset(t)
  admin:config_set("api", { stale_uploads_expiry = "29h" })
  local entry
  for _, e in ipairs(admin:config_history()) do
    if e.data:find("stale_uploads_expiry=29h", 1, true) then entry = e end
  end
  t:ok(entry ~= nil, "config_history lists the change")
  t:eq(type(entry.restoreId), "string")
  admin:config_restore(entry.restoreId)
  for _, e in ipairs(admin:config_history() or {}) do
    t:ok(e.restoreId ~= entry.restoreId, "a restored entry leaves the history")
  end
  admin:config_reset("api")
  t:ok(not admin:config_get("api"):find("stale_uploads_expiry=29h", 1, true), "reset")
  local err = t:raises(admin.config_restore, admin, "00000000-0000-0000-0000-000000000000")
  t:eq(err.code, 404)
  err = t:raises(admin.config_get, admin, "nosuchsubsys")
  t:eq(err.code, 400)
  t:eq(err.api_code, "XMinioConfigError")
end

return T
