-- select negative indexes with unpack results.
local t = {1, 2, 3, 4, 5}
print(select(-2, unpack(t)))
print(select("#", select(2, unpack(t))))
print(select(-1, "only"))
