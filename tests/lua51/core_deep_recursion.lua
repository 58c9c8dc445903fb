-- Deep Lua recursion grows the stack; beyond the limit, a catchable "stack overflow".
local function r(i) if i == 0 then return 0 end return 1 + r(i - 1) end
print(r(15000))
print(pcall(r, 16000))
local function inf(i) return 1 + inf(i + 1) end
local ok, err = pcall(inf, 1)
print(ok, (string.gsub(err, "^.-:%d+: ", "")))
-- the program goes on, and can recurse deeply again
print(r(10000))
local function range(i, j) if i <= j then return i, range(i + 1, j) end end
print(select("#", range(1, 1000)), #string.char(range(0, 255)))
