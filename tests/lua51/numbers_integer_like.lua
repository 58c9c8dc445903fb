-- Integer-valued results print without a fraction (below 1e14).
print(10 / 2, 3 * 1.0, 2 ^ 40, 1e13, -1e13)
print(6 / 3, 0.5 * 4, 99999999999999, 123.0)
print(string.format("%d", 2^40), #tostring(2^46))
local sum = 0
for i = 1, 100 do sum = sum + 0.01 end
print(sum, sum == 1)
print(math.floor(1e13 + 0.5), 1024 * 1024 * 1024)
