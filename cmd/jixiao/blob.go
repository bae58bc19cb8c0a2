package main

import (
	"context"
	"fmt"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:///var/lib/jixiao/evidence
	_ "gocloud.dev/blob/s3blob"   // s3://bucket?region=…&endpoint=… (S3-compatible stores)
)

// openBucket opens the blob store of evidence files named by a gocloud.dev
// URL (JIXIAO_BLOB_URL); "" means none: contents stay in PostgreSQL.
func openBucket(ctx context.Context, url string) (*blob.Bucket, error) {
	if url == "" {
		return nil, nil
	}
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("JIXIAO_BLOB_URL: %w", err)
	}
	return b, nil
}
