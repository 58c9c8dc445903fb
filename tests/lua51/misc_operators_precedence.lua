-- Operator precedence and associativity.
print(2 + 3 * 4 ^ 2 / 8, (2 + 3) * 4, 2 ^ -2, -2 ^ -2)
print("a" .. "b" == "ab", 1 .. 2 .. 3, not 1 == 2, not (1 == 2))
print(1 < 2 == true, "x" .. 1 + 2)
print(#"abc" + 1, -#"ab", #{1, 2} * 2)
print(2 ^ 2 ^ 3, (2 ^ 2) ^ 3)
