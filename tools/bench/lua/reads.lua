-- reads.lua N USER GROUP: N sequential calls of each read operation; prints
-- "op milliseconds" per call.
local n, user, group = tonumber(arg[1]), arg[2], arg[3]
local now = require("time").now
local ops = {
  { "user_info", function() return admin:user_info(user) end },
  { "policy_info", function() return admin:policy_info("readwrite") end },
  { "group_info", function() return admin:group_info(group) end },
}
local out = {}
for _, op in ipairs(ops) do
  local name, call = op[1], op[2]
  for _ = 1, n do
    local t0 = now()
    call()
    out[#out + 1] = string.format("%s %.4f", name, (now() - t0) * 1000)
  end
end
print(table.concat(out, "\n"))
