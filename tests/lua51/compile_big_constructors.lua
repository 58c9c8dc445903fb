-- Table constructors of any size keep every item (SETLIST blocks past 511 were lost).
local function check(name, t, n, first, last)
  print(name, #t, t[1] == first, t[n] == last)
end

local t = loadstring("return {" .. string.rep("1,", 100000) .. "}")()
print("100000 ones", #t, t[100000])

local parts = {}
for i = 1, 1000000 do parts[i] = i % 7 end
t = loadstring("return {" .. table.concat(parts, ",") .. "}")()
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print("1000000 items", #t, sum)

-- a generated data file: a list of records
parts = {"return {users = {"}
for i = 1, 30000 do
  parts[#parts + 1] = string.format('{name = "u%d", group = "g%d"},', i, i % 10)
end
parts[#parts + 1] = "}}"
t = loadstring(table.concat(parts, "\n"))()
check("30000 records", t.users, 30000, t.users[1], t.users[30000])
print(t.users[1].name, t.users[30000].name, t.users[25551].name, t.users[30000].group)

-- a map of 100000 keys
parts = {"return {"}
for i = 1, 100000 do parts[#parts + 1] = string.format('["k%d"] = %d,', i, i) end
parts[#parts + 1] = "}"
t = loadstring(table.concat(parts, "\n"))()
local n, ksum = 0, 0
for k, v in pairs(t) do n = n + 1; ksum = ksum + v end
print("100000 keys", n, ksum, t.k1, t.k100000)

-- mixed: list items, keys and a call expanding its results last
parts = {"local function three() return 'a', 'b', 'c' end return {"}
for i = 1, 60000 do
  parts[#parts + 1] = (i % 3 == 0) and string.format("x%d = %d,", i, i) or string.format("%d,", i)
end
parts[#parts + 1] = "three()}"
t = loadstring(table.concat(parts, "\n"))()
print("mixed", #t, t[1], t[40000], t[40001], t[40003], t.x3, t.x60000)

-- the constructor as an operand, after its last SETLIST block
parts = {}
for i = 1, 26000 do parts[i] = "1" end
local f = loadstring("local s = {" .. table.concat(parts, ",") .. "} return #s, #{" .. table.concat(parts, ",") .. "} + 1")
print("operands", f())

-- long chains compile in linear time and without nesting limits Lua does not have
local s = {"local x = ... if x == 0 then return 0"}
for i = 1, 1000 do s[#s + 1] = "elseif x == " .. i .. " then return " .. i end
s[#s + 1] = "end"
print("elseif chain", loadstring(table.concat(s, "\n"))(777))
print("sum chain", loadstring("local x = 1 return x" .. string.rep("+x", 40000))())
print("or chain", loadstring("local x = false return x" .. string.rep(" or x", 20000) .. " or 5")())
