package online

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"hedui"
)

// testCA issues certificates for the TLS tests.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "测试政务CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// issue returns a leaf certificate and its key in PEM.
func (ca *testCA) issue(t *testing.T, serial int64, cn string, usage x509.ExtKeyUsage) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMutualTLS runs a department that requires a client certificate from
// the government CA, and a centre that loads its certificate with LoadTLS.
func TestMutualTLS(t *testing.T) {
	ca := newTestCA(t)
	srvCert, srvKey := ca.issue(t, 2, "dept.example", x509.ExtKeyUsageServerAuth)
	cliCert, cliKey := ca.issue(t, 3, "hedui-centre", x509.ExtKeyUsageClientAuth)
	dir := t.TempDir()
	caFile := writeFile(t, dir, "ca.pem", ca.pem)
	certFile, keyFile := writeFile(t, dir, "centre.pem", cliCert), writeFile(t, dir, "centre.key", cliKey)

	centre := newPair(t, true, "centre")
	d := newFakeDept(t, centre.verifier, nil, func(_ int, req Request) reply {
		return jsonReply(http.StatusOK, answerAll(req, StatusAnswered))
	})
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	serverPair, err := tls.X509KeyPair(srvCert, srvKey)
	if err != nil {
		t.Fatal(err)
	}
	d.srv.TLS = &tls.Config{Certificates: []tls.Certificate{serverPair}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	d.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	d.srv.StartTLS()
	t.Cleanup(d.srv.Close)

	send := func(t *testing.T, files TLSFiles) (int, int) {
		cfg, err := LoadTLS(files)
		if err != nil {
			t.Fatal(err)
		}
		a := New(Config{Signer: centre.signer, TLS: cfg, MaxAttempts: 2, Now: fixedNow, Sleep: (&sleeps{}).sleep})
		res, err := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Delivered, []string{"Q-1"}) {
			return 0, len(res.Failed)
		}
		return len(res.Answers), 0
	}
	t.Run("with client certificate", func(t *testing.T) {
		if n, _ := send(t, TLSFiles{CertFile: certFile, KeyFile: keyFile, CAFile: caFile}); n != 2 {
			t.Fatalf("got %d answers over mutual TLS, want 2", n)
		}
	})
	t.Run("without client certificate", func(t *testing.T) {
		before := d.attempts.Load()
		if n, failed := send(t, TLSFiles{CAFile: caFile}); n != 0 || failed != 0 {
			t.Fatalf("handshake failure should leave the query undelivered for a retry: %d answers, %d failed", n, failed)
		}
		if d.attempts.Load() != before {
			t.Error("the department handled a request without a client certificate")
		}
	})
}

func TestLoadTLSErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := writeFile(t, dir, "x.pem", []byte("not a certificate"))
	for _, f := range []TLSFiles{
		{CertFile: notPEM},
		{CertFile: notPEM, KeyFile: notPEM},
		{CAFile: notPEM},
		{CAFile: filepath.Join(dir, "missing.pem")},
	} {
		if _, err := LoadTLS(f); err == nil {
			t.Errorf("LoadTLS(%+v) accepted bad input", f)
		}
	}
}
