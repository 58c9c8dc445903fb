-- table.sort with the default order on numbers and strings.
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t)
print(table.concat(t, " "))
local s = {"pear", "Apple", "banana", "apple", "Banana", "10", "9"}
table.sort(s)
print(table.concat(s, " "))
local one = {42}
table.sort(one)
print(one[1])
local empty = {}
table.sort(empty)
print(#empty)
local f = {3.5, -1, 2.25, -7.5, 0}
table.sort(f)
print(table.concat(f, " "))
