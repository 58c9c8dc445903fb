package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/spf13/pflag"
)

const accessReportUsage = `Usage:
  minioscript [flags] access-report [--bucket B] [--user U] [--format table|json|csv] [--from FILE]

Who can do what on which bucket: a matrix of principals × buckets, each cell a level

  none < list < read < write < delete < admin

(list: s3:ListBucket; read: s3:GetObject; write: s3:PutObject; delete: s3:DeleteObject;
admin: s3:PutBucketPolicy or s3:DeleteBucket; each asked about every object of the
bucket, so a grant limited to a prefix does not raise the level: ask admin:can for a key).
A level shown as "read (delete?)" is read, and up to delete under conditions the request
decides (source IP, TLS, prefix, ...). The policies are evaluated as the server evaluates
them (README "Access review"); the root user has everything.

Principals are named as in the rest of the API: users, service-account access keys, LDAP
DNs, and groups as group:NAME (a group's own policies). --user narrows the report to one
of them and adds the rows it gets access through: its groups, a service account's parent.

The state is read live from the server (as admin:can reads it: one export over TLS, one
unsealed read per object over plain HTTP, so no secret crosses the network in the clear),
or with --from from a file:
  STATE.json, .yaml, .yml, .lua   a state file (minioscript export, or one written for apply);
                                  a .lua file runs in the same bare VM as apply's
  EXPORT.zip                      the server's IAM export (admin:export_iam, mc admin cluster iam export)
  EXPORT.json                     the same export's files as one JSON object
                                  ({"policies.json": ..., "users.json": ..., ...})
An IAM export holds no bucket list: the columns are then the buckets its policies name
(or --bucket). Offline, give --root KEY so that the root user's service accounts are
judged as root's. No secret is ever printed.

--format table (default) is for people; json is the full report for tools: every principal
with its status, groups or members, parent, policies, a level per bucket with the
statements that gave it (policy, statement index, via user/group/parent, condition), the
admin and KMS actions it may call, and why it has nothing when so; csv is the table's
matrix with a header row.

Exit codes: 0 the report was printed; 1 the server's state could not be read; 2 bad flags,
an unreadable --from file, an unknown --user, no connection; 130 interrupted.

`

type accessReportFlags struct {
	bucket, user, format, from, root string
	ldapGroups                       []string
}

// parseAccessReport reads access-report's flags; nil with an exit code when the run
// ends here.
func parseAccessReport(global *pflag.FlagSet, argv []string, stdout, stderr io.Writer) (*accessReportFlags, int) {
	var rf accessReportFlags
	fs := pflag.NewFlagSet("access-report", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&rf.bucket, "bucket", "", "only this bucket")
	fs.StringVar(&rf.user, "user", "", "only this principal (user, service-account key, group:NAME or LDAP DN) and those it gets access through")
	fs.StringArrayVar(&rf.ldapGroups, "ldap-group", nil, "with an LDAP DN as --user, a group DN its login carries (repeatable)")
	fs.StringVar(&rf.format, "format", "table", "table, json or csv")
	fs.StringVar(&rf.from, "from", "", "read the state from FILE (state file, IAM export .zip or .json) instead of the server")
	fs.StringVar(&rf.root, "root", "", "the root user's access key (default: the caller's, when it is neither a user nor a service account)")
	help := fs.BoolP("help", "h", false, "show this help")
	own := fs.FlagUsages()
	fs.AddFlagSet(global)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), accessReportUsage+own+"\nThe global flags (minioscript --help) may come before or after the command.\n")
	}
	if err := fs.Parse(argv[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, ExitOK
		}
		fmt.Fprintf(stderr, "minioscript access-report: %v (see minioscript access-report --help)\n", err)
		return nil, ExitUsage
	}
	if *help {
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, ExitOK
	}
	if fs.NArg() != 0 || !slices.Contains([]string{"table", "json", "csv"}, rf.format) {
		fmt.Fprintf(stderr, "minioscript access-report: no arguments are taken and --format is table, json or csv (see minioscript access-report --help)\n")
		return nil, ExitUsage
	}
	return &rf, 0
}

// runAccessReport reads the state, works out the report and prints it.
func runAccessReport(ctx context.Context, rf *accessReportFlags, spec runSpec) int {
	lg := spec.log
	if spec.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, spec.timeout)
		defer cancel()
	}
	var (
		ev      *access.Evaluator
		buckets []string
		source  string
		err     error
	)
	if rf.from != "" {
		source = rf.from
		if ev, buckets, err = loadAccessFile(ctx, rf.from); err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
	} else {
		c, ok := readClient(spec, ", or --from FILE")
		if !ok {
			return ExitUsage
		}
		defer c.CloseIdleConnections()
		source = c.Endpoint()
		if ev, buckets, err = bindings.ReadAccess(ctx, c); err != nil {
			return readFailed(ctx, lg, err)
		}
	}
	if rf.root != "" {
		ev = access.New(ev.Snapshot(), access.Options{Root: rf.root})
	}
	warnOrphans(ev, lg)
	switch {
	case rf.bucket != "":
		if len(buckets) > 0 && !slices.Contains(buckets, rf.bucket) {
			lg.Log("warn", fmt.Sprintf("bucket %s does not exist in %s; evaluated all the same", rf.bucket, source))
		}
		buckets = []string{rf.bucket}
	case buckets == nil:
		buckets = ev.NamedBuckets()
		lg.Log("info", fmt.Sprintf("%s holds no bucket list: the columns are the %d buckets its policies name", source, len(buckets)))
	}
	r, err := ev.Report(ctx, access.ReportOptions{Buckets: buckets, Principal: rf.user, Groups: rf.ldapGroups})
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	for _, name := range slices.Sorted(maps.Keys(r.Broken)) {
		lg.Log("warn", fmt.Sprintf("policy %s cannot be read and grants nothing: %s", name, r.Broken[name]))
	}
	if err := renderAccessReport(spec.stdout, r, rf.format, source); err != nil {
		lg.Log("error", err.Error())
		return ExitScript
	}
	return ExitOK
}

// loadAccessFile reads --from: a state file, or an IAM export as a zip or as one JSON
// object of its files. A state's buckets are the columns; an export has none (nil).
func loadAccessFile(ctx context.Context, path string) (*access.Evaluator, []string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".zip" || ext == ".json" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		var snap *admin.IAMSnapshot
		if ext == ".zip" {
			snap, err = admin.ParseIAMZip(data)
		} else if isIAMExportJSON(data) {
			snap = &admin.IAMSnapshot{}
			err = json.Unmarshal(data, snap)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if snap != nil {
			return access.New(snap, access.Options{}), nil, nil
		}
	}
	st, err := LoadState(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	buckets := slices.Sorted(maps.Keys(st.Buckets))
	if st.Buckets == nil {
		buckets = nil
	}
	return access.New(st.Snapshot(), access.Options{}), buckets, nil
}

// isIAMExportJSON tells an export's files as one object from a state: the export's keys
// are the zip's file names.
func isIAMExportJSON(data []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	for k := range top {
		if strings.HasSuffix(k, ".json") {
			return true
		}
	}
	return false
}

// warnOrphans names the parents of service accounts that are no one here: offline, the
// root user is not known unless --root names it, and its accounts would show as nothing.
func warnOrphans(ev *access.Evaluator, lg *log.Logger) {
	snap := ev.Snapshot()
	seen := map[string]bool{}
	for _, key := range slices.Sorted(maps.Keys(snap.ServiceAccounts)) {
		parent := snap.ServiceAccounts[key].Parent
		if _, user := snap.Users[parent]; user || parent == ev.Root() || strings.Contains(parent, "=") || seen[parent] {
			continue
		}
		seen[parent] = true
		lg.Log("warn", fmt.Sprintf("service account %s: its parent %s is not a user here; if %s is the root user, give --root %s", key, parent, parent, parent))
	}
}

// renderAccessReport prints the report in a format: table and csv the matrix, json all.
func renderAccessReport(w io.Writer, r *access.Report, format, source string) error {
	switch format {
	case "json":
		out := struct {
			Source string `json:"source"`
			*access.Report
		}{source, r}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(b))
		return err
	case "csv":
		cw := csv.NewWriter(w)
		for _, row := range accessMatrix(r) {
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	rows := accessMatrix(r)
	tw := table.NewWriter()
	tw.SetStyle(table.StyleLight)
	tw.AppendHeader(toRow(rows[0]))
	for _, row := range rows[1:] {
		tw.AppendRow(toRow(row))
	}
	var b bytes.Buffer
	b.WriteString(tw.Render())
	b.WriteString("\nlevels: none < list < read < write < delete < admin; (X?) up to X under conditions (--format json shows them)\n")
	_, err := w.Write(b.Bytes())
	return err
}

func toRow(cells []string) table.Row {
	row := make(table.Row, len(cells))
	for i, c := range cells {
		row[i] = c
	}
	return row
}

// accessMatrix is the report as text rows, the header first: principal, kind, a column
// per bucket, the admin API actions allowed, and a note (why nothing, or whom a row
// explains).
func accessMatrix(r *access.Report) [][]string {
	header := slices.Concat([]string{"principal", "kind"}, r.Buckets, []string{"admin_api", "note"})
	rows := [][]string{header}
	all := len(access.AdminActions) + len(access.KMSActions)
	for _, p := range r.Principals {
		row := []string{p.Principal, p.Kind}
		for _, b := range r.Buckets {
			c := p.Buckets[b]
			cell := c.Level
			if c.Conditional != "" {
				cell += " (" + c.Conditional + "?)"
			}
			row = append(row, cell)
		}
		allowed, open := 0, 0
		for _, d := range p.Admin {
			if d == access.Allow {
				allowed++
			} else {
				open++
			}
		}
		adm := ""
		switch {
		case allowed == all:
			adm = "all"
		case allowed > 0 || open > 0:
			adm = fmt.Sprintf("%d of %d", allowed, all)
			if open > 0 {
				adm += fmt.Sprintf(" (+%d?)", open)
			}
		}
		note := p.Reason
		if p.RelatedTo != "" {
			rel := "group of " + p.RelatedTo
			if p.Kind != access.KindGroup {
				rel = "parent of " + p.RelatedTo
			}
			note = strings.TrimSuffix(rel+"; "+note, "; ")
		}
		rows = append(rows, append(row, adm, note))
	}
	return rows
}
