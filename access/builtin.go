package access

import "encoding/json"

// Builtin are the server's default policies as the pinned server defines them (spec
// policy-evaluation.md §5). They are used when a snapshot does not name them (the export
// does); a snapshot's own document of the same name wins, as on the server, where an
// administrator may overwrite a built-in.
var Builtin = map[string]json.RawMessage{
	"readwrite": json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::*"]}]}`),
	"readonly": json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetObject"],` +
		`"Resource":["arn:aws:s3:::*"]}]}`),
	"writeonly": json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::*"]}]}`),
	"diagnostics": json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["admin:TopLocksInfo","admin:OBDInfo",` +
		`"admin:BandwidthMonitor","admin:Prometheus","admin:Profiling","admin:ServerTrace","admin:ConsoleLog","admin:ServerInfo"],` +
		`"Resource":["arn:aws:s3:::*"]}]}`),
	"consoleAdmin": json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["admin:*"]},` +
		`{"Effect":"Allow","Action":["kms:*"]},{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::*"]}]}`),
}
