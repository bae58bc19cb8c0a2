package drill

import (
	"bufio"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// patroniConfig is the part of a Patroni configuration these tests check.
type patroniConfig struct {
	Bootstrap struct {
		DCS struct {
			TTL                   int  `yaml:"ttl"`
			LoopWait              int  `yaml:"loop_wait"`
			RetryTimeout          int  `yaml:"retry_timeout"`
			SynchronousMode       bool `yaml:"synchronous_mode"`
			SynchronousModeStrict bool `yaml:"synchronous_mode_strict"`
			PostgreSQL            struct {
				UsePgRewind  bool              `yaml:"use_pg_rewind"`
				Parameters   map[string]string `yaml:"parameters"`
				RecoveryConf map[string]string `yaml:"recovery_conf"`
			} `yaml:"postgresql"`
		} `yaml:"dcs"`
	} `yaml:"bootstrap"`
	Etcd3 struct {
		Hosts string `yaml:"hosts"`
	} `yaml:"etcd3"`
	PostgreSQL struct {
		DataDir string   `yaml:"data_dir"`
		PgHba   []string `yaml:"pg_hba"`
	} `yaml:"postgresql"`
}

// checkTiming holds a configuration to Patroni's rule of timing and to
// synchronous replication: what makes a failover lose nothing acknowledged.
func checkPatroni(t *testing.T, what string, c patroniConfig) {
	t.Helper()
	d := c.Bootstrap.DCS
	if d.TTL <= 0 || d.LoopWait+2*d.RetryTimeout > d.TTL {
		t.Errorf("%s: ttl %d, loop_wait %d, retry_timeout %d: Patroni needs loop_wait + 2 × retry_timeout ≤ ttl", what, d.TTL, d.LoopWait, d.RetryTimeout)
	}
	if !d.SynchronousMode {
		t.Errorf("%s: synchronous_mode is off: a failover could lose acknowledged writes", what)
	}
	if !d.PostgreSQL.UsePgRewind {
		t.Errorf("%s: use_pg_rewind is off: a former primary could not rejoin", what)
	}
	for _, line := range c.PostgreSQL.PgHba {
		if f := strings.Fields(line); len(f) > 0 && f[0] == "host" && f[len(f)-1] == "trust" {
			t.Errorf("%s: pg_hba trusts the network: %q", what, line)
		}
	}
}

// TestTheExampleClusterConfigurationHolds: deploy/ha is the documented
// deployment. Its Patroni configuration uses synchronous mode with a valid
// timing, archives every WAL segment with pgBackRest and restores with it;
// pgBackRest's stanza is that data directory; Jixiao's DATABASE_URL names
// every node and asks for the one that takes writes.
func TestTheExampleClusterConfigurationHolds(t *testing.T) {
	dir := filepath.Join("..", "..", "deploy", "ha")
	b, err := os.ReadFile(filepath.Join(dir, "patroni.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c patroniConfig
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("patroni.yml: %v", err)
	}
	checkPatroni(t, "deploy/ha/patroni.yml", c)
	p := c.Bootstrap.DCS.PostgreSQL
	if p.Parameters["archive_mode"] != "on" || !strings.Contains(p.Parameters["archive_command"], "pgbackrest --stanza=jixiao archive-push %p") {
		t.Errorf("WAL is not archived by pgBackRest: %v", p.Parameters)
	}
	if !strings.Contains(p.RecoveryConf["restore_command"], "pgbackrest --stanza=jixiao archive-get %f") {
		t.Errorf("restore_command: %q", p.RecoveryConf["restore_command"])
	}
	nodes := strings.Split(c.Etcd3.Hosts, ",")
	if len(nodes) < 3 {
		t.Errorf("etcd hosts %q: three members keep a quorum when one is lost", c.Etcd3.Hosts)
	}

	conf := iniSections(t, filepath.Join(dir, "pgbackrest.conf"))
	if conf["jixiao"]["pg1-path"] != c.PostgreSQL.DataDir {
		t.Errorf("pgbackrest.conf pg1-path %q, Patroni's data_dir %q", conf["jixiao"]["pg1-path"], c.PostgreSQL.DataDir)
	}
	if conf["global"]["repo1-host"] == "" && conf["global"]["repo1-path"] == "" {
		t.Error("pgbackrest.conf names no repository")
	}
	repo := iniSections(t, filepath.Join(dir, "pgbackrest-repo.conf"))
	if repo["global"]["repo1-retention-full"] == "" || repo["global"]["repo1-cipher-type"] == "" {
		t.Errorf("the repository keeps no retention or is not encrypted: %v", repo["global"])
	}

	env := iniSections(t, filepath.Join(dir, "jixiao.env"))[""]
	url := env["DATABASE_URL"]
	for _, n := range nodes {
		host, _, _ := strings.Cut(n, ":")
		if !strings.Contains(url, host+":5432") {
			t.Errorf("DATABASE_URL does not name node %s: %s", host, url)
		}
	}
	if !strings.Contains(url, "target_session_attrs=read-write") || !strings.Contains(env["DATABASE_REPLICA_URL"], "target_session_attrs=prefer-standby") {
		t.Errorf("the URLs do not ask for the right node: %v", env)
	}
	for _, name := range []string{"DATABASE_URL", "DATABASE_REPLICA_URL"} {
		u, err := neturl.Parse(env[name])
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, has := u.User.Password(); has {
			t.Errorf("%s holds a password: it belongs in DATABASE_PASSWORD", name)
		}
	}
}

// TestTheDrillClusterIsConfiguredLikeTheExample: the drill's Patroni
// configuration obeys the same rules, with the drill's shorter timing.
func TestTheDrillClusterIsConfiguredLikeTheExample(t *testing.T) {
	env := &Env{Dir: "/tmp/jixiao-drill-x", PGBin: "/usr/lib/postgresql/15/bin"}
	c := &Cluster{env: env, timing: DrillTiming, etcdClient: 2379, SuperPassword: "a", replPassword: "b"}
	nd := &Node{Name: "node1", PGPort: 5433, APIPort: 8008, DataDir: env.Path("node1", "data")}
	var pc patroniConfig
	if err := yaml.Unmarshal([]byte(c.config(nd)), &pc); err != nil {
		t.Fatalf("the drill's patroni configuration: %v", err)
	}
	checkPatroni(t, "the drill", pc)
	if pc.Bootstrap.DCS.TTL != DrillTiming.TTL || pc.PostgreSQL.DataDir != nd.DataDir {
		t.Errorf("the drill's configuration: %+v", pc)
	}
}

// iniSections reads a file of "key=value" lines under "[section]" headers
// ("" before the first); comments and blank lines are skipped.
func iniSections(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string]string{"": {}}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			if out[section] == nil {
				out[section] = map[string]string{}
			}
		default:
			k, v, _ := strings.Cut(line, "=")
			out[section][strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
