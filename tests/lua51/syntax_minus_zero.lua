-- Constant folding as Lua 5.1: no division or modulo by zero, no NaN, and 0 and -0
-- share one constant (the first one compiled).
print(1/-0)
do local a, b = 0, -0; print(1/a, 1/b) end
do local b, a = -0, 0; print(1/a, 1/b) end
x = -0; print(1/x)
do local z = 0; print(1/-z) end
do local y = 0 print(1/y, 1/-0) end
print(1/-0, 0)
print(0, 1/-0)
do local t = {0, -0} print(1/t[1], 1/t[2]) end
do local t = {-0, 0} print(1/t[1], 1/t[2]) end
print(-0)
print(1/(-0.0))
print(1 % 0 ~= 1 % 0, 5 % -0 ~= 5 % -0)
print(0/0 ~= 0/0, -(0/0) ~= -(0/0))
print(1/0, -1/0, 2^1024, -2^1024, 1e308 * 10 - 1e308 * 10 ~= 0)
print(3/2, 7 % 3, -7 % 3, 2^-1, -(2)^2)
