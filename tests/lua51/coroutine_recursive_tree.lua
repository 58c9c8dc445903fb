-- In-order tree walk with a recursive generator.
local function node(v, l, r) return {value = v, left = l, right = r} end
local tree = node(5, node(3, node(1), node(4)), node(8, node(7), node(9, nil, node(10))))
local function walk(n)
  if n then walk(n.left); coroutine.yield(n.value); walk(n.right) end
end
local out = {}
for v in coroutine.wrap(function() walk(tree) end) do out[#out + 1] = v end
print(table.concat(out, " "))
