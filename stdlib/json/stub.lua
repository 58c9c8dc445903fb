---@class jsonlib
---@field null userdata JSON null inside arrays and objects (a nil would end a list)
local json = {}

---Encode a value as compact JSON, object keys sorted.
---@param value any
---@return string
function json.encode(value) end

---Decode JSON text; integers stay integers, arrays start at 1.
---@param text string
---@return any value
---@return string? err
function json.decode(text) end

---Encode with two-space indentation, object keys sorted.
---@param value any
---@return string
function json.pretty(value) end

---Mark a table as a JSON array (so an empty one encodes as []).
---@param t? table
---@return table
function json.array(t) end

---Mark a table as a JSON object (so an empty one encodes as {}).
---@param t? table
---@return table
function json.object(t) end
