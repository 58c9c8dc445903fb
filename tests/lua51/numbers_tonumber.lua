-- tonumber and string-to-number coercion as Lua 5.1 (strtod/strtoul) does it.
local inputs = {"1e3", "1E3", "  10  ", "10", "-10", "+10", "0x10", "0X1F", "-0x10", "0x", "1e", "1e+",
  ".5", "5.", ".", "", " ", "1.5e-3", "010", "1_000", "0b101", "12abc", "abc", "1 2", "\t7\n",
  "0x1p4", "1e400", "-1e400", "inf", "nan", "  0x1A  ", "1..2", "--1", "1e-400"}
for _, s in ipairs(inputs) do
  print(string.format("%q", s), tonumber(s))
end
print(tonumber(42), tonumber(nil == nil), tonumber({}), tonumber(print))
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("0xff", 16), tonumber("z", 36), tonumber("Z", 36))
print(tonumber("777", 8), tonumber("8", 8), tonumber("101", 2), tonumber("102", 2), tonumber(" 11 ", 2))
print(tonumber("10", 10), tonumber("0x10", 10), tonumber("1e1", 10), tonumber("", 16), tonumber("-ff", 16) ~= nil)
print(tonumber(10, 16), tonumber("7fffffff", 16), tonumber("ffffffff", 16))
print(pcall(tonumber, "10", 1), pcall(tonumber, "10", 37))
print(pcall(tonumber))
print("10" + 1, "0x10" + 0, "1e2" * 2, " 5 " - 1, "010" + 0, "3" ^ 2, -"2", "10" / "4")
print(pcall(function() return "abc" + 1 end) == false, pcall(function() return "1_0" + 1 end) == false)
print(10 == "10", 0x10, 1e2, 0xA, 1E-2, 3e0)
print(math.max("10", 2), string.rep("a", "3"), ("x"):rep(2.0))
