package admin

import (
	"context"
	"encoding/xml"
	"net/http"
	"time"
)

// Bucket calls are S3 API calls, not admin ones, but onboarding jobs create the buckets
// they set quotas on, so they share the client and its request path.

// MakeBucket creates a bucket.
func (c *Client) MakeBucket(ctx context.Context, bucket string) (string, error) {
	const op = "make_bucket"
	if err := requireArg(op, "bucket", bucket); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: bucket, S3: true})
}

// RemoveBucket deletes an empty bucket.
func (c *Client) RemoveBucket(ctx context.Context, bucket string) (string, error) {
	const op = "remove_bucket"
	if err := requireArg(op, "bucket", bucket); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodDelete, Path: bucket, S3: true})
}

// BucketInfo is one bucket of ListBuckets.
type BucketInfo struct {
	Name         string    `xml:"Name" json:"name"`
	CreationDate time.Time `xml:"CreationDate" json:"creationDate"`
}

// ListBuckets lists the buckets the caller can see.
func (c *Client) ListBuckets(ctx context.Context) (Result[[]BucketInfo], error) {
	const op = "list_buckets"
	resp, err := c.do(ctx, &Call{Op: op, Method: http.MethodGet, Path: "", S3: true})
	if err != nil {
		return Result[[]BucketInfo]{}, err
	}
	var doc struct {
		Buckets []BucketInfo `xml:"Buckets>Bucket"`
	}
	if err := xml.Unmarshal(resp.Body, &doc); err != nil {
		return Result[[]BucketInfo]{}, &ResponseError{Op: op, Err: err}
	}
	return Result[[]BucketInfo]{Value: doc.Buckets, Raw: resp.Body}, nil
}
