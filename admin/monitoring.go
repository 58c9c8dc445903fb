package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// BucketAccessInfo is one bucket of an account_info answer.
type BucketAccessInfo struct {
	Name        string            `json:"name"`
	Size        uint64            `json:"size"`
	Objects     uint64            `json:"objects"`
	PrefixUsage map[string]uint64 `json:"prefixUsage,omitempty"`
	Created     time.Time         `json:"created"`
	Access      struct {
		Read  bool `json:"read"`
		Write bool `json:"write"`
	} `json:"access"`
}

// AccountInfo is what the calling identity can reach and its effective policy.
type AccountInfo struct {
	AccountName string             `json:"AccountName"`
	Server      json.RawMessage    `json:"Server"`
	Policy      json.RawMessage    `json:"Policy"`
	Buckets     []BucketAccessInfo `json:"Buckets"`
}

// AccountInfo describes the caller's account; prefixUsage adds usage per prefix.
func (c *Client) AccountInfo(ctx context.Context, prefixUsage bool) (Result[AccountInfo], error) {
	var q [][2]string
	if prefixUsage {
		q = [][2]string{{"prefix-usage", "true"}}
	}
	return doJSON[AccountInfo](ctx, c, &Call{Op: "account_info", Method: http.MethodGet, Path: "accountinfo", Query: q})
}

// BucketQuota is a bucket's quota; Size (and the legacy Quota) is the hard limit.
type BucketQuota struct {
	Quota     uint64 `json:"quota"`
	Size      uint64 `json:"size"`
	Rate      uint64 `json:"rate"`
	Requests  uint64 `json:"requests"`
	QuotaType string `json:"quotatype,omitempty"`
}

// BucketQuotaSet sets a hard size quota in bytes; 0 removes it.
func (c *Client) BucketQuotaSet(ctx context.Context, bucket string, size uint64) (string, error) {
	return c.setQuota(ctx, "bucket_quota_set", bucket, size)
}

// BucketQuotaClear removes a bucket's quota.
func (c *Client) BucketQuotaClear(ctx context.Context, bucket string) (string, error) {
	return c.setQuota(ctx, "bucket_quota_clear", bucket, 0)
}

func (c *Client) setQuota(ctx context.Context, op, bucket string, size uint64) (string, error) {
	if err := requireArg(op, "bucket", bucket); err != nil {
		return "", err
	}
	// Both size fields: the server enforces size when set, else the legacy quota.
	body, err := marshalBody(op, BucketQuota{Quota: size, Size: size, QuotaType: "hard"})
	if err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "set-bucket-quota",
		Query: [][2]string{{"bucket", bucket}}, Body: body})
}

// BucketQuotaGet reads a bucket's quota (zeros when none is set).
func (c *Client) BucketQuotaGet(ctx context.Context, bucket string) (Result[BucketQuota], error) {
	const op = "bucket_quota_get"
	if err := requireArg(op, "bucket", bucket); err != nil {
		return Result[BucketQuota]{}, err
	}
	return doJSON[BucketQuota](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "get-bucket-quota",
		Query: [][2]string{{"bucket", bucket}}})
}

// LockEntry is one lock held in a distributed deployment.
type LockEntry struct {
	Time       time.Time `json:"time"`
	Elapsed    int64     `json:"elapsed"`
	Resource   string    `json:"resource"`
	Type       string    `json:"type"`
	Source     string    `json:"source"`
	ServerList []string  `json:"serverlist"`
	Owner      string    `json:"owner"`
	ID         string    `json:"id"`
	Quorum     int       `json:"quorum"`
}

// TopLocksOptions narrows top_locks; the zero value gives the server defaults.
type TopLocksOptions struct {
	Count int  // 0: server default (10)
	Stale bool // include locks held by fewer servers than quorum
}

// TopLocks lists the oldest locks. Only distributed deployments serve it.
func (c *Client) TopLocks(ctx context.Context, opts TopLocksOptions) (Result[[]LockEntry], error) {
	var q [][2]string
	if opts.Count > 0 {
		q = append(q, [2]string{"count", strconv.Itoa(opts.Count)})
	}
	if opts.Stale {
		q = append(q, [2]string{"stale", "true"})
	}
	r, err := doJSON[[]LockEntry](ctx, c, &Call{Op: "top_locks", Method: http.MethodGet, Path: "top/locks", Query: q})
	if err == nil && bytes.Equal(bytes.TrimSpace(r.Raw), []byte("null")) {
		// A node that has held no lock since it started answers null: no locks.
		r.Raw, r.Value = []byte("[]"), []LockEntry{}
	}
	return r, err
}

// ProfileStart profiles the servers for duration (0: the server's default, 1 minute)
// and returns the ZIP of profiles the server sends when done.
func (c *Client) ProfileStart(ctx context.Context, profilers []string, duration time.Duration) ([]byte, error) {
	const op = "profile_start"
	if len(profilers) == 0 {
		return nil, &ArgumentError{Op: op, Arg: "profilers", Reason: "at least one profiler type is required (cpu, mem, block, mutex, trace, threads, goroutines, cpuio)"}
	}
	q := [][2]string{{"profilerType", strings.Join(profilers, ",")}}
	if duration > 0 {
		q = append(q, [2]string{"duration", duration.String()})
	}
	wait := duration
	if wait <= 0 {
		wait = time.Minute // the server's default
	}
	resp, err := c.do(ctx, &Call{Op: op, Method: http.MethodPost, Path: "profile", Query: q, extraWait: wait})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// DataUsageInfo is the scanner's last snapshot of usage (all zero before its first run).
type DataUsageInfo struct {
	LastUpdate         time.Time         `json:"lastUpdate"`
	ObjectsCount       uint64            `json:"objectsCount"`
	VersionsCount      uint64            `json:"versionsCount"`
	DeleteMarkersCount uint64            `json:"deleteMarkersCount"`
	ObjectsTotalSize   uint64            `json:"objectsTotalSize"`
	BucketsCount       uint64            `json:"bucketsCount"`
	BucketSizes        map[string]uint64 `json:"bucketsSizes"`
	BucketsUsage       map[string]struct {
		Size         uint64 `json:"size"`
		ObjectsCount uint64 `json:"objectsCount"`
	} `json:"bucketsUsageInfo"`
}

// GetDataUsageInfo returns the deployment's data usage.
func (c *Client) GetDataUsageInfo(ctx context.Context) (Result[DataUsageInfo], error) {
	return doJSON[DataUsageInfo](ctx, c, &Call{Op: "get_data_usage_info", Method: http.MethodGet, Path: "datausageinfo"})
}
