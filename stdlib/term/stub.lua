---@class termlib
local term = {}

---Whether stdout (default), stderr or an open file (as lua-term's `isatty(io.stdout)`) is a terminal.
---@param stream? "stdout"|"stderr"|file*
---@return boolean
function term.isatty(stream) end

---@class term.TableOptions
---@field columns? string[] column order (default: every key, sorted)
---@field title? string

---A table drawn for people from a list of rows keyed by column.
---@param rows table[]
---@param opts? term.TableOptions
---@return string
function term.table(rows, opts) end
