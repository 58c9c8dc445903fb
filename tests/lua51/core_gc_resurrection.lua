-- A __gc may resurrect its object (stored again, it stays usable), and what the object
-- reaches stays alive while its __gc runs; it is not finalized a second time.
local saved
local mt
do
  local u = newproxy(true)
  mt = getmetatable(u)
  mt.data = {1, 2, 3}
  mt.u = u -- a cycle between the userdata and its metatable
  mt.__gc = function(o)
    print("gc", o == getmetatable(o).u, #getmetatable(o).data)
    saved = o
  end
end
mt = nil
collectgarbage()
print(type(saved), getmetatable(saved).data[3])
saved = nil
collectgarbage()
collectgarbage()
print("once")
-- objects created in a __gc are not finalized in the same collection
local made = 0
local base = newproxy(true)
getmetatable(base).__gc = function(o)
  made = made + 1
  if made == 1 then newproxy(o) end
end
base = nil
collectgarbage()
print("made", made)
collectgarbage()
print("made", made)
