package web

// pageLinks returns the links to the pages before and after pageNo of
// pages ("" at either end); link makes the address of a page.
func pageLinks(pageNo, pages int, link func(int) string) (prev, next string) {
	if pageNo > 1 {
		prev = link(pageNo - 1)
	}
	if pageNo < pages {
		next = link(pageNo + 1)
	}
	return prev, next
}
