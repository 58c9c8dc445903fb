-- table library as Lua 5.1: sort (order of equal elements, nil comparator, invalid order
-- function), insert/remove edges, foreach/foreachi/getn/setn/maxn
local function dump(t, n)
  local out = {}
  for i = 1, n or #t do out[#out + 1] = tostring(t[i]) end
  return table.concat(out, " ")
end
local recs = {}
for i = 1, 40 do recs[i] = {k = (i * 7) % 5, id = i} end
table.sort(recs, function(a, b) return a.k < b.k end)
local ids = {}
for i, r in ipairs(recs) do ids[i] = r.k .. ":" .. r.id end
print(table.concat(ids, " "))
local t = {5, 3, 8, 1, 9, 2}
table.sort(t, nil)
print(dump(t))
t = {"b", "a", "d", "c"}
table.sort(t, function(a, b) return a > b end)
print(dump(t))
print(pcall(table.sort, {3, 1, 2}, 1))
local big = {}
for i = 1, 100 do big[i] = (i * 37) % 101 end
print(pcall(table.sort, big, function(a, b) return true end))
print(pcall(table.sort, {1, "x", 2}))
t = {}
table.insert(t, "a")
table.insert(t, 1, "b")
table.insert(t, 5, "c")
print(dump(t, 5))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert, {}))
print(pcall(table.insert, {}, "x", 1))
t = {1, 2, 3}
print(table.remove(t), table.remove(t, 1), dump(t), table.remove({}), table.remove(t, 5))
print(select("#", table.remove({}, 3)))
print(table.maxn({[1.5] = 1, [-3] = 2, x = 1}), table.maxn({}), table.maxn({1, 2, [10] = 3}))
print(table.getn({1, 2, 3}), pcall(table.getn, 1))
print(pcall(table.setn, {}, 1))
print(table.foreachi({"a", "b", "c"}, function(i, v) io.write(i, v, " ") end))
print(table.foreachi({"a", "b", "c"}, function(i, v) if v == "b" then return i * 10, "extra" end end))
print(table.foreach({x = 1}, function(k, v) return k .. v end))
print(table.foreach({}, print))
print(pcall(table.foreach, {}, 1))
print(pcall(table.foreachi, 1, print))
