-- reference: lua5.2
-- A generator made with wrap, protecting each item; the consumer sees every item.
local function items(list)
  return coroutine.wrap(function()
    for _, it in ipairs(list) do
      local ok, v = pcall(function()
        if it < 0 then error("negative " .. it, 0) end
        coroutine.yield(it * 2)
        return it
      end)
      if not ok then coroutine.yield("skipped: " .. v) end
    end
  end)
end
for v in items({1, -2, 3, -4, 5}) do print(v) end
