---@class envlib
local env = {}

---An environment variable, else default (nil when not given).
---@param name string
---@param default? string
---@return string?
function env.get(name, default) end

---An environment variable; an error naming it when it is not set.
---@param name string
---@return string
function env.require(name) end

---Set an environment variable for this process.
---@param name string
---@param value string
function env.set(name, value) end
