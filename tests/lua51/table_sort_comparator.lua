-- table.sort with comparators: descending, by field, stable tie-break.
local t = {5, 2, 8, 1, 9}
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local people = {{name = "bob", age = 30}, {name = "al", age = 25}, {name = "cy", age = 30}, {name = "di", age = 22}}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end
print()
local words = {"ccc", "a", "bb", "dddd", "e"}
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, ","))
