-- A report laid out with string.format, as an operator's script would.
local rows = {
  {"alice", 1536, 0.25}, {"bob", 1048576, 12.5}, {"carol", 0, 100},
  {"dave", 123456789, 33.333333},
}
print(string.format("%-10s %12s %8s", "user", "bytes", "quota%"))
for _, r in ipairs(rows) do
  print(string.format("%-10s %12d %7.2f%%", r[1], r[2], r[3]))
end
local total = 0
for _, r in ipairs(rows) do total = total + r[2] end
print(string.format("%-10s %12d", "total", total))
print(string.format("%.1f MiB", total / 1048576))
