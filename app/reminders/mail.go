package reminders

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Mailer sends reminders through an SMTP server (JIXIAO_SMTP_URL).
type Mailer struct {
	host     string
	port     int
	ssl      bool
	tls      gomail.TLSPolicy
	user     string
	password string
	from     string
}

// NewMailer reads an SMTP URL: smtp://[user:password@]host[:port]?from=addr
// (STARTTLS when the server offers it; ?tls=required to insist, ?tls=none
// to never try) or smtps:// (TLS from the start, port 465 by default).
func NewMailer(raw string) (*Mailer, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("JIXIAO_SMTP_URL: want smtp://[user:password@]host[:port]?from=address")
	}
	m := &Mailer{host: u.Hostname(), port: 587, tls: gomail.TLSOpportunistic, from: u.Query().Get("from")}
	if u.Scheme == "smtps" {
		m.ssl, m.port, m.tls = true, 465, gomail.TLSMandatory
	}
	switch u.Query().Get("tls") {
	case "required":
		m.tls = gomail.TLSMandatory
	case "none":
		m.tls = gomail.NoTLS
	}
	if p := u.Port(); p != "" {
		if m.port, err = strconv.Atoi(p); err != nil || m.port < 1 || m.port > 65535 {
			return nil, errors.New("JIXIAO_SMTP_URL: bad port")
		}
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.password, _ = u.User.Password()
	}
	if m.from == "" {
		m.from = "jixiao@" + m.host
	}
	if _, err := mail.ParseAddress(m.from); err != nil {
		return nil, errors.New("JIXIAO_SMTP_URL: the from= address is not valid")
	}
	return m, nil
}

// Send sends one plain-text message, within 30 seconds.
func (m *Mailer) Send(ctx context.Context, to, subject, body string) error {
	msg := gomail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.To(to); err != nil {
		return fmt.Errorf("to %q: %w", to, err)
	}
	msg.Subject(subject)
	msg.SetBodyString(gomail.TypeTextPlain, body)
	opts := []gomail.Option{gomail.WithTLSPolicy(m.tls), gomail.WithPort(m.port), gomail.WithTimeout(30 * time.Second)}
	if m.ssl {
		opts = append(opts, gomail.WithSSL(), gomail.WithPort(m.port))
	}
	if m.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(m.user), gomail.WithPassword(m.password))
	}
	c, err := gomail.NewClient(m.host, opts...)
	if err != nil {
		return fmt.Errorf("mail client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}

// CheckEmail is the rough shape check of an address a user gives; the mail
// server has the last word.
func CheckEmail(email string) bool {
	if email == "" {
		return true
	}
	a, err := mail.ParseAddress(email)
	return err == nil && a.Address == email && a.Name == "" && len(email) <= 254
}
