// Copyright 2021 FerretDB Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package sqlite

// OrgSphere patch: this file is not in FerretDB v1.24.2. Upstream's Query and Explain
// pushed down only an _id equality; every other filter read the whole table. Here an
// equality on a field that leads an index becomes a WHERE clause SQLite answers through
// that index. It is a pre-filter: every caller still filters the returned rows with the
// whole filter, so it may select more rows than match, never fewer.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// prepareWhereClause returns a WHERE clause (with its arguments) that selects at least
// every row of the collection the filter matches, or "" when nothing can be pushed down.
func prepareWhereClause(meta *metadata.Collection, filter *types.Document) (string, []any) {
	if v, ok := pushdownID(filter); ok {
		return fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn), []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
	}

	var terms []string
	var args []any

	if eq, ok := pushdownIndexedEquality(meta, filter); ok {
		term, eqArgs := eq.whereTerm()
		terms, args = append(terms, term), eqArgs
	}

	// an $exists too: SQLite picks the index it prefers, and checks the other term on
	// the rows it reads
	if term, ok := pushdownIndexedExists(meta, filter); ok {
		terms = append(terms, term)
	}

	if len(terms) == 0 {
		return "", nil
	}

	return ` WHERE ` + strings.Join(terms, " AND "), args
}

// pushdownID returns the filter's _id value when SQLite can select by it.
//
// OrgSphere patch: upstream pushed _id down only when it was the filter's only key,
// so a compare-and-set ({_id, version}) scanned the whole table. Every caller
// filters the returned rows again with the whole filter, and an _id matches at most
// one document, so selecting by it only skips rows that cannot match.
func pushdownID(filter *types.Document) (any, bool) {
	if countKey(filter, "_id") != 1 {
		// a duplicated _id key stays on the scan path, where filtering handles it
		return nil, false
	}

	v := must.NotFail(filter.Get("_id"))
	switch v.(type) {
	case string, types.ObjectID:
		return v, true
	default:
		return nil, false
	}
}

// indexedEquality is a top-level equality of a filter on a field that leads an index,
// as the JSON texts that field holds in the rows that can match.
type indexedEquality struct {
	field   string
	texts   []string
	missing bool // rows without the field match too ({field: null})
}

// whereTerm selects the rows whose field has one of the texts, lacks the field when
// that matches, or holds an array: {tags: 'x'} matches {tags: ['x', 'y']}, and arrays
// are the JSON texts from '[' to just before '\'. Each OR branch is an index lookup.
func (eq indexedEquality) whereTerm() (string, []any) {
	expr := fieldExpression(eq.field)

	args := make([]any, 0, len(eq.texts)+2)
	for _, text := range eq.texts {
		args = append(args, text)
	}

	branches := []string{fmt.Sprintf("%s IN (%s)", expr, strings.Repeat("?, ", len(eq.texts)-1)+"?")}
	if eq.missing {
		branches = append(branches, expr+" IS NULL")
	}

	branches = append(branches, fmt.Sprintf("(%s >= ? AND %s < ?)", expr, expr))
	args = append(args, "[", string(rune('['+1)))

	return `(` + strings.Join(branches, " OR ") + `)`, args
}

// fieldExpression is a top-level field's value as the JSON text of its value (SQL NULL
// when the field is missing), spelled as the index expression of
// metadata.Registry.indexesCreate: SQLite uses an expression index only for an
// identical expression.
func fieldExpression(field string) string {
	return fmt.Sprintf("%s->%q", metadata.DefaultColumn, field)
}

// pushableField matches top-level field names that SQLite's -> operator surely reads as
// one object label (it reads a text label X as the path $.X), so that the expression is
// the field's value in every row; other names keep the scan.
var pushableField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pushdownIndexedEquality picks a top-level equality of the filter on an indexed field,
// preferring a single-field unique index, and says which JSON texts can match.
func pushdownIndexedEquality(meta *metadata.Collection, filter *types.Document) (indexedEquality, bool) {
	var picked indexedEquality
	var found, pickedUnique bool

	for _, field := range filter.Keys() {
		if !pushableField.MatchString(field) || strings.HasPrefix(field, backends.ReservedPrefix) {
			continue
		}

		// a duplicated key stays on the scan path, where filtering handles it
		if countKey(filter, field) != 1 {
			continue
		}

		indexed, unique := leadingIndex(meta, field)
		if !indexed || (found && (pickedUnique || !unique)) {
			continue
		}

		texts, missing, ok := equalityTexts(must.NotFail(filter.Get(field)))
		if !ok {
			continue
		}

		picked = indexedEquality{field: field, texts: texts, missing: missing}
		found, pickedUnique = true, unique
	}

	return picked, found
}

// leadingIndex says whether an index of the collection starts with the field,
// and whether one such index is unique on that field alone.
func leadingIndex(meta *metadata.Collection, field string) (indexed, unique bool) {
	for _, index := range meta.Settings.Indexes {
		if len(index.Key) == 0 || index.Key[0].Field != field {
			continue
		}

		indexed = true
		unique = unique || (index.Unique && len(index.Key) == 1)
	}

	return indexed, unique
}

// maxExactInteger bounds the integers whose every numeric type (int32, int64, double)
// is written by sjson as the same decimal text; beyond it doubles lose integers.
const maxExactInteger = 1 << 53

// maxInValues bounds the $in lists pushed down, well below SQLite's limit on the
// arguments of one statement; longer lists keep the scan.
const maxInValues = 1000

// equalityTexts returns the JSON texts (as sjson writes them) of the scalar values
// equal to the filter value v, given as `v`, `{$eq: v}` or `{$in: [v1, v2, ...]}` (equal to
// any of them: FerretDB compares each as an equality), and whether a missing field
// matches too. It declines (ok false) for anything it is not sure of: documents,
// arrays, regular expressions, binary data, timestamps, NaN, infinities, numbers too
// large for doubles to hold every integer, and empty or long $in lists.
func equalityTexts(v any) (texts []string, missing, ok bool) {
	d, isDoc := v.(*types.Document)
	if !isDoc {
		return valueTexts(v)
	}

	if d.Len() != 1 {
		return nil, false, false
	}

	switch d.Keys()[0] {
	case "$eq":
		return valueTexts(must.NotFail(d.Get("$eq")))
	case "$in":
		// OrgSphere patch: the reconciler's {state: {$in: [...]}} read every organization
		return inTexts(must.NotFail(d.Get("$in")))
	default:
		return nil, false, false
	}
}

// inTexts returns the texts of every value of a $in list, declining when one of them
// declines.
func inTexts(v any) (texts []string, missing, ok bool) {
	list, isArray := v.(*types.Array)
	if !isArray || list.Len() == 0 || list.Len() > maxInValues {
		return nil, false, false
	}

	for i := 0; i < list.Len(); i++ {
		elementTexts, elementMissing, elementOK := valueTexts(must.NotFail(list.Get(i)))
		if !elementOK {
			return nil, false, false
		}

		texts = append(texts, elementTexts...)
		missing = missing || elementMissing
	}

	return texts, missing, true
}

// valueTexts returns the texts of the scalar values equal to v (a value, never an
// operator), and whether a missing field matches too.
func valueTexts(v any) (texts []string, missing, ok bool) {
	switch v := v.(type) {
	case string, bool, types.ObjectID, time.Time:
		return []string{string(must.NotFail(sjson.MarshalSingleValue(v)))}, false, true
	case types.NullType:
		return []string{"null"}, true, true
	case int32:
		return integerTexts(int64(v))
	case int64:
		if v <= -maxExactInteger || v >= maxExactInteger {
			return nil, false, false
		}

		return integerTexts(v)
	case float64:
		return doubleTexts(v)
	default:
		return nil, false, false
	}
}

// integerTexts: an int32, an int64 or an integral double of this value is written as its
// decimal digits (encoding/json writes doubles below 1e21 without exponent); the double
// zero may also be negative.
func integerTexts(v int64) ([]string, bool, bool) {
	if v == 0 {
		return []string{"0", "-0"}, false, true
	}

	return []string{strconv.FormatInt(v, 10)}, false, true
}

// doubleTexts: a fractional double equals only the double with the same bits, which
// sjson always writes the same way.
func doubleTexts(v float64) ([]string, bool, bool) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return nil, false, false
	case v == math.Trunc(v):
		if math.Abs(v) >= maxExactInteger {
			return nil, false, false
		}

		return integerTexts(int64(v))
	default:
		return []string{string(must.NotFail(sjson.MarshalSingleValue(v)))}, false, true
	}
}

// countKey returns how many times the key occurs in the filter.
func countKey(filter *types.Document, key string) int {
	var n int

	for _, k := range filter.Keys() {
		if k == key {
			n++
		}
	}

	return n
}
