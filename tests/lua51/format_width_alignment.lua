-- Tables of aligned numbers in several formats.
for _, v in ipairs({0, 1, -1, 12.5, 1000000, 0.001, -42.125}) do
  print(string.format("|%8.3f|%-10g|%+6d|%10.2e|%x|", v, v, v, v, v < 0 and 0 or v))
end
