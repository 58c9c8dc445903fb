package admin

import (
	"context"
	"errors"
	"net/http"
)

// The *Exists reads tell whether an object exists; the jobs package builds ensure_*,
// plan and apply on them and on the other calls.

// notFoundCodes are the server's answers for an object that does not exist. An unknown
// service account is a 404 with the generic XMinioInvalidIAMCredentials.
var notFoundCodes = map[string]bool{
	"XMinioAdminNoSuchUser": true, "XMinioAdminNoSuchGroup": true, "XMinioAdminNoSuchPolicy": true,
	"XMinioInvalidIAMCredentials": true, "NoSuchBucket": true,
}

// IsNotFound tells whether err is the server saying the object does not exist.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && notFoundCodes[e.Code]
}

// found turns a not-found answer into (false, nil).
func found(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if IsNotFound(err) {
		return false, nil
	}
	return false, err
}

// exists checks the name, then turns get's not-found answer into false.
func exists(op, arg, name string, get func() error) (bool, error) {
	if err := requireArg(op, arg, name); err != nil {
		return false, err
	}
	return found(get())
}

// UserExists tells whether a regular user exists.
func (c *Client) UserExists(ctx context.Context, name string) (bool, error) {
	return exists("user_exists", "access_key", name, func() error { _, err := c.UserInfo(ctx, name); return err })
}

// GroupExists tells whether a group exists.
func (c *Client) GroupExists(ctx context.Context, name string) (bool, error) {
	return exists("group_exists", "group_name", name, func() error { _, err := c.GroupInfo(ctx, name); return err })
}

// PolicyExists tells whether a canned policy exists (built-ins included).
func (c *Client) PolicyExists(ctx context.Context, name string) (bool, error) {
	return exists("policy_exists", "policy_name", name, func() error { _, err := c.PolicyInfo(ctx, name); return err })
}

// ServiceAccountExists tells whether a service account exists (a sealed call).
func (c *Client) ServiceAccountExists(ctx context.Context, accessKey string) (bool, error) {
	return exists("service_account_exists", "access_key", accessKey, func() error {
		_, err := c.GetServiceAccount(ctx, accessKey)
		return err
	})
}

// BucketExists tells whether a bucket exists (S3 GetBucketLocation).
func (c *Client) BucketExists(ctx context.Context, bucket string) (bool, error) {
	const op = "bucket_exists"
	return exists(op, "bucket", bucket, func() error {
		_, err := c.do(ctx, &Call{Op: op, Method: http.MethodGet, Path: bucket, S3: true, Query: [][2]string{{"location", ""}}})
		return err
	})
}
