package admin

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/lifecycle"
	"github.com/minio/minio-go/v7/pkg/sse"
	"github.com/minio/minio-go/v7/pkg/tags"
)

// BucketMetadata is a bucket's settings as export-bucket-metadata gives them: the same
// values, in the same forms, as BucketQuotaGet, BucketVersioning, BucketObjectLock,
// BucketPolicy, BucketTags, BucketLifecycle and BucketEncryption (TestBucketMetadata
// compares them, a lock bucket's versioning included), from one call for every bucket
// instead of seven per bucket.
type BucketMetadata struct {
	Quota      BucketQuota
	Versioning string // "", "Enabled" or "Suspended"
	ObjectLock bool
	Policy     string // "" when there is none
	Tags       map[string]string
	Lifecycle  *lifecycle.Configuration // no rules when there are none
	Encryption *sse.Configuration       // nil when there is none
}

// ExportBucketMetadata reads the settings of bucket, or of every bucket when bucket is
// "", in one call (a plain zip of each bucket's setting files). A bucket the answer
// leaves out has none set. It needs admin:ExportBucketMetadata; the per-setting reads
// need only the S3 permissions.
func (c *Client) ExportBucketMetadata(ctx context.Context, bucket string) (map[string]BucketMetadata, error) {
	const op = "export_bucket_metadata"
	call := &Call{Op: op, Method: http.MethodGet, Path: "export-bucket-metadata"}
	if bucket != "" {
		call.Query = [][2]string{{"bucket", bucket}}
	}
	resp, err := c.do(ctx, call)
	if err != nil {
		return nil, err
	}
	out, err := ParseBucketMetadata(resp.Body)
	if err != nil {
		return nil, &ResponseError{Op: op, Err: err}
	}
	return out, nil
}

// ParseBucketMetadata reads export-bucket-metadata's zip: BUCKET/FILE for each setting
// that was ever made. Files of settings the state does not manage (notification,
// replication, targets), and entries of any other layout, are left aside.
func ParseBucketMetadata(data []byte) (map[string]BucketMetadata, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string]BucketMetadata{}
	for _, f := range zr.File {
		bucket, name := path.Split(f.Name)
		bucket = strings.TrimSuffix(bucket, "/")
		if bucket == "" || strings.Contains(bucket, "/") {
			continue // not a bucket's setting file: a layout this reader does not know
		}
		m, ok := out[bucket]
		if !ok {
			m = BucketMetadata{Tags: map[string]string{}, Lifecycle: lifecycle.NewConfiguration()}
		}
		if err := m.read(f, name); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out[bucket] = m
	}
	return out, nil
}

// maxMetadataFile bounds one unzipped setting (the largest, 1,000 lifecycle rules, is
// well under it), so that a bad answer cannot fill memory.
const maxMetadataFile = 16 << 20

func (m *BucketMetadata) read(f *zip.File, name string) error {
	switch name {
	case "quota.json", "versioning.xml", "object-lock.xml", "policy.json", "tagging.xml", "lifecycle.xml", "bucket-encryption.xml":
	default:
		return nil
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxMetadataFile+1))
	if err != nil {
		return err
	}
	if len(data) > maxMetadataFile {
		return fmt.Errorf("larger than %d bytes", maxMetadataFile)
	}
	switch name {
	case "quota.json":
		return json.Unmarshal(data, &m.Quota)
	case "versioning.xml":
		var v minio.BucketVersioningConfiguration
		err = xml.Unmarshal(data, &v)
		m.Versioning = v.Status
	case "object-lock.xml":
		var v struct{ ObjectLockEnabled string }
		err = xml.Unmarshal(data, &v)
		m.ObjectLock = v.ObjectLockEnabled == "Enabled"
	case "policy.json":
		m.Policy = string(data)
	case "tagging.xml":
		var t *tags.Tags
		if t, err = tags.ParseBucketXML(bytes.NewReader(data)); err == nil {
			m.Tags = t.ToMap()
		}
	case "lifecycle.xml":
		cfg := lifecycle.NewConfiguration()
		if err = xml.Unmarshal(data, cfg); err == nil {
			m.Lifecycle = cfg
		}
	case "bucket-encryption.xml":
		cfg := &sse.Configuration{}
		if err = xml.Unmarshal(data, cfg); err == nil {
			m.Encryption = cfg
		}
	}
	return err
}
