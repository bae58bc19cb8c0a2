package audit

// Actions of the second factor, password life, secrets and backups.
const (
	// LoginSecondFactor: a TOTP or recovery code completed a sign-in step.
	LoginSecondFactor = "auth.second_factor"
	// LoginSecondFactorFailed: a wrong, replayed or expired code.
	LoginSecondFactorFailed = "auth.second_factor_failed"
	// LoginPending: the password was right; the sign-in waits for its next
	// step (detail "next": totp, totp_enrol, password_change).
	LoginPending = "auth.login_pending"
	// PasswordChangeForced: a pending sign-in changed its expired or
	// administrator-set password.
	PasswordChangeForced = "auth.password_change"
	UserTOTPBegin        = "user.totp_begin"
	UserTOTPEnrolled     = "user.totp_enrol"
	UserTOTPReset        = "user.totp_reset"
	UserDisabledIdle     = "user.disable_idle"
	SecretRotated        = "secret.rotate"
)

// System is the actor of what the server does on its own (the hourly
// sweep of idle accounts).
const System = "system"
