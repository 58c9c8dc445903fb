-- __call makes tables callable, with the table as first argument.
local callable = setmetatable({name = "f"}, {__call = function(self, a, b) return self.name, a + b end})
print(callable(1, 2))
print(pcall(callable, 3, 4))
local memo = setmetatable({}, {__call = function(self, n)
  if self[n] then return self[n] end
  local v = n < 2 and n or self(n - 1) + self(n - 2)
  self[n] = v
  return v
end})
print(memo(50))
local t = {}
for i, v in ipairs({callable}) do t[i] = select(2, v(10, 20)) end
print(t[1])
