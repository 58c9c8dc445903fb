package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/minioscript/minioscript/jobs"
	"github.com/spf13/pflag"
)

const exportUsage = `Usage:
  minioscript [flags] export [-o FILE] [--format yaml|json|lua] [--only SECTION,...] [--secrets FILE]

export writes what the server holds as a state that plan and apply accept (README
"Export"): policies, users, groups, service_accounts, buckets (quota and every setting),
ldap (when the server has LDAP) and kms_keys (when it has a KMS). Built-in policies, the
root user and the caller's own key are left out. Keys are sorted, so two exports diff
cleanly; a plan of the export against another deployment is the drift between them.

Secrets are never written unless asked: with --secrets FILE (created 0600) the secret
keys of users and service accounts and the config's secrets go to FILE, a JSON object,
and the state refers to them as {file = "FILE", key = "users.NAME"}, resolved by plan
and apply. Only the IAM export returns user and service-account secrets, so --secrets
with those sections needs TLS; over plain HTTP the objects are read one by one and no
secret crosses the network in the clear (the config is one sealed answer).

The format follows -o's extension (.yaml/.yml, .json, .lua), else --format (default yaml).

`

type exportFlags struct {
	out, format, secrets string
	only                 []string
	json                 bool
}

// parseExport reads export's flags; nil with an exit code when the run ends here.
func parseExport(global *pflag.FlagSet, argv []string, stdout, stderr io.Writer) (*exportFlags, int) {
	var ef exportFlags
	fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVarP(&ef.out, "out", "o", "", "write the state to FILE (default: standard output)")
	fs.StringVar(&ef.format, "format", "", "yaml, json or lua (default: from -o's extension, else yaml)")
	fs.StringSliceVar(&ef.only, "only", nil, "export only these sections: "+strings.Join(jobs.ExportSections, ","))
	fs.StringVar(&ef.secrets, "secrets", "", "write the secret keys to FILE (0600) and refer to them from the state (needs TLS)")
	fs.BoolVar(&ef.json, "json", false, "with several --alias, print the closing table as JSON")
	help := fs.BoolP("help", "h", false, "show this help")
	own := fs.FlagUsages()
	fs.AddFlagSet(global)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), exportUsage+multiUsage+own+"\nThe global flags (minioscript --help) may come before or after the command.\n")
	}
	fail := func(err error) (*exportFlags, int) {
		fmt.Fprintf(stderr, "minioscript export: %v (see minioscript export --help)\n", err)
		return nil, ExitUsage
	}
	if err := fs.Parse(argv[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, ExitOK
		}
		return fail(err)
	}
	if *help {
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, ExitOK
	}
	if fs.NArg() != 0 {
		return fail(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	byExt := map[string]string{".yaml": jobs.FormatYAML, ".yml": jobs.FormatYAML, ".json": jobs.FormatJSON, ".lua": jobs.FormatLua}
	ext := byExt[strings.ToLower(filepath.Ext(ef.out))]
	switch {
	case ef.format != "" && ext != "" && ef.format != ext:
		// apply picks the decoder by extension: another format could not be read back.
		return fail(fmt.Errorf("--format %s does not match -o %s", ef.format, ef.out))
	case ef.format == "":
		ef.format = ext
		if ef.format == "" {
			ef.format = jobs.FormatYAML
		}
	case ef.format != jobs.FormatYAML && ef.format != jobs.FormatJSON && ef.format != jobs.FormatLua:
		return fail(fmt.Errorf("--format must be yaml, json or lua, not %q", ef.format))
	}
	return &ef, 0
}

// runExport reads the server and writes the state (and the secrets file).
func runExport(ctx context.Context, ef *exportFlags, spec runSpec) int {
	if spec.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, spec.timeout)
		defer cancel()
	}
	return exportOne(ctx, ef, spec, &deploymentResult{})
}

// exportOne exports one deployment; row gets the number of objects written and the error.
func exportOne(ctx context.Context, ef *exportFlags, spec runSpec, row *deploymentResult) int {
	lg := spec.log
	fail := func(code int, err error) int {
		lg.Log("error", err.Error())
		row.Error = err.Error()
		return code
	}
	c, ok := readClient(spec, "")
	if !ok {
		row.Error = "no client for these connection settings (logged above)"
		return ExitUsage
	}
	defer c.CloseIdleConnections()
	st, err := jobs.Export(ctx, c, jobs.ExportOptions{Only: ef.only, Secrets: ef.secrets != "",
		Warn: func(msg string) { lg.Log("warn", msg) }})
	if err != nil {
		row.Error = err.Error()
		return readFailed(ctx, lg, err)
	}
	secrets := map[string]string{}
	ref, err := secretsRef(ef)
	if err != nil {
		return fail(ExitUsage, err)
	}
	tree := jobs.ExportTree(st, func(section, name, value string) any {
		key := section + "." + name
		secrets[key] = value
		return map[string]any{"file": ref, "key": key}
	})
	data, err := jobs.EncodeState(tree, ef.format)
	if err != nil {
		return fail(ExitScript, err)
	}
	if ef.secrets != "" {
		if err := writeSecrets(ef.secrets, secrets); err != nil {
			return fail(ExitScript, err)
		}
	}
	if ef.out == "" {
		_, err = spec.stdout.Write(data)
	} else {
		err = os.WriteFile(ef.out, data, 0o644)
	}
	if err != nil {
		return fail(ExitScript, err)
	}
	row.Objects = countObjects(st)
	return ExitOK
}

// countObjects is how many named objects a state holds (a config target and an LDAP
// mapping count one each).
func countObjects(st *jobs.State) int {
	n := len(st.Policies) + len(st.Users) + len(st.Groups) + len(st.ServiceAccounts) + len(st.Buckets) + len(st.KMSKeys) + len(st.Config)
	if st.LDAP != nil {
		n += len(st.LDAP.Users) + len(st.LDAP.Groups)
	}
	return n
}

// secretsRef is how the state names the secrets file: relative to the state file's
// folder (plan and apply resolve it from there), absolute when the state goes to
// standard output.
func secretsRef(ef *exportFlags) (string, error) {
	if ef.secrets == "" {
		return "", nil
	}
	abs, err := filepath.Abs(ef.secrets)
	if err != nil || ef.out == "" {
		return abs, err
	}
	dir, err := filepath.Abs(filepath.Dir(ef.out))
	if err != nil {
		return "", err
	}
	return filepath.Rel(dir, abs)
}

// writeSecrets writes the secrets as one JSON object, readable by its owner only (also
// when the file existed with a wider mode).
func writeSecrets(path string, secrets map[string]string) error {
	b, err := json.MarshalIndent(secrets, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
