module example.com/stale

go 1.19

require golang.org/x/text v0.14.0
