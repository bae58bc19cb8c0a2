-- The reporting season: rounds with due dates, rectification items (整改),
-- evidence files (佐证材料), in-app notifications and the mail outbox of the
-- reminders, and the e-mail addresses reminders go to.

-- +goose Up
-- A round (任务下发): the reports of a period for some departments, due on a date.
CREATE TABLE rounds (
    id          bigserial PRIMARY KEY,
    period_key  text NOT NULL REFERENCES periods (key),
    due         date NOT NULL,
    note        text NOT NULL DEFAULT '',
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    closed_by   text NOT NULL DEFAULT '',
    closed_at   timestamptz
);

CREATE TABLE round_departments (
    round_id        bigint NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    department_code text NOT NULL REFERENCES departments (code),
    PRIMARY KEY (round_id, department_code)
);
CREATE INDEX round_departments_department ON round_departments (department_code);

-- A rectification item a reviewer sets when approving or returning a report;
-- the submitter answers it, the reviewer closes or reopens it.
CREATE TABLE rectifications (
    id           bigserial PRIMARY KEY,
    project_code text NOT NULL REFERENCES projects (code),
    period_key   text NOT NULL REFERENCES periods (key),
    text         text NOT NULL CHECK (text <> ''),
    due          date,
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    answer       text NOT NULL DEFAULT '',
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    answered_by  text NOT NULL DEFAULT '',
    answered_at  timestamptz,
    closed_by    text NOT NULL DEFAULT '',
    closed_at    timestamptz
);
CREATE INDEX rectifications_report ON rectifications (project_code, period_key);

-- Evidence files of a report, of one of its lines, or of a rectification answer.
-- The content is in attachment_contents unless blob_key names an object of
-- the blob store (JIXIAO_BLOB_URL).
CREATE TABLE attachments (
    id               bigserial PRIMARY KEY,
    project_code     text NOT NULL REFERENCES projects (code),
    period_key       text NOT NULL REFERENCES periods (key),
    indicator_id     bigint REFERENCES indicators (id),
    rectification_id bigint REFERENCES rectifications (id),
    name             text NOT NULL CHECK (name <> ''),
    size             bigint NOT NULL CHECK (size > 0),
    content_type     text NOT NULL,
    sha256           text NOT NULL CHECK (length(sha256) = 64),
    blob_key         text NOT NULL DEFAULT '',
    uploaded_by      text NOT NULL,
    uploaded_at      timestamptz NOT NULL
);
CREATE INDEX attachments_report ON attachments (project_code, period_key);

CREATE TABLE attachment_contents (
    attachment_id bigint PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    content       bytea NOT NULL
);

-- Where a user's reminders are mailed; no row, no mail.
CREATE TABLE user_emails (
    user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email   text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$')
);

-- In-app notifications. key names the reminder it carries, so that however
-- many instances run the reminder job, each reminder is stored once.
CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        text NOT NULL,
    kind       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    link       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    UNIQUE (user_id, key)
);
CREATE INDEX notifications_unread ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- Mail to send, one row per notification that goes by e-mail; a sender
-- claims rows FOR UPDATE SKIP LOCKED, so each is sent by one instance.
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    notification_id bigint NOT NULL UNIQUE REFERENCES notifications (id) ON DELETE CASCADE,
    email           text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT '',
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_pending ON mail_outbox (id) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE mail_outbox;
DROP TABLE notifications;
DROP TABLE user_emails;
DROP TABLE attachment_contents;
DROP TABLE attachments;
DROP TABLE rectifications;
DROP TABLE round_departments;
DROP TABLE rounds;
