package admin

import (
	"context"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/lifecycle"
	"github.com/minio/minio-go/v7/pkg/sse"
	"github.com/minio/minio-go/v7/pkg/tags"
)

// Bucket settings through minio-go (see s3.go). Reads of a setting never made answer
// its empty form, not an error; a bucket that does not exist is an error (NoSuchBucket).

// MakeBucketWithLock creates a bucket with object lock, which can only be enabled when
// a bucket is created (it also enables versioning).
func (c *Client) MakeBucketWithLock(ctx context.Context, bucket string) error {
	return c.s3Do(ctx, "make_bucket", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.MakeBucket(ctx, bucket, minio.MakeBucketOptions{ObjectLocking: true})
	})
}

// BucketVersioning reads the versioning status: "" (never enabled), "Enabled" or
// "Suspended".
func (c *Client) BucketVersioning(ctx context.Context, bucket string) (string, error) {
	var status string
	err := c.s3Do(ctx, "bucket_versioning", bucket, func(ctx context.Context, m *minio.Client) error {
		v, err := m.GetBucketVersioning(ctx, bucket)
		status = v.Status
		return err
	})
	return status, err
}

// SetBucketVersioning sets the status, "Enabled" or "Suspended" (the server knows no
// way back to never enabled).
func (c *Client) SetBucketVersioning(ctx context.Context, bucket, status string) error {
	return c.s3Do(ctx, "bucket_versioning_set", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketVersioning(ctx, bucket, minio.BucketVersioningConfiguration{Status: status})
	})
}

// BucketObjectLock tells whether the bucket was created with object lock.
func (c *Client) BucketObjectLock(ctx context.Context, bucket string) (bool, error) {
	var enabled bool
	err := c.s3Do(ctx, "bucket_object_lock", bucket, func(ctx context.Context, m *minio.Client) error {
		lock, _, _, _, err := m.GetObjectLockConfig(ctx, bucket)
		enabled = lock == "Enabled"
		return err
	})
	if hasCode(err, "ObjectLockConfigurationNotFoundError") {
		return false, nil
	}
	return enabled, err
}

// BucketPolicy reads the bucket's (anonymous) policy as the server writes it; "" when
// there is none.
func (c *Client) BucketPolicy(ctx context.Context, bucket string) (string, error) {
	var doc string
	err := c.s3Do(ctx, "bucket_policy", bucket, func(ctx context.Context, m *minio.Client) error {
		var err error
		doc, err = m.GetBucketPolicy(ctx, bucket)
		return err
	})
	if hasCode(err, "NoSuchBucketPolicy") {
		return "", nil
	}
	return doc, err
}

// SetBucketPolicy replaces the bucket's policy with doc (a JSON policy document).
func (c *Client) SetBucketPolicy(ctx context.Context, bucket, doc string) error {
	if strings.TrimSpace(doc) == "" {
		return &ArgumentError{Op: "bucket_policy_set", Arg: "policy", Reason: "must not be empty (RemoveBucketPolicy removes it)"}
	}
	return c.s3Do(ctx, "bucket_policy_set", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketPolicy(ctx, bucket, doc)
	})
}

// RemoveBucketPolicy removes the bucket's policy.
func (c *Client) RemoveBucketPolicy(ctx context.Context, bucket string) error {
	return c.s3Do(ctx, "bucket_policy_remove", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketPolicy(ctx, bucket, "") // minio-go sends a DELETE
	})
}

// BucketTags reads the bucket's tags; none is an empty map.
func (c *Client) BucketTags(ctx context.Context, bucket string) (map[string]string, error) {
	out := map[string]string{}
	err := c.s3Do(ctx, "bucket_tags", bucket, func(ctx context.Context, m *minio.Client) error {
		t, err := m.GetBucketTagging(ctx, bucket)
		if err == nil {
			out = t.ToMap()
		}
		return err
	})
	if hasCode(err, "NoSuchTagSet") {
		return map[string]string{}, nil
	}
	return out, err
}

// SetBucketTags replaces the bucket's tags (at most 50; keys of 1 to 128 characters,
// values up to 256).
func (c *Client) SetBucketTags(ctx context.Context, bucket string, set map[string]string) error {
	const op = "bucket_tags_set"
	t, err := tags.NewTags(set, false)
	if err != nil {
		return &ArgumentError{Op: op, Arg: "tags", Reason: err.Error()}
	}
	return c.s3Do(ctx, op, bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketTagging(ctx, bucket, t)
	})
}

// RemoveBucketTags removes every tag of the bucket.
func (c *Client) RemoveBucketTags(ctx context.Context, bucket string) error {
	return c.s3Do(ctx, "bucket_tags_remove", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.RemoveBucketTagging(ctx, bucket)
	})
}

// BucketLifecycle reads the bucket's lifecycle rules as the server keeps them; none is
// a configuration without rules.
func (c *Client) BucketLifecycle(ctx context.Context, bucket string) (*lifecycle.Configuration, error) {
	cfg := lifecycle.NewConfiguration()
	err := c.s3Do(ctx, "bucket_lifecycle", bucket, func(ctx context.Context, m *minio.Client) error {
		got, err := m.GetBucketLifecycle(ctx, bucket)
		if err == nil {
			cfg = got
		}
		return err
	})
	if hasCode(err, "NoSuchLifecycleConfiguration") {
		return lifecycle.NewConfiguration(), nil
	}
	return cfg, err
}

// SetBucketLifecycle replaces the bucket's lifecycle rules.
func (c *Client) SetBucketLifecycle(ctx context.Context, bucket string, cfg *lifecycle.Configuration) error {
	const op = "bucket_lifecycle_set"
	if cfg == nil || len(cfg.Rules) == 0 {
		return &ArgumentError{Op: op, Arg: "rules", Reason: "no rules (RemoveBucketLifecycle removes them)"}
	}
	return c.s3Do(ctx, op, bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketLifecycle(ctx, bucket, cfg)
	})
}

// RemoveBucketLifecycle removes every lifecycle rule of the bucket.
func (c *Client) RemoveBucketLifecycle(ctx context.Context, bucket string) error {
	return c.s3Do(ctx, "bucket_lifecycle_remove", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketLifecycle(ctx, bucket, lifecycle.NewConfiguration()) // minio-go sends a DELETE
	})
}

// BucketEncryption reads the bucket's default encryption; nil when there is none.
func (c *Client) BucketEncryption(ctx context.Context, bucket string) (*sse.Configuration, error) {
	var cfg *sse.Configuration
	err := c.s3Do(ctx, "bucket_encryption", bucket, func(ctx context.Context, m *minio.Client) error {
		var err error
		cfg, err = m.GetBucketEncryption(ctx, bucket)
		return err
	})
	if hasCode(err, "ServerSideEncryptionConfigurationNotFoundError") {
		return nil, nil
	}
	return cfg, err
}

// SetBucketEncryption sets the bucket's default encryption: SSE-S3 when kmsKey is "",
// otherwise SSE-KMS with that key. Both need a KMS on the server.
func (c *Client) SetBucketEncryption(ctx context.Context, bucket, kmsKey string) error {
	cfg := sse.NewConfigurationSSES3()
	if kmsKey != "" {
		cfg = sse.NewConfigurationSSEKMS(kmsKey)
	}
	return c.s3Do(ctx, "bucket_encryption_set", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.SetBucketEncryption(ctx, bucket, cfg)
	})
}

// RemoveBucketEncryption removes the bucket's default encryption.
func (c *Client) RemoveBucketEncryption(ctx context.Context, bucket string) error {
	return c.s3Do(ctx, "bucket_encryption_remove", bucket, func(ctx context.Context, m *minio.Client) error {
		return m.RemoveBucketEncryption(ctx, bucket)
	})
}
