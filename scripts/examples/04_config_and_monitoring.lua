#!/usr/bin/env minioscript
-- Configuration and monitoring: read config, set a bucket quota, usage, locks.
local adm = admin or minio.connect()

local ok, err = pcall(function()
  local config = adm:config_get("api")
  print("API configuration: " .. config:gsub("%s+$", ""))

  if not pcall(adm.bucket_quota_get, adm, "user-uploads") then
    adm:make_bucket("user-uploads")
  end
  adm:bucket_quota_set("user-uploads", 1024 * 1024 * 1024) -- 1 GiB
  local quota = adm:bucket_quota_get("user-uploads")
  print(("Bucket quota: %d bytes (%s)"):format(quota.size, quota.quotatype))

  local usage = adm:account_info(true)
  print(("Account usage: %s sees %d bucket(s)"):format(usage.AccountName, #(usage.Buckets or {})))

  -- Only distributed deployments track locks; a single server answers 426.
  local lok, locks = pcall(adm.top_locks, adm)
  if lok then
    print(("Top locks: %d"):format(#(locks or {})))
  elseif locks.code == 426 then
    print("Top locks: not available on a single-node server")
  else
    error(locks)
  end
end)
if not ok then
  print("Monitoring operation failed: " .. tostring(err))
  os.exit(1)
end
