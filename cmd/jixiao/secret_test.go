package main

import (
	"context"
	"strings"
	"testing"

	"jixiao/app/auth"
	"jixiao/app/config"
	"jixiao/app/store"
	"jixiao/domain/audit"
	"jixiao/domain/user"
)

// sealFor gives a user of the database at dsn a confirmed second factor
// sealed under key.
func sealFor(t *testing.T, st *store.Store, username, key string) string {
	t.Helper()
	ctx := context.Background()
	a, err := st.CreateUser(ctx, user.Account{Username: username, Roles: []user.Role{user.Auditor}}, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", audit.Entry{Actor: audit.CLI})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := auth.ParseSecretKey(key)
	box, _ := auth.NewSecretBox(raw)
	sealed, err := box.Seal([]byte("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), auth.TOTPOwner(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.BeginTOTP(ctx, a.ID, sealed, audit.Entry{Actor: audit.CLI, Action: audit.UserTOTPBegin}); err != nil {
		t.Fatal(err)
	}
	if err := st.ConfirmTOTP(ctx, a.ID, sealed, 1, nil, audit.Entry{Actor: audit.CLI, Action: audit.UserTOTPEnrolled}); err != nil {
		t.Fatal(err)
	}
	return "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
}

func cfgWithKey(t *testing.T, key string) config.Config {
	t.Helper()
	env := map[string]string{"JIXIAO_SECRET_KEY": key}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestServerRefusesToStartWithoutTheKeyOnceASecretExists: without secrets
// the server starts with or without a key; once one exists it needs the
// key that opens it; a key of the wrong length is refused at once.
func TestServerRefusesToStartWithoutTheKeyOnceASecretExists(t *testing.T) {
	dsn := freshDatabase(t, "secret_start")
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if box, err := secretBox(ctx, st, cfgWithKey(t, ""), discardLog()); err != nil || box != nil {
		t.Fatalf("no secrets, no key: %v %v", box, err)
	}
	key, _ := auth.NewSecretKey()
	sealFor(t, st, "sealed_one", key)
	if _, err := secretBox(ctx, st, cfgWithKey(t, ""), discardLog()); err == nil || !strings.Contains(err.Error(), "JIXIAO_SECRET_KEY") {
		t.Errorf("a secret and no key: %v", err)
	}
	other, _ := auth.NewSecretKey()
	if _, err := secretBox(ctx, st, cfgWithKey(t, other), discardLog()); err == nil || !strings.Contains(err.Error(), "密钥不对") {
		t.Errorf("a secret and the wrong key: %v", err)
	}
	if box, err := secretBox(ctx, st, cfgWithKey(t, key), discardLog()); err != nil || box == nil {
		t.Errorf("the right key: %v", err)
	}
	if _, err := config.FromEnv(func(k string) string { return map[string]string{"JIXIAO_SECRET_KEY": "abcd"}[k] }); err == nil {
		t.Error("a short key was accepted")
	}
}

// TestSecretRotateReencryptsEverySecret: after rotation every secret opens
// with the new key only, and the rotation is audited.
func TestSecretRotateReencryptsEverySecret(t *testing.T) {
	dsn := freshDatabase(t, "secret_rotate")
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	oldKey, _ := auth.NewSecretKey()
	secret := sealFor(t, st, "rotate_one", oldKey)
	sealFor(t, st, "rotate_two", oldKey)
	newKey, _ := auth.NewSecretKey()
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("JIXIAO_SECRET_KEY", oldKey)
	var out strings.Builder
	if err := run(ctx, []string{"secret", "rotate", "--new-key-stdin"}, strings.NewReader(newKey+"\n"), &out, discardLog()); err != nil {
		t.Fatalf("rotate: %v", err)
	}
	if !strings.Contains(out.String(), "重新加密 2 个密钥") {
		t.Errorf("%s", out.String())
	}
	if _, err := secretBox(ctx, st, cfgWithKey(t, oldKey), discardLog()); err == nil {
		t.Error("the old key still opens the secrets")
	}
	box, err := secretBox(ctx, st, cfgWithKey(t, newKey), discardLog())
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := st.SealedSecrets(ctx)
	for _, x := range sealed {
		if p, err := box.Open(x.Sealed, auth.TOTPOwner(x.UserID)); err != nil || string(p) != secret {
			t.Errorf("user %d: %v", x.UserID, err)
		}
	}
	if _, total, _ := st.ListAudit(ctx, audit.Filter{Action: audit.SecretRotated}); total != 1 {
		t.Errorf("%d audit rows of the rotation", total)
	}
	// a rotation with a key that is not the current one changes nothing
	t.Setenv("JIXIAO_SECRET_KEY", oldKey)
	third, _ := auth.NewSecretKey()
	if err := run(ctx, []string{"secret", "rotate", "--new-key-stdin"}, strings.NewReader(third+"\n"), &out, discardLog()); err == nil {
		t.Error("rotation with the wrong current key passed")
	}
	if _, err := secretBox(ctx, st, cfgWithKey(t, newKey), discardLog()); err != nil {
		t.Errorf("after a refused rotation: %v", err)
	}
}
