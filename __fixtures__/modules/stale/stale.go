// Package stale has a go.sum that lacks what go.mod requires: a module inconsistency.
package stale
