#!/usr/bin/env minioscript
-- Bulk onboarding from a CSV file (columns: user,group): each user gets a generated
-- password and joins its group; a report of who was added goes to stdout, passwords to
-- a file readable only by its owner, never to the terminal.
-- Run: minioscript --alias prod 06_onboard_csv.lua users.csv [passwords.csv]
local csv, log, secrets = require("csv"), require("log"), require("secrets")
local adm = admin or minio.connect()

local input = arg[1] or "scripts/examples/data/users.csv"
local output = arg[2] or os.tmpname()

local created, failed, credentials = 0, 0, {}
for _, row in ipairs(csv.read(input)) do
  local password = secrets.password()
  local ok, err = pcall(function()
    adm:user_add(row.user, password)
    adm:group_add(row.group, { row.user })
  end)
  if ok then
    created = created + 1
    credentials[#credentials + 1] = { user = row.user, password = password }
    log.info("onboarded", { user = row.user, group = row.group })
  else
    failed = failed + 1
    log.error("onboarding failed", { user = row.user, error = tostring(err) })
  end
end

-- csv.write creates the file readable only by its owner (mode "0600") from the first
-- byte and renames it into place once complete; no chmod afterwards.
csv.write(output, credentials, { header = { "user", "password" } })
print(("Onboarded %d user(s), %d failed; passwords in %s"):format(created, failed, output))
for _, g in ipairs(adm:group_list()) do
  local info = adm:group_info(g)
  table.sort(info.members)
  print(("  %s: %s"):format(g, table.concat(info.members, ", ")))
end
if failed > 0 then os.exit(1) end
