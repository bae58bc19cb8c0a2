package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"jixiao/domain/audit"
)

// SealedSecret is one sealed second-factor secret and whose it is.
type SealedSecret struct {
	UserID  int64
	Column  string // "totp_secret" or "totp_pending_secret"
	Sealed  []byte
	Opened  []byte // filled by the caller of ReplaceSealedSecrets
	Changed bool
}

// SealedSecrets lists every sealed secret in the database.
func (s *Store) SealedSecrets(ctx context.Context) ([]SealedSecret, error) {
	rows, err := s.sql.QueryContext(ctx, `SELECT id, 'totp_secret', totp_secret FROM users WHERE totp_secret IS NOT NULL
		UNION ALL SELECT id, 'totp_pending_secret', totp_pending_secret FROM users WHERE totp_pending_secret IS NOT NULL ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("sealed secrets: %w", err)
	}
	defer rows.Close()
	var out []SealedSecret
	for rows.Next() {
		var x SealedSecret
		if err := rows.Scan(&x.UserID, &x.Column, &x.Sealed); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// ResealSecrets replaces every sealed secret in one transaction: reseal
// gets each as stored and returns it sealed anew (under a new key). A
// secret that changed meanwhile aborts the whole. It returns how many it
// replaced.
func (s *Store) ResealSecrets(ctx context.Context, reseal func(SealedSecret) ([]byte, error), e audit.Entry) (int, error) {
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SELECT 1 FROM users WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL FOR UPDATE`).Error; err != nil {
			return err
		}
		all, err := s.SealedSecrets(ctx)
		if err != nil {
			return err
		}
		for _, x := range all {
			fresh, err := reseal(x)
			if err != nil {
				return err
			}
			// the column name comes from SealedSecrets, never from input
			res := tx.Exec(`UPDATE users SET `+x.Column+` = ? WHERE id = ? AND `+x.Column+` = ?`, fresh, x.UserID, x.Sealed)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return fmt.Errorf("the secret of user %d changed during the rotation: run it again", x.UserID)
			}
			n++
		}
		e.Action, e.ObjectType = audit.SecretRotated, "secret_key"
		e.Detail = audit.JSON(map[string]int{"secrets": n})
		return appendAudit(tx, e)
	})
	if err != nil {
		return 0, fmt.Errorf("rotate secret key: %w", err)
	}
	return n, nil
}
