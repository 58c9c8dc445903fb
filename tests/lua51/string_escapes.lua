-- String literal escapes and long strings.
print("tab:\tend", "nl:\\n", "quote:\"", 'single:\'', "bs:\\")
print("\65\066\0671", "\x" == "x" or #"\x")
print(#"\0abc", ("a\0b"):byte(2))
print([[long
string]], [==[with ]] inside]==])
print(#[[
skip first newline]])
print("a\
b")
