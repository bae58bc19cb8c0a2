// Package config reads Jixiao's settings from the environment.
package config

import (
	"fmt"
	"strconv"
	"time"
)

// DefaultDatabaseURL is the local PostgreSQL of a development machine.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/jixiao?sslmode=disable"

// Config holds the process settings.
type Config struct {
	DatabaseURL string
	Addr        string
	// BodyLimit caps request bodies, e.g. "1M".
	BodyLimit string
	// ShutdownGrace is how long serve waits for requests in flight on SIGTERM.
	ShutdownGrace time.Duration
	// Env keeps every JIXIAO_* variable for the domain settings (rule set).
	Env map[string]string
}

// FromEnv reads the configuration through getenv (os.Getenv in production).
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:   getenv("DATABASE_URL"),
		Addr:          getenv("ADDR"),
		BodyLimit:     getenv("JIXIAO_BODY_LIMIT"),
		ShutdownGrace: 15 * time.Second,
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = DefaultDatabaseURL
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.BodyLimit == "" {
		c.BodyLimit = "1M"
	}
	if v := getenv("JIXIAO_SHUTDOWN_GRACE_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Config{}, fmt.Errorf("JIXIAO_SHUTDOWN_GRACE_SECONDS: want seconds, got %q", v)
		}
		c.ShutdownGrace = time.Duration(n) * time.Second
	}
	return c, nil
}
