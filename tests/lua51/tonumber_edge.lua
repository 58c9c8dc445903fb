-- More tonumber: whitespace kinds, signs, exponents, bases and non-strings.
print(tonumber("\t\n 42 \r\n"), tonumber("4 2"), tonumber("+.5"), tonumber("-.5e1"))
print(tonumber("1e+2"), tonumber("1E-2"), tonumber("0e0"), tonumber("00012"))
print(tonumber("0xFF"), tonumber("0x"), tonumber("0xG"), tonumber("x10"))
print(tonumber("11", 2), tonumber("zz", 36), tonumber("ZZ", 36), tonumber("9", 9))
print(tonumber(true), tonumber(nil), tonumber("nil"))
print(tonumber("  "), tonumber("1.5", 10), tonumber("-0"))
print(tonumber("1" .. string.rep("0", 20)))
