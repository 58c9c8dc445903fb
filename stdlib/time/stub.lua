---@class timelib
local time = {}

---Seconds since the epoch, with fractions.
---@return number
function time.now() end

---Format Unix seconds (default: now) as RFC 3339, or with a Go layout.
---@param t? number
---@param layout? string
---@return string
function time.format(t, layout) end

---Parse RFC 3339 text (or a Go layout) into Unix seconds; nil and a message on failure.
---@param text string
---@param layout? string
---@return number? seconds
---@return string? err
function time.parse(text, layout) end

---Seconds in a duration such as "90m", "2h30m" or "30d" (d = 24h).
---@param text string
---@return number
function time.parse_duration(text) end

---Sleep; the script's timeout and Ctrl-C interrupt it.
---@param seconds number
function time.sleep(seconds) end
