-- Arithmetic: modulo and division signs, powers, precedence.
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 5.5 % 2)
print(7 / 2, -7 / 2, 2 ^ 10, 2 ^ -1, (-8) ^ (1 / 3) ~= (-8) ^ (1 / 3))
print(-2 ^ 2, (-2) ^ 2, 2 ^ 3 ^ 2, 1 + 2 * 3 - 4 / 2)
print(10 - 2 - 3, 2 * 3 % 4, -3 % 5 * 2)
print(1e308 * 10, -1e308 * 10, 0 / 0 ~= 0 / 0)
print(math.fmod(7, 3), math.fmod(-7, 3), math.modf(3.75))
