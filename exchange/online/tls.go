package online

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
)

// TLSFiles names PEM files for mutual TLS with departments that require a
// client certificate. Each part is optional: CertFile and KeyFile together
// give the centre's client certificate; CAFile, when set, is the only
// authority trusted for department servers (a private government CA),
// replacing the system roots.
type TLSFiles struct {
	CertFile string
	KeyFile  string
	CAFile   string
}

// LoadTLS reads the files into a client configuration for Config.TLS.
func LoadTLS(f TLSFiles) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if (f.CertFile == "") != (f.KeyFile == "") {
		return nil, fmt.Errorf("online: a client certificate needs both a certificate file and a key file")
	}
	if f.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(f.CertFile, f.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("online: client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if f.CAFile != "" {
		pem, err := os.ReadFile(f.CAFile)
		if err != nil {
			return nil, fmt.Errorf("online: CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("online: CA file %s holds no PEM certificate", f.CAFile)
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}
