package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// secretBox is the box of JIXIAO_SECRET_KEY for serve. Once any sealed
// secret exists the server refuses to start without the key, or with a key
// that does not open them (rotated in the database but not in the
// environment); without secrets and without a key it starts, and enrolment
// answers 503 until a key is set.
func secretBox(ctx context.Context, st *store.Store, cfg config.Config, log *slog.Logger) (*auth.SecretBox, error) {
	sealed, err := st.SealedSecrets(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.Security.SecretKey == nil {
		if len(sealed) > 0 {
			return nil, fmt.Errorf("数据库中已有 %d 个加密保存的双因素密钥，须设置 JIXIAO_SECRET_KEY（%d 字节，64 位十六进制或 base64）才能启动",
				len(sealed), auth.SecretKeySize)
		}
		if len(cfg.Security.Policy.TOTPRoles) > 0 {
			log.Warn("no JIXIAO_SECRET_KEY: users of roles that must use a second factor cannot enrol", "roles", cfg.Security.Policy.TOTPRoles)
		}
		return nil, nil
	}
	box, err := auth.NewSecretBox(cfg.Security.SecretKey)
	if err != nil {
		return nil, err
	}
	for _, x := range sealed {
		if _, err := box.Open(x.Sealed, auth.TOTPOwner(x.UserID)); err != nil {
			return nil, fmt.Errorf("JIXIAO_SECRET_KEY 打不开数据库中用户 %d 的双因素密钥：密钥不对（轮换后没有更新环境变量？）", x.UserID)
		}
	}
	return box, nil
}

// secretCmd makes a new key ("secret generate") or re-encrypts every
// sealed secret under a new key read from standard input ("secret rotate").
func secretCmd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return usageError(`secret: want "secret generate" or "secret rotate --new-key-stdin"`)
	}
	switch args[0] {
	case "generate":
		if len(args) > 1 {
			return usageError("secret generate takes no arguments")
		}
		k, err := auth.NewSecretKey()
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, k)
		return nil
	case "rotate":
		fs := flag.NewFlagSet("secret rotate", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fromStdin := fs.Bool("new-key-stdin", false, "read the new key from standard input")
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || !*fromStdin {
			return usageError("secret rotate --new-key-stdin (the current key in JIXIAO_SECRET_KEY)")
		}
		line, err := readLine(stdin)
		if err != nil {
			return err
		}
		newKey, err := auth.ParseSecretKey(line)
		if err != nil {
			return fmt.Errorf("新密钥：%w", err)
		}
		st, err := openMigrated(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer st.Close()
		return rotate(ctx, st, cfg.Security.SecretKey, newKey, stdout)
	}
	return usageError(fmt.Sprintf("secret: unknown subcommand %q", args[0]))
}

func rotate(ctx context.Context, st *store.Store, oldKey, newKey []byte, stdout io.Writer) error {
	next, err := auth.NewSecretBox(newKey)
	if err != nil {
		return err
	}
	var old *auth.SecretBox
	if oldKey != nil {
		if old, err = auth.NewSecretBox(oldKey); err != nil {
			return err
		}
	}
	n, err := st.ResealSecrets(ctx, func(x store.SealedSecret) ([]byte, error) {
		if old == nil {
			return nil, errors.New("数据库中有加密的密钥，须在 JIXIAO_SECRET_KEY 中给出当前密钥")
		}
		plain, err := old.Open(x.Sealed, auth.TOTPOwner(x.UserID))
		if err != nil {
			return nil, fmt.Errorf("JIXIAO_SECRET_KEY 打不开用户 %d 的密钥：它不是当前密钥", x.UserID)
		}
		return next.Seal(plain, auth.TOTPOwner(x.UserID))
	}, audit.Entry{Actor: audit.CLI, At: time.Now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已用新密钥重新加密 %d 个密钥。请把 JIXIAO_SECRET_KEY 换成新密钥，再重启服务。\n", n)
	return nil
}

// readLine reads the first line of r, without its line ending.
func readLine(r io.Reader) (string, error) {
	s, err := readPassword(r)
	if err != nil {
		return "", usageError("secret rotate: no key on standard input")
	}
	return s, nil
}

// idleSweepEvery is how often serve disables accounts unused past the limit.
const idleSweepEvery = time.Hour

// sweepIdleAccounts disables, at start and then hourly until ctx ends,
// every account with no sign-in for longer than the policy's idle limit.
func sweepIdleAccounts(ctx context.Context, st *store.Store, policy user.Security, log *slog.Logger) {
	if policy.IdleLimit <= 0 {
		return
	}
	t := time.NewTicker(idleSweepEvery)
	defer t.Stop()
	for {
		sctx, cancel := context.WithTimeout(ctx, time.Minute)
		names, err := st.DisableIdleAccounts(sctx, time.Now().Add(-policy.IdleLimit), audit.Entry{Actor: audit.System})
		cancel()
		if err != nil && ctx.Err() == nil {
			log.Error("disable idle accounts", "error", err)
		}
		if len(names) > 0 {
			log.Info("disabled idle accounts", "usernames", names)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
