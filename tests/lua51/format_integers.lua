-- %d %i %x %X %o %u %c with flags, width and precision.
print(string.format("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42, 42))
print(string.format("[%i] [%.3d] [%8.3d]", -7, 5, 5))
print(string.format("[%x] [%X] [%#x] [%08x] [%o] [%#o]", 255, 255, 255, 255, 8, 8))
print(string.format("[%u] [%c%c%c] [%5c]", 3000000000, 76, 117, 97, 65))
print(string.format("%d %d %d", 3.99, -3.99, 2^31))
print(string.format("%x", 2^40), string.format("%d", -0))
print(string.format("%5.1s|%-5s|%5s", "abc", "ab", "ab"))
