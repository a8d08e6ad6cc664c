package graph

// PlansAnswered is how many queries compiled plans have answered in this
// process.
func PlansAnswered() int64 { return planMetrics.planned.Load() }

// WriteQuoted is writeQuoted.
var WriteQuoted = writeQuoted
