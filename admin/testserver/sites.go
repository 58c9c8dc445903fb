package testserver

import (
	"context"
	"fmt"
	"path/filepath"
)

// startSites launches n independent servers (own ports, own data dirs) for site
// replication tests. On error the ones already started are stopped.
func startSites(ctx context.Context, dir string, n int, cfg Config) ([]*Server, error) {
	var sites []*Server
	for i := range n {
		s, err := Start(ctx, filepath.Join(dir, fmt.Sprintf("site%d", i+1)), cfg)
		if err != nil {
			for _, started := range sites {
				started.Stop()
			}
			return nil, err
		}
		sites = append(sites, s)
	}
	return sites, nil
}
