package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"jixiao/domain/audit"
)

type auditBreakJSON struct {
	Seq    int64  `json:"seq"`
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
}

type auditVerifyJSON struct {
	Intact   bool            `json:"intact"`
	Rows     int64           `json:"rows"`
	HeadSeq  int64           `json:"head_seq"`
	HeadHash string          `json:"head_hash"`
	Break    *auditBreakJSON `json:"break"`
}

// verifyAudit walks the audit hash chain and names the first broken row.
func (s *Server) verifyAudit(c echo.Context) error {
	v, err := s.store.VerifyAudit(c.Request().Context())
	if err != nil {
		return err
	}
	out := auditVerifyJSON{Intact: v.Break == nil, Rows: v.Rows, HeadSeq: v.HeadSeq, HeadHash: audit.HexHash(v.HeadHash)}
	if v.Break != nil {
		out.Break = &auditBreakJSON{Seq: v.Break.Seq, ID: v.Break.ID, Reason: v.Break.Reason}
	}
	return c.JSON(http.StatusOK, out)
}
