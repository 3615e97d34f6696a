package batchfile

import "time"

// Manifest describes one request file in the outbox. It is written after
// the file it describes, so whoever moves files through the front-end
// exchange machine should take a batch when its manifest appears and can
// check the file against SHA256 before sending it on.
type Manifest struct {
	Department     string    `json:"department_code"`
	DepartmentName string    `json:"department_name"`
	BatchID        string    `json:"batch_id"`
	File           string    `json:"file"` // base name, in the manifest's directory
	Format         Format    `json:"format"`
	Rows           int       `json:"rows"`    // data rows: subjects × items
	Queries        int       `json:"queries"` // queries in the batch
	SHA256         string    `json:"sha256"`  // hex, of the file's bytes
	CreatedAt      time.Time `json:"created_at"`
}
