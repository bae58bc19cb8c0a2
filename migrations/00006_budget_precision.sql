-- Budgets are 万元 held to the fen of a yuan: a table in 元 (3,309,840.01 元)
-- imports as 330.984001 万元 exactly, so six decimals. Integer digits stay 16.

-- +goose Up
ALTER TABLE projects ALTER COLUMN budget TYPE numeric(22, 6);

-- +goose Down
ALTER TABLE projects ALTER COLUMN budget TYPE numeric(16, 2);
