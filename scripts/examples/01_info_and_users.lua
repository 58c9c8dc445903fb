#!/usr/bin/env minioscript
-- Basic information and users: show the server, list users, add one.
-- Run: minioscript --endpoint http://127.0.0.1:9000 01_info_and_users.lua
-- (keys from MINIO_ACCESS_KEY/MINIO_SECRET_KEY, or --alias NAME)
local adm = admin or minio.connect()

local ok, err = pcall(function()
  local info = adm:info()
  print(("Server info: mode=%s, %d server(s), deployment %s"):format(info.mode, #info.servers, info.deploymentID))
  for _, s in ipairs(info.servers) do
    print(("  %s %s version %s"):format(s.endpoint, s.state, s.version))
  end

  local users = adm:user_list()
  local names = {}
  for name in pairs(users) do names[#names + 1] = name end
  table.sort(names)
  print("Users: " .. (#names > 0 and table.concat(names, ", ") or "(none)"))

  adm:user_add("newuser", "newpassword123")
  print("User created: newuser (" .. adm:user_info("newuser").status .. ")")
end)
if not ok then
  print(("Admin operation failed: %s - %s"):format(err.code, err.body))
  os.exit(1)
end
