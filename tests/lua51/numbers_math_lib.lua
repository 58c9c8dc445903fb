-- math library results printed with %.14g.
print(math.abs(-3), math.floor(3.7), math.ceil(3.2), math.max(1, 5, 3), math.min(4, -2))
print(math.sqrt(16), math.sqrt(2), math.pow(2, 8), math.exp(1), math.log(math.exp(2)))
print(math.log10(1000), math.sin(0), math.cos(0), math.tan(0))
print(math.floor(-3.5), math.ceil(-3.5), math.huge > 1e308, -math.huge < -1e308)
print(math.deg(math.pi), math.rad(180), math.atan2(1, 1), math.atan(1))
print(math.frexp(8), math.ldexp(0.5, 4))
print(string.format("%.4f", math.asin(1)), string.format("%.4f", math.acos(0)))
print(math.sinh(0), math.cosh(0), math.tanh(0))
