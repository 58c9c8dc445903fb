#!/usr/bin/env minioscript
-- Server maintenance: info, update from a mirror, restart; stop in an emergency.
-- The update source is MINIO_UPDATE_URL (a minio.sha256sum URL on your mirror); without
-- it the update step is skipped, so this never reaches out to the internet by surprise.
local env = require("env")
local adm = admin or minio.connect()

local ok, err = pcall(function()
  local info = adm:info()
  print(("Server status: %s, version %s"):format(info.mode, info.servers[1].version))

  local url = env.get("MINIO_UPDATE_URL")
  if url then
    local r = adm:update(url)
    if r.currentVersion == r.updatedVersion then
      print("Update result: already at the newest release " .. r.currentVersion)
    else
      print(("Update result: %s -> %s"):format(r.currentVersion, r.updatedVersion))
    end
  else
    print("Update result: skipped (set MINIO_UPDATE_URL to a release mirror)")
  end

  adm:service_restart()
  print("Restart result: server restarted, mode " .. adm:info().mode)
end)
if not ok then
  print("Server management failed: " .. tostring(err))
  local sok, serr = pcall(adm.service_stop, adm)
  if sok then
    print("Emergency stop: server stopped")
  else
    print("Stop failed: " .. tostring(serr))
  end
  os.exit(1)
end
