-- A loop that keeps going after errors, collecting them.
local results = {}
for i = 1, 8 do
  local ok, v = pcall(function()
    if i % 3 == 0 then error("fizz " .. i, 0) end
    if i % 4 == 0 then error({n = i}) end
    return i * 10
  end)
  if ok then results[#results + 1] = tostring(v)
  elseif type(v) == "table" then results[#results + 1] = "T" .. v.n
  else results[#results + 1] = v end
end
print(table.concat(results, ","))
