package evidence

import (
	"context"
	"fmt"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:///var/lib/jixiao/evidence
	_ "gocloud.dev/blob/memblob"  // mem:// (tests)
	_ "gocloud.dev/blob/s3blob"   // s3://bucket?region=…&endpoint=… (S3-compatible stores)
)

// OpenBucket opens the blob store named by a gocloud.dev URL
// (JIXIAO_BLOB_URL); "" means none: contents stay in PostgreSQL.
func OpenBucket(ctx context.Context, url string) (*blob.Bucket, error) {
	if url == "" {
		return nil, nil
	}
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("open blob store: %w", err)
	}
	return b, nil
}
