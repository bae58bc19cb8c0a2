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
	// UserResetRequested: an administrator asked to reset the password or
	// second factor of an account whose reset a second person confirms;
	// nothing changed yet.
	UserResetRequested = "user.reset_request"
	// UserResetRejected: the second person (or the one who asked) turned a
	// reset request down. A confirmed one is recorded as the change it
	// made (user.password, user.totp_reset) with both persons.
	UserResetRejected = "user.reset_reject"
)

// System is the actor of what the server does on its own (the hourly
// sweep of idle accounts).
const System = "system"
