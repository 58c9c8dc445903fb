-- Number to string edge cases.
print(1e14 - 1, 123456789012, -123456789012)
print(0.1 * 3, 1 - 0.9, 100 * 1.1)
print(1e-7, 1.23e-4, 5e-324 > 0)
print(3 / 2, -3 / 2, 1 / 3 * 3)
print(255 / 5, 2 ^ 31, 2 ^ 32 + 0.5)
print(math.floor(-0.5), math.ceil(-0.5))
print(string.len(tostring(math.pi)))
print(7.0, 7.10, -7.25, 1e2, 1e-2)
