-- Chained string methods as scripts use them.
local s = "  MinIO User: Alice  "
print(s:gsub("^%s+", ""):gsub("%s+$", ""):lower())
print((s:gsub("%s", "")):upper():sub(1, 5))
local name = s:match(":%s*(%a+)")
print(name, name:len(), name:rep(2, nil))
