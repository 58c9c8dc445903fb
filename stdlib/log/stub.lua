---@class loglib
local log = {}

---Log at debug level: log.debug("msg", {field = value}) or log.debug("fmt %s", arg).
---@param msg string
---@param fields_or_arg? table|any
function log.debug(msg, fields_or_arg, ...) end

---Log at info level (the default level).
---@param msg string
---@param fields_or_arg? table|any
function log.info(msg, fields_or_arg, ...) end

---Log at warn level.
---@param msg string
---@param fields_or_arg? table|any
function log.warn(msg, fields_or_arg, ...) end

---Log at error level.
---@param msg string
---@param fields_or_arg? table|any
function log.error(msg, fields_or_arg, ...) end

---Set the lowest level written.
---@param level "debug"|"info"|"warn"|"error"
function log.level(level) end

---Write text lines or JSON lines.
---@param format "text"|"json"
function log.format(format) end
