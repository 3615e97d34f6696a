// Package benchcity measures a whole re-verification round at city scale:
// `hedui bench recheck`.
//
// A City is a synthetic population of recipients (package deptsim, with the
// smaller households of the 低保 and 特困 rolls: 2.5 members on average, and
// a share of households hiding an asset or an income). Run takes it
// through hedui on SQLite or PostgreSQL — the roll imported from the
// counties' files, a round started over the city, the departments asked in
// bulk, every answer stored, every household compared, judged by the
// county rules and concluded — and times the same work done as bare SQL on
// the same engine with the same data (Floor): the members and the answer
// rows loaded by the engine's bulk path and joined, grouped by household.
// The ratio of the two says how much hedui's bookkeeping (sealing, audit,
// leases, evidence) costs over the least a database must do. The peak
// resident memory of the process is read from the kernel (PeakRSS).
package benchcity
