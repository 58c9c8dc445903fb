// Command withminio runs a command against a fresh MinIO server: it starts one on a
// free loopback port in a temporary directory, exports MINIO_ENDPOINT, MINIO_ACCESS_KEY
// and MINIO_SECRET_KEY to the command, and stops the server afterwards.
//
//	go run ./tools/withminio -- ./bin/minioscript scripts/examples/01_info_and_users.lua
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/minioscript/minioscript/admin/testserver"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: withminio [--] COMMAND [ARGS...]")
		os.Exit(2)
	}
	os.Exit(run(args))
}

func run(args []string) int {
	dir, err := os.MkdirTemp("", "withminio-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "withminio:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	srv, err := testserver.Start(context.Background(), dir, testserver.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "withminio:", err)
		return 1
	}
	defer srv.Stop()
	fmt.Fprintf(os.Stderr, "withminio: MinIO at %s (data in %s)\n", srv.URL(), dir)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"MINIO_ENDPOINT="+srv.URL(),
		"MINIO_ACCESS_KEY="+testserver.RootUser,
		"MINIO_SECRET_KEY="+testserver.RootPassword,
	)
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "withminio:", err)
		return 1
	}
	return 0
}
