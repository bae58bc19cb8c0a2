package config

// Security holds the settings of second factors, password life, secrets at
// rest and backups.
type Security struct {
	// PGBin is the directory of pg_dump and pg_restore (JIXIAO_PG_BIN);
	// empty looks them up in PATH.
	PGBin string
}

func securityFromEnv(getenv func(string) string) (Security, error) {
	s := Security{PGBin: getenv("JIXIAO_PG_BIN")}
	return s, nil
}
