package jobs

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// DeploymentRow is one line of the table that ends a run over several deployments: the
// command line's (--alias repeated) and minio.each's, so both print the same table.
type DeploymentRow struct {
	Deployment                                   string
	Created, Updated, Deleted, Unchanged, Failed int
	Objects                                      int // export only
	Duration                                     time.Duration
	// Result is the last column: "ok", "changes", "failed (exit 1)", "failed: <error>".
	Result string
}

// RenderDeployments writes rows as an aligned table: deployment, the five counts of a
// plan or apply, duration and result; with export, deployment, objects, duration and
// result.
func RenderDeployments(w io.Writer, rows []DeploymentRow, export bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if export {
		fmt.Fprintln(tw, "deployment\tobjects\tduration\tresult")
	} else {
		fmt.Fprintln(tw, "deployment\tcreated\tupdated\tdeleted\tunchanged\tfailed\tduration\tresult")
	}
	for _, r := range rows {
		d := r.Duration.Round(time.Millisecond).String()
		if export {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", r.Deployment, r.Objects, d, r.Result)
		} else {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", r.Deployment, r.Created, r.Updated, r.Deleted, r.Unchanged, r.Failed, d, r.Result)
		}
	}
	tw.Flush()
}
