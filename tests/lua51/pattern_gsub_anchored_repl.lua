-- gsub replacement strings with %0..%9 and anchored patterns.
print(("hello world"):gsub("(o)", "[%1%1]"))
print(("abc"):gsub("^(.)", "%1%1"))
print(("abc"):gsub("(.)$", "<%0>"))
print(("key=val"):gsub("(%w+)=(%w+)", "%2=%1"))
print(("a b c"):gsub(" ", "%%"))
print(pcall(string.gsub, "abc", "(a)", "%2"))
