package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// PeerSite is a deployment to join to site replication. The `lua` tags are for the
// Lua-table decoder of the program (bindings).
type PeerSite struct {
	Name      string `json:"name" lua:",required"`
	Endpoint  string `json:"endpoints" lua:",required"` // the server's field name is plural; one URL
	AccessKey string `json:"accessKey" lua:",required"`
	SecretKey string `json:"secretKey" lua:",required"`
}

// PeerInfo is a site as site replication knows it, and what edit changes.
type PeerInfo struct {
	DeploymentID             string     `json:"deploymentID" lua:",required"`
	Endpoint                 string     `json:"endpoint"`
	Name                     string     `json:"name,omitempty"`
	SyncStatus               string     `json:"sync,omitempty"` // "enable" or "disable"
	BucketBandwidthLimit     uint64     `json:"-" lua:",as=uint_or_string"`
	BucketBandwidthSet       bool       `json:"-" lua:",as=bool_or_string"`
	BucketBandwidthUpdatedAt *time.Time `json:"-"`
}

type peerBandwidth struct {
	Limit     uint64     `json:"bandwidthLimitPerBucket"`
	Set       bool       `json:"set"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty"`
}

// MarshalJSON writes the bandwidth fields as the server's nested number and bool.
func (p PeerInfo) MarshalJSON() ([]byte, error) {
	type plain PeerInfo
	return json.Marshal(struct {
		plain
		Bandwidth peerBandwidth `json:"defaultbandwidth"`
	}{plain(p), peerBandwidth{p.BucketBandwidthLimit, p.BucketBandwidthSet, p.BucketBandwidthUpdatedAt}})
}

// UnmarshalJSON reads the server's nested bandwidth object.
func (p *PeerInfo) UnmarshalJSON(b []byte) error {
	type plain PeerInfo
	var v struct {
		plain
		Bandwidth peerBandwidth `json:"defaultbandwidth"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = PeerInfo(v.plain)
	p.BucketBandwidthLimit, p.BucketBandwidthSet, p.BucketBandwidthUpdatedAt = v.Bandwidth.Limit, v.Bandwidth.Set, v.Bandwidth.UpdatedAt
	return nil
}

// SiteReplicationStatusOptions selects what get_site_replication_status computes.
type SiteReplicationStatusOptions struct {
	Buckets     bool
	Policies    bool
	Users       bool
	Groups      bool
	Metrics     bool
	Entity      string // bucket, user, group, policy or ilm-expiry-rule
	EntityValue string
	ShowDeleted bool
}

func (o SiteReplicationStatusOptions) query() [][2]string {
	b := strconv.FormatBool
	q := [][2]string{{"buckets", b(o.Buckets)}, {"policies", b(o.Policies)}, {"users", b(o.Users)},
		{"groups", b(o.Groups)}, {"metrics", b(o.Metrics)}, {"showDeleted", b(o.ShowDeleted)}}
	if o.Entity != "" && o.EntityValue != "" {
		q = append(q, [2]string{"entity", o.Entity}, [2]string{"entityvalue", o.EntityValue})
	}
	return q
}

// ReplicateAddStatus is the answer of add_site_replication.
type ReplicateAddStatus struct {
	Success                 bool   `json:"success"`
	Status                  string `json:"status"`
	ErrDetail               string `json:"errorDetail,omitempty"`
	InitialSyncErrorMessage string `json:"initialSyncErrorMessage,omitempty"`
}

// AddSiteReplication joins sites (the called deployment among them) into replication.
func (c *Client) AddSiteReplication(ctx context.Context, sites []PeerSite) (Result[ReplicateAddStatus], error) {
	const op = "add_site_replication"
	if len(sites) < 2 {
		return Result[ReplicateAddStatus]{}, &ArgumentError{Op: op, Arg: "peer_sites", Reason: "at least two sites are required"}
	}
	body, err := marshalBody(op, sites)
	if err != nil {
		return Result[ReplicateAddStatus]{}, err
	}
	return doJSON[ReplicateAddStatus](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "site-replication/add",
		Query: [][2]string{{"api-version", "1"}}, Body: body, EncryptBody: true})
}

// SiteReplicationInfo describes the replicated sites.
type SiteReplicationInfo struct {
	Enabled                 bool       `json:"enabled"`
	Name                    string     `json:"name,omitempty"`
	Sites                   []PeerInfo `json:"sites,omitempty"`
	ServiceAccountAccessKey string     `json:"serviceAccountAccessKey,omitempty"`
}

// GetSiteReplicationInfo describes the site replication setup.
func (c *Client) GetSiteReplicationInfo(ctx context.Context) (Result[SiteReplicationInfo], error) {
	return doJSON[SiteReplicationInfo](ctx, c, &Call{Op: "get_site_replication_info", Method: http.MethodGet, Path: "site-replication/info"})
}

// SiteReplicationStatus is the part of the status most jobs need; Raw has all of it.
type SiteReplicationStatus struct {
	Enabled      bool                      `json:"Enabled"`
	MaxBuckets   int                       `json:"MaxBuckets"`
	MaxUsers     int                       `json:"MaxUsers"`
	MaxGroups    int                       `json:"MaxGroups"`
	MaxPolicies  int                       `json:"MaxPolicies"`
	Sites        map[string]PeerInfo       `json:"Sites"`
	StatsSummary map[string]map[string]any `json:"StatsSummary"`
	UserStats    map[string]map[string]any `json:"UserStats"`
	GroupStats   map[string]map[string]any `json:"GroupStats"`
	PolicyStats  map[string]map[string]any `json:"PolicyStats"`
	BucketStats  map[string]map[string]any `json:"BucketStats"`
	Metrics      map[string]any            `json:"Metrics"`
}

// GetSiteReplicationStatus reports replication state for what opts selects.
func (c *Client) GetSiteReplicationStatus(ctx context.Context, opts SiteReplicationStatusOptions) (Result[SiteReplicationStatus], error) {
	return doJSON[SiteReplicationStatus](ctx, c, &Call{Op: "get_site_replication_status", Method: http.MethodGet,
		Path: "site-replication/status", Query: opts.query()})
}

// ReplicateEditStatus is the answer of edit_site_replication.
type ReplicateEditStatus struct {
	Success   bool   `json:"success"`
	Status    string `json:"status"`
	ErrDetail string `json:"errorDetail,omitempty"`
}

// EditSiteReplication changes a peer's endpoint, bandwidth limit or sync mode.
func (c *Client) EditSiteReplication(ctx context.Context, peer PeerInfo) (Result[ReplicateEditStatus], error) {
	const op = "edit_site_replication"
	if err := requireArg(op, "deployment_id", peer.DeploymentID); err != nil {
		return Result[ReplicateEditStatus]{}, err
	}
	body, err := marshalBody(op, peer)
	if err != nil {
		return Result[ReplicateEditStatus]{}, err
	}
	return doJSON[ReplicateEditStatus](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "site-replication/edit",
		Query: [][2]string{{"api-version", "1"}}, Body: body, EncryptBody: true})
}

// ReplicateRemoveStatus is the answer of remove_site_replication.
type ReplicateRemoveStatus struct {
	Status    string `json:"status"`
	ErrDetail string `json:"errorDetail,omitempty"`
}

// RemoveSiteReplication takes named sites out of replication, or ends it with allSites.
func (c *Client) RemoveSiteReplication(ctx context.Context, sites []string, allSites bool) (Result[ReplicateRemoveStatus], error) {
	const op = "remove_site_replication"
	if len(sites) == 0 && !allSites {
		return Result[ReplicateRemoveStatus]{}, &ArgumentError{Op: op, Arg: "sites", Reason: "name sites or set all_sites"}
	}
	if sites == nil {
		sites = []string{}
	}
	// Plain JSON: the server does not decrypt this body.
	body, err := marshalBody(op, struct {
		Sites []string `json:"sites"`
		All   bool     `json:"all"`
	}{sites, allSites})
	if err != nil {
		return Result[ReplicateRemoveStatus]{}, err
	}
	return doJSON[ReplicateRemoveStatus](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "site-replication/remove",
		Query: [][2]string{{"api-version", "1"}}, Body: body})
}
