package jobs_test

import (
	"encoding/json"
	"fmt"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/jobs"
)

// Diff is a pure function: a wanted state and what the server holds (here built in
// memory; jobs.Read fills one from a server) give a plan, plain data that can be shown,
// saved as JSON and compared with a later one before it is applied.
func ExampleDiff() {
	want := &jobs.State{
		Users: map[string]jobs.UserState{
			"alice": {SecretKey: "alice-secret-1", Policies: []string{"readwrite"}},
			"bob":   {Status: "disabled"},
		},
		Buckets: map[string]jobs.BucketState{"reports": {}},
	}
	cur := jobs.NewCurrent()
	cur.Users["bob"] = admin.IAMUser{Status: "enabled"}
	cur.Complete, cur.Refs = true, true

	plan, err := jobs.Diff(want, cur, jobs.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(jobs.PlanReport(plan, false))
	b, _ := json.Marshal(plan.Changes[0])
	fmt.Println(string(b))
	// Output:
	// plan: 3 to create, 1 to update, 0 to delete, 0 unchanged
	//   + user alice secret_key=(secret) status=enabled
	//   ~ user bob status: enabled → disabled
	//   + bucket reports
	//   + mapping user:alice policies=readwrite
	// {"action":"create","kind":"user","name":"alice","after":{"secret_key":"(secret)","status":"enabled"},"stage":"users-buckets","bulk":true}
}
