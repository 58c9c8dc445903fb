#!/usr/bin/env minioscript
-- Service accounts: create one for alice that expires in 30 days, list, update.
local adm = admin or minio.connect()

local ok, err = pcall(function()
  -- The parent user must exist; create it when this runs on its own.
  if not pcall(adm.user_info, adm, "alice") then
    adm:user_add("alice", "alice123-secret")
    adm:attach_policy({ "readwrite" }, "alice")
  end

  local expiry = os.time() + 30 * 24 * 3600
  local sa = adm:add_service_account{
    access_key = "svc-app1",
    secret_key = "svc-password123",
    user = "alice",
    name = "app1",
    description = "Service account for application 1 access",
    expiry = expiry,
  }
  print(("Service account created: %s (expires %s)"):format(sa.credentials.accessKey, sa.credentials.expiration))

  local accounts = adm:list_service_account("alice")
  for _, a in ipairs(accounts.accounts) do
    print(("Alice's service account: %s status=%s"):format(a.accessKey, a.accountStatus))
  end

  adm:update_service_account{ access_key = "svc-app1", description = "Updated description for app 1" }
  print("Description now: " .. adm:get_service_account("svc-app1").description)
end)
if not ok then
  print("Service account operation failed: " .. tostring(err))
  os.exit(1)
end
