package benchcity

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"hedui"
)

// FloorData are the floor's input files: the city's members and the
// departments' answer rows, as CSV without a header, written before the
// floor is timed (as answer files are on disk before a centre loads them).
type FloorData struct {
	Members string   // household, ID number
	Answers []string // ID number, item, no record (1 or 0), amount in fen, records as JSON, SHA-256 of the records
	Rows    int      // answer rows in all files
}

// WriteFloorData writes the floor's files in dir, the answers in one file
// per processor, generated side by side. The rows are those the simulated
// departments give hedui about the same people for the same items.
func WriteFloorData(dir string, c *City, items []hedui.Item) (FloorData, error) {
	fd := FloorData{Members: filepath.Join(dir, "floor-members.csv")}
	if err := writeCSV(fd.Members, func(w *csv.Writer) error {
		for i, h := range c.Pop.Households {
			for _, m := range h.Members {
				if err := w.Write([]string{strconv.Itoa(i), m.IDNumber}); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		return fd, err
	}
	parts := runtime.GOMAXPROCS(0)
	fd.Answers = make([]string, parts)
	rows := make([]int, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	n := c.Households()
	for p := range parts {
		fd.Answers[p] = filepath.Join(dir, fmt.Sprintf("floor-answers-%d.csv", p))
		wg.Go(func() {
			errs[p] = writeCSV(fd.Answers[p], func(w *csv.Writer) error {
				var err error
				rows[p], err = c.answerRows(n*p/parts, n*(p+1)/parts, items, w)
				return err
			})
		})
	}
	wg.Wait()
	for p := range parts {
		if errs[p] != nil {
			return fd, errs[p]
		}
		fd.Rows += rows[p]
	}
	return fd, nil
}

// noRecord spells a boolean so that both engines read it: PostgreSQL's
// COPY takes 1 and 0, and SQLite stores them as integers.
var noRecord = map[bool]string{true: "1", false: "0"}

// answerRows writes the answer rows of households [from, to).
func (c *City) answerRows(from, to int, items []hedui.Item, w *csv.Writer) (int, error) {
	asOf := hedui.DateOf(c.Now)
	rows := 0
	rec := make([]string, 6)
	for i := from; i < to; i++ {
		h := &c.Pop.Households[i]
		for _, m := range h.Members {
			truth := h.Truth[m.IDNumber]
			for _, item := range items {
				recs := truth.Records(item, asOf)
				var sum hedui.Fen
				for _, r := range recs {
					sum += r.AmountFen
				}
				payload := []byte("[]")
				if len(recs) > 0 {
					payload = hedui.AppendRecordsJSON(nil, recs)
				}
				digest := sha256.Sum256(payload)
				rec[0], rec[1], rec[2] = m.IDNumber, string(item), noRecord[len(recs) == 0]
				rec[3], rec[4], rec[5] = strconv.FormatInt(int64(sum), 10), string(payload), hex.EncodeToString(digest[:])
				if err := w.Write(rec); err != nil {
					return rows, err
				}
				rows++
			}
		}
	}
	return rows, nil
}

func writeCSV(path string, fill func(w *csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	err = fill(w)
	if w.Flush(); err == nil {
		err = w.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
