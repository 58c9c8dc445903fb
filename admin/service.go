package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// ServiceRestart asks the server (all nodes of a distributed deployment) to restart. The
// server answers before it goes down; calls made while it comes back are retried while
// it reports itself not yet initialised.
func (c *Client) ServiceRestart(ctx context.Context) (string, error) {
	return c.serviceAction(ctx, "service_restart", "restart")
}

// ServiceStop asks the server (all nodes) to exit.
func (c *Client) ServiceStop(ctx context.Context) (string, error) {
	return c.serviceAction(ctx, "service_stop", "stop")
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
// the official release site) and restart. Equal versions mean nothing newer was found.
func (c *Client) Update(ctx context.Context, updateURL string) (Result[UpdateResult], error) {
	return doJSON[UpdateResult](ctx, c, &Call{Op: "update", Method: http.MethodPost, Path: "update",
		Query: [][2]string{{"updateURL", updateURL}}})
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
