package exchange

import (
	"context"

	"hedui"
)

// MaxRequestFileQueries bounds one request file; a department with more
// open queries than this gets the first ones in the store's order and
// the rest once those are answered.
const MaxRequestFileQueries = 10000

// QueryLister reads the queries addressed to a department, a page at a
// time.
type QueryLister interface {
	DepartmentQueries(ctx context.Context, by hedui.Actor, f hedui.QueryFilter) (hedui.Page[hedui.Query], error)
}

// requestPage is how many queries one read of SentQueries fetches.
const requestPage = 200

// SentQueries lists the queries sent to the department and still owing
// answers, in the store's order, up to MaxRequestFileQueries: what its
// request file lists. The API's and the pages' request files share it.
func SentQueries(ctx context.Context, st QueryLister, by hedui.Actor, departmentID int64) ([]hedui.Query, error) {
	var qs []hedui.Query
	f := hedui.QueryFilter{DepartmentID: departmentID, Status: []hedui.QueryStatus{hedui.QuerySent}, Limit: requestPage}
	for len(qs) < MaxRequestFileQueries {
		page, err := st.DepartmentQueries(ctx, by, f)
		if err != nil {
			return nil, err
		}
		for _, x := range page.Items {
			if x.DepartmentID == departmentID {
				qs = append(qs, x)
			}
		}
		f.Offset += len(page.Items)
		if len(page.Items) == 0 || f.Offset >= page.Total {
			break
		}
	}
	return qs, nil
}
