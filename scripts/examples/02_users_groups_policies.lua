#!/usr/bin/env minioscript
-- Users, groups and policies: two users in a group that gets a bucket policy.
local adm = admin or minio.connect()

local ok, err = pcall(function()
  adm:user_add("alice", "alice123-secret")
  adm:user_add("bob", "bob123-secret")

  adm:group_add("developers", "alice,bob")

  adm:policy_add("dev-policy", {
    Version = "2012-10-17",
    Statement = { {
      Effect = "Allow",
      Action = { "s3:GetObject", "s3:PutObject" },
      Resource = { "arn:aws:s3:::dev-bucket/*" },
    } },
  })

  adm:policy_set("dev-policy", "developers", true)

  local g = adm:group_info("developers")
  table.sort(g.members)
  print(("Group %s: members %s, policy %s"):format(g.name, table.concat(g.members, ","), g.policy))
  print("User management setup complete")
end)
if not ok then
  print("Setup failed: " .. tostring(err))
  os.exit(1)
end
