package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"
)

// ServiceRestart asks the server (all nodes of a distributed deployment) to restart and
// returns once the node it talks to is back and serving admin calls (at most
// Options.RestartWait), so the next call meets the new process, not the old one on its way out.
// Peers restart on their own signal and may come back a moment later.
func (c *Client) ServiceRestart(ctx context.Context) (string, error) {
	out, err := c.serviceAction(ctx, "service_restart", "restart")
	if err != nil && !connectionDropped(err) {
		return out, err
	}
	return out, c.awaitRestart(ctx, "service_restart")
}

// awaitRestart waits for the server to go down and come back serving admin calls.
func (c *Client) awaitRestart(ctx context.Context, op string) error {
	c.http.CloseIdleConnections() // the new process will not know them
	c.waitDown(ctx, 15*time.Second)
	wctx := ctx
	if d := c.limits.restart; d > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeoutCause(ctx, d, &timeoutError{"server back after the restart", d, "admin.Options.RestartWait"})
		defer cancel()
	}
	if err := c.WaitReady(wctx); err != nil {
		if ctx.Err() == nil && wctx.Err() != nil {
			err = context.Cause(wctx)
		}
		return &RequestError{Op: op, Err: fmt.Errorf("server did not come back: %w", err)}
	}
	return nil
}

// connectionDropped: the server closed the connection without an answer, as a server
// that is going down may do.
func connectionDropped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}

// ServiceStop asks the server (all nodes) to exit. The server may close the connection
// before its reply gets out; then the call succeeds if the port stops answering.
func (c *Client) ServiceStop(ctx context.Context) (string, error) {
	out, err := c.serviceAction(ctx, "service_stop", "stop")
	if err != nil && connectionDropped(err) {
		if c.waitDown(ctx, 10*time.Second) {
			return "", nil
		}
	}
	return out, err
}

// waitDown tells whether the server's port refuses connections within d.
func (c *Client) waitDown(ctx context.Context, d time.Duration) bool {
	host := c.base.Host
	if c.base.Port() == "" {
		host = net.JoinHostPort(c.base.Hostname(), map[string]string{"http": "80", "https": "443"}[c.base.Scheme])
	}
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		conn, err := net.DialTimeout("tcp", host, time.Second)
		if err != nil {
			return errors.Is(err, syscall.ECONNREFUSED)
		}
		conn.Close()
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func (c *Client) serviceAction(ctx context.Context, op, action string) (string, error) {
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPost, Path: "service",
		Query: [][2]string{{"action", action}}})
}

// ServerProperties is one node of InfoMessage.Servers.
type ServerProperties struct {
	State    string `json:"state"`
	Endpoint string `json:"endpoint"`
	Scheme   string `json:"scheme"`
	Uptime   int64  `json:"uptime"`
	Version  string `json:"version"`
	CommitID string `json:"commitID"`
	Edition  string `json:"edition"`
}

// InfoMessage is the part of the server information most jobs need; Result.Raw has all.
type InfoMessage struct {
	Mode         string                 `json:"mode"`
	Domain       []string               `json:"domain"`
	Region       string                 `json:"region"`
	DeploymentID string                 `json:"deploymentID"`
	Buckets      struct{ Count uint64 } `json:"buckets"`
	Objects      struct{ Count uint64 } `json:"objects"`
	Usage        struct{ Size uint64 }  `json:"usage"`
	Servers      []ServerProperties     `json:"servers"`
	Backend      json.RawMessage        `json:"backend"`
}

// ServerInfo is the reference's info().
func (c *Client) ServerInfo(ctx context.Context) (Result[InfoMessage], error) {
	return doJSON[InfoMessage](ctx, c, &Call{Op: "info", Method: http.MethodGet, Path: "info"})
}

// UpdateResult is the answer of update().
type UpdateResult struct {
	CurrentVersion string `json:"currentVersion"`
	UpdatedVersion string `json:"updatedVersion"`
}

// Update asks the server to update itself from updateURL (a minio.sha256sum URL; empty:
// the official release site). Equal versions mean nothing newer was found; otherwise the
// server replaces its binary and restarts, and Update returns once it serves again.
func (c *Client) Update(ctx context.Context, updateURL string) (Result[UpdateResult], error) {
	r, err := doJSON[UpdateResult](ctx, c, &Call{Op: "update", Method: http.MethodPost, Path: "update",
		Query: [][2]string{{"updateURL", updateURL}}})
	if err == nil && r.Value.UpdatedVersion != r.Value.CurrentVersion {
		err = c.awaitRestart(ctx, "update")
	}
	return r, err
}

// WaitReady polls info and a user listing until the server answers both, or ctx ends:
// after a restart, IAM comes up after the HTTP listener.
func (c *Client) WaitReady(ctx context.Context) error {
	for {
		_, err := c.ServerInfo(ctx)
		if err == nil {
			if _, err = c.UserList(ctx); err == nil {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
}
