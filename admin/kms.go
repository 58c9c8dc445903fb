package admin

import (
	"context"
	"net/http"
)

// KMSKeyStatus reports a key's round trip; failures come back inside the answer.
type KMSKeyStatus struct {
	KeyID         string `json:"key-id"`
	EncryptionErr string `json:"encryption-error,omitempty"`
	DecryptionErr string `json:"decryption-error,omitempty"`
}

// KMSKeyCreate creates a key in the KMS the server is configured with.
func (c *Client) KMSKeyCreate(ctx context.Context, key string) (string, error) {
	const op = "kms_key_create"
	if err := requireArg(op, "key", key); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPost, Path: "kms/key/create",
		Query: [][2]string{{"key-id", key}}})
}

// KMSKeyStatus checks that key (empty: the default key) can encrypt and decrypt.
func (c *Client) KMSKeyStatus(ctx context.Context, key string) (Result[KMSKeyStatus], error) {
	var q [][2]string
	if key != "" {
		q = [][2]string{{"key-id", key}}
	}
	return doJSON[KMSKeyStatus](ctx, c, &Call{Op: "kms_key_status", Method: http.MethodGet, Path: "kms/key/status", Query: q})
}

// KMSKey is one key of a KMS key listing.
type KMSKey struct {
	Name string `json:"name"`
}

// KMSKeyList lists the KMS keys whose names match pattern ("*" or "": all). The route
// is only under /minio/kms/v1 (the admin tree has none), and the server answers with
// the KMS's first page only.
func (c *Client) KMSKeyList(ctx context.Context, pattern string) (Result[[]KMSKey], error) {
	if pattern == "" {
		pattern = "*"
	}
	return doJSON[[]KMSKey](ctx, c, &Call{Op: "kms_key_list", Method: http.MethodGet, S3: true, Path: "minio/kms/v1/key/list",
		Query: [][2]string{{"pattern", pattern}}})
}
