package drill

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Timing is Patroni's timing (bootstrap.dcs): the leader key lives TTL
// seconds unless renewed; each node's loop runs every LoopWait seconds;
// RetryTimeout bounds a retry of the DCS or PostgreSQL. Patroni needs
// LoopWait + 2 × RetryTimeout ≤ TTL. A dead primary is replaced within
// about TTL + LoopWait seconds.
type Timing struct {
	TTL, LoopWait, RetryTimeout int
}

// DrillTiming is the drill's: a failover within about 12 s.
var DrillTiming = Timing{TTL: 10, LoopWait: 2, RetryTimeout: 3}

// Cluster is etcd and Patroni nodes running PostgreSQL 15.
type Cluster struct {
	env        *Env
	timing     Timing
	etcd       *Proc
	etcdClient int
	etcdPeer   int
	Nodes      []*Node
	// SuperPassword is the postgres superuser's password (scram-sha-256).
	SuperPassword string
	replPassword  string
}

// Node is one Patroni node and its PostgreSQL.
type Node struct {
	Name    string
	PGPort  int
	APIPort int
	DataDir string
	Config  string
	patroni *Proc
}

// Member is a node as `patronictl list` shows it.
type Member struct {
	Name  string `json:"Member"`
	Host  string `json:"Host"`
	Role  string `json:"Role"`
	State string `json:"State"`
	TL    int    `json:"TL"`
}

// NewCluster starts etcd and n Patroni nodes in env and waits until the
// first is the leader and, with two or more, another is its Sync Standby:
// only a synchronous standby may be promoted, so nothing acknowledged is
// lost in a failover.
func NewCluster(ctx context.Context, env *Env, n int, t Timing) (*Cluster, error) {
	ports, err := FreePorts(2 + 2*n)
	if err != nil {
		return nil, err
	}
	c := &Cluster{env: env, timing: t, etcdClient: ports[0], etcdPeer: ports[1], SuperPassword: secret(), replPassword: secret()}
	for i := range n {
		name := fmt.Sprintf("node%d", i+1)
		c.Nodes = append(c.Nodes, &Node{Name: name, PGPort: ports[2+2*i], APIPort: ports[3+2*i],
			DataDir: env.Path(name, "data"), Config: env.Path(name + ".yml")})
	}
	if err := c.startEtcd(ctx); err != nil {
		return nil, err
	}
	for i, nd := range c.Nodes {
		if err := env.Mkdir(nd.Name); err != nil {
			return nil, err
		}
		if err := env.WriteFile(nd.Name+".yml", c.config(nd)); err != nil {
			return nil, err
		}
		if err := c.StartNode(nd); err != nil {
			return nil, err
		}
		if i == 0 {
			// the first node bootstraps the cluster: initdb, then leader
			if err := WaitFor(ctx, 90*time.Second, 500*time.Millisecond, "the first node becomes the leader", func() error {
				return c.nodeCheck(nd, "primary")
			}); err != nil {
				return nil, fmt.Errorf("%w\n%s", err, env.Tail(nd.Name, 20))
			}
			env.Logf("%s is the leader (PostgreSQL on 127.0.0.1:%d)", nd.Name, nd.PGPort)
		}
	}
	if n > 1 {
		if err := WaitFor(ctx, 120*time.Second, time.Second, "a Sync Standby", func() error {
			_, err := c.SyncStandby(ctx)
			return err
		}); err != nil {
			return nil, fmt.Errorf("%w\n%s", err, env.Tail(c.Nodes[1].Name, 20))
		}
	}
	return c, nil
}

// secret is a random password for the drill's roles.
func secret() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "Dr1ll-" + hex.EncodeToString(b)
}

func (c *Cluster) startEtcd(ctx context.Context) error {
	if err := c.env.Mkdir("etcd"); err != nil {
		return err
	}
	client := fmt.Sprintf("http://127.0.0.1:%d", c.etcdClient)
	peer := fmt.Sprintf("http://127.0.0.1:%d", c.etcdPeer)
	p, err := c.env.Start("etcd", true, "etcd", []string{
		"--name", "drill", "--data-dir", c.env.Path("etcd", "data"),
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
		"--initial-cluster", "drill=" + peer, "--initial-cluster-state", "new",
		"--listen-metrics-urls", "", "--log-level", "warn",
	}, "ETCD_UNSUPPORTED_ARCH=")
	if err != nil {
		return err
	}
	c.etcd = p
	if err := WaitFor(ctx, 30*time.Second, 200*time.Millisecond, "etcd answers", func() error {
		if p.Exited() {
			return fmt.Errorf("etcd exited")
		}
		return httpOK(client + "/health")
	}); err != nil {
		return fmt.Errorf("%w\n%s", err, c.env.Tail("etcd", 20))
	}
	c.env.Logf("etcd on 127.0.0.1:%d", c.etcdClient)
	return nil
}

// config is a node's Patroni configuration: etcd v3, synchronous mode,
// scram-sha-256 on loopback, the drill's timing.
func (c *Cluster) config(nd *Node) string {
	t := c.timing
	return fmt.Sprintf(`scope: jixiao-drill
namespace: /jixiao/
name: %[1]s
log:
  level: INFO
restapi:
  listen: 127.0.0.1:%[2]d
  connect_address: 127.0.0.1:%[2]d
etcd3:
  hosts: 127.0.0.1:%[3]d
bootstrap:
  dcs:
    ttl: %[4]d
    loop_wait: %[5]d
    retry_timeout: %[6]d
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 100
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:%[7]d
  connect_address: 127.0.0.1:%[7]d
  data_dir: %[8]s
  bin_dir: %[9]s
  pgpass: %[10]s
  use_unix_socket: true
  authentication:
    superuser:
      username: postgres
      password: %[11]s
    replication:
      username: replicator
      password: %[12]s
    rewind:
      username: rewinder
      password: %[12]s
  parameters:
    unix_socket_directories: '%[13]s'
    shared_buffers: 32MB
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
`, nd.Name, nd.APIPort, c.etcdClient, t.TTL, t.LoopWait, t.RetryTimeout, nd.PGPort, nd.DataDir, c.env.PGBin,
		c.env.Path(nd.Name, "pgpass"), c.SuperPassword, c.replPassword, c.env.Path(nd.Name))
}

// StartNode starts (or starts again) a node's Patroni.
func (c *Cluster) StartNode(nd *Node) error {
	p, err := c.env.Start(nd.Name, true, "patroni", []string{nd.Config})
	if err != nil {
		return err
	}
	nd.patroni = p
	return nil
}

// nodeCheck is nil when the node's REST API says it is role ("primary"
// answers 200 on /primary, "replica" on /replica).
func (c *Cluster) nodeCheck(nd *Node, role string) error {
	if nd.patroni != nil && nd.patroni.Exited() {
		return fmt.Errorf("patroni of %s exited", nd.Name)
	}
	return httpOK(fmt.Sprintf("http://127.0.0.1:%d/%s", nd.APIPort, role))
}

// Members is what `patronictl list` says of the cluster.
func (c *Cluster) Members(ctx context.Context) ([]Member, error) {
	out, err := c.env.Run(ctx, 15*time.Second, true, "patronictl", []string{"-c", c.Nodes[0].Config, "list", "-f", "json"})
	if err != nil {
		return nil, err
	}
	var ms []Member
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &ms); err != nil {
		return nil, fmt.Errorf("patronictl list: %w: %s", err, out)
	}
	return ms, nil
}

// List is `patronictl list` as a table, for the log.
func (c *Cluster) List(ctx context.Context) string {
	out, err := c.env.Run(ctx, 15*time.Second, true, "patronictl", []string{"-c", c.Nodes[0].Config, "list"})
	if err != nil {
		return err.Error()
	}
	return strings.TrimSpace(out)
}

// SyncStandby is the member patronictl names Sync Standby and streaming,
// with a leader running: only then may the leader die without losing an
// acknowledged write.
func (c *Cluster) SyncStandby(ctx context.Context) (Member, error) {
	ms, err := c.Members(ctx)
	if err != nil {
		return Member{}, err
	}
	var leader, sync *Member
	for i, m := range ms {
		switch m.Role {
		case "Leader":
			leader = &ms[i]
		case "Sync Standby":
			sync = &ms[i]
		}
	}
	if leader == nil || leader.State != "running" {
		return Member{}, fmt.Errorf("no running leader: %+v", ms)
	}
	if sync == nil || (sync.State != "streaming" && sync.State != "running") {
		return Member{}, fmt.Errorf("no streaming Sync Standby yet: %+v", ms)
	}
	return *sync, nil
}

// Leader is the node patronictl names Leader.
func (c *Cluster) Leader(ctx context.Context) (*Node, error) {
	ms, err := c.Members(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Role == "Leader" && m.State == "running" {
			for _, nd := range c.Nodes {
				if nd.Name == m.Name {
					return nd, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("no running leader: %+v", ms)
}

// Postmaster is the pid of a node's PostgreSQL server (postmaster.pid).
func (nd *Node) Postmaster() (int, error) {
	b, err := os.ReadFile(nd.DataDir + "/postmaster.pid")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(line))
}

// Kill kills a node as a lost server: its Patroni and its postmaster with
// SIGKILL together (killing only the postmaster, Patroni would start it
// again on the same node). It returns when both signals are sent.
func (c *Cluster) Kill(nd *Node) error {
	pm, err := nd.Postmaster()
	if err != nil {
		return fmt.Errorf("postmaster of %s: %w", nd.Name, err)
	}
	if nd.patroni == nil || nd.patroni.Exited() {
		return fmt.Errorf("patroni of %s is not running", nd.Name)
	}
	perr := syscall.Kill(-nd.patroni.Cmd.Process.Pid, syscall.SIGKILL)
	merr := syscall.Kill(pm, syscall.SIGKILL)
	if perr != nil || merr != nil {
		return fmt.Errorf("kill %s: patroni %v, postmaster %v", nd.Name, perr, merr)
	}
	return nil
}

// URL is the multi-host DATABASE_URL of database db on every node: a
// connection goes to the node that takes writes.
func (c *Cluster) URL(db string) string {
	hosts := make([]string, len(c.Nodes))
	for i, nd := range c.Nodes {
		hosts[i] = fmt.Sprintf("127.0.0.1:%d", nd.PGPort)
	}
	return "postgres://postgres@" + strings.Join(hosts, ",") + "/" + db + "?sslmode=disable&target_session_attrs=read-write&connect_timeout=3"
}

// Replication is what the leader's pg_stat_replication says of its
// standbys ("node2 streaming sync"), with synchronous_standby_names: the
// proof that a commit waits for the standby.
func (c *Cluster) Replication(ctx context.Context, leader *Node) (string, error) {
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", leader.PGPort))
	if err != nil {
		return "", err
	}
	cfg.Password = c.SuperPassword
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(cctx, cfg)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var names, commit string
	if err := conn.QueryRow(cctx, `SELECT current_setting('synchronous_standby_names'), current_setting('synchronous_commit')`).Scan(&names, &commit); err != nil {
		return "", err
	}
	rows, err := conn.Query(cctx, `SELECT application_name, state, sync_state FROM pg_stat_replication ORDER BY 1`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var out []string
	sync := false
	for rows.Next() {
		var app, state, syncState string
		if err := rows.Scan(&app, &state, &syncState); err != nil {
			return "", err
		}
		out = append(out, app+" "+state+" "+syncState)
		sync = sync || (state == "streaming" && syncState == "sync")
	}
	desc := fmt.Sprintf("synchronous_standby_names=%q synchronous_commit=%s standbys=%v", names, commit, out)
	if !sync || commit == "off" || commit == "local" {
		return desc, fmt.Errorf("no synchronous standby: %s", desc)
	}
	return desc, rows.Err()
}
