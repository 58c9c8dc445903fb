-- Position captures and nested captures.
print(("hello"):find("()(l+)()"))
print(("abcd"):match("((a)(b))"))
print(("  x"):match("^()%s*()"))
print(string.find("abc", "(b)(c)"))
for a, b in ("k1=v1;k2=v2"):gmatch("(%w+)=(%w+)") do io.write(a, b, ";") end
print()
