-- A small class system with inheritance and super calls.
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  c.new = function(...) local o = setmetatable({}, c); if o.init then o:init(...) end; return o end
  return c
end
local Animal = class()
function Animal:init(name) self.name = name end
function Animal:speak() return self.name .. " makes a sound" end
function Animal:kind() return "animal" end
local Dog = class(Animal)
function Dog:init(name, breed) Animal.init(self, name); self.breed = breed end
function Dog:speak() return self.name .. " barks (" .. Animal.speak(self) .. ")" end
local d = Dog.new("Rex", "lab")
print(d:speak(), d:kind(), d.breed)
print(getmetatable(d) == Dog, Dog.speak ~= Animal.speak)
