// Package deptsim simulates the departments hedui queries, for the demo,
// the tests and load runs.
//
// Generate builds a synthetic population from a seed: households of one to
// six members in 庆阳市's townships, with plausible names, valid and unique
// ID numbers, and for every person the truth the twelve departments hold
// (PersonTruth). Each household also carries the declaration it makes —
// honest, or, for a configurable share, differing on purpose in a recorded
// way (Discrepancy) — and turns into a hedui.NewApplication. With
// Config.Recipients the households are instead those of a 低保 and 特困
// roll (recipients.go): eligible when last reviewed, a share changed since
// in a recorded way (Change); Population.Roll records each household's
// income as the departments reported it at that review, so that a
// re-verification round flags the changed households and no others.
//
// Population.Answer is what the departments answer about anyone; the
// record kinds it answers with are the root vocabulary (hedui.RecordKinds,
// recordkinds.go), and kinds.go holds the department columns. Two
// channels serve it: Server, an http.Handler speaking the online interface
// of package exchange/online (signed requests, synchronous answers or
// callbacks), and Adapter, an in-process exchange.Adapter for the simulator
// channel. Both apply a Behaviour: latency, errors, silence and garbage, decided
// deterministically per query so that runs can be repeated.
//
// Nothing here is real: names are drawn from lists, ID numbers are
// generated, and every amount is invented.
package deptsim
