-- string.format argument errors.
print(pcall(string.format, "%d"))
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%y", 1))
print(pcall(string.format, "%123d", 1))
print(pcall(string.format, "%d %s", 1))
print(pcall(string.format))
print(string.format("%d", "10"), string.format("%.1f", "2.25"))
