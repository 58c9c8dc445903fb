-- Yields from inside while, repeat and numeric/generic for loops.
local co = coroutine.wrap(function()
  local i = 0
  while i < 2 do i = i + 1; coroutine.yield("while", i) end
  repeat i = i - 1; coroutine.yield("repeat", i) until i == 0
  for j = 3, 1, -1 do coroutine.yield("for", j) end
  for k, v in ipairs({"x", "y"}) do coroutine.yield("ipairs", k, v) end
  return "end"
end)
for _ = 1, 10 do
  local r = {co()}
  print(unpack(r))
  if r[1] == "end" then break end
end
