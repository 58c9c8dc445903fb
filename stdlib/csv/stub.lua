---@class csvlib
local csv = {}

---@class csv.ReadOptions
---@field header? boolean first row names the fields (default true)
---@field sep? string one-character separator (default ",")

---@class csv.WriteOptions
---@field header? string[] column order (default: the rows' keys, sorted)
---@field mode? string file mode, e.g. "0644" (default "0600")

---Read a CSV file: rows as tables keyed by the header (or lists with header=false).
---@param path string
---@param opts? csv.ReadOptions
---@return table[]
function csv.read(path, opts) end

---Parse CSV text like csv.read.
---@param text string
---@param opts? csv.ReadOptions
---@return table[]
function csv.parse(text, opts) end

---Write rows (lists, or tables in header order) to a private file, replaced only once complete.
---@param path string
---@param rows table[]
---@param opts? csv.WriteOptions
function csv.write(path, rows, opts) end
