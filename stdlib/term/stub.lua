---@class termlib
local term = {}

---Whether stdout (default) or stderr is a terminal.
---@param stream? "stdout"|"stderr"
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
