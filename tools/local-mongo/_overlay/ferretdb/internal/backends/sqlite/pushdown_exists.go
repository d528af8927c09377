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

// OrgSphere patch: this file is not in FerretDB v1.24.2. {field: {$exists: true}} on a
// field that leads an index becomes a WHERE term SQLite answers through an index, as
// MongoDB does (the webhook outbox relay polls {'pending_events._id': {$exists: true}}
// through a sparse index). Like the equalities of pushdown.go it is a pre-filter: it
// selects every row that can match, and the callers filter them with the whole filter.

import (
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// pushdownIndexedExists returns a WHERE term (without arguments) for the filter's
// {field: {$exists: true}} keys on fields that lead an index, ANDed when there are several.
//
//   - a dotted path: the condition of the partial exists index the registry keeps beside
//     such an index (metadata.ExistsCondition), so SQLite reads only that index's rows;
//   - a top-level field: its index expression is not NULL exactly when the field exists,
//     and every JSON text sorts at or after the empty text, so "at or after the empty
//     text" is a range of the field's index holding exactly the rows with the field.
func pushdownIndexedExists(meta *metadata.Collection, filter *types.Document) (string, bool) {
	var terms []string

	for _, field := range filter.Keys() {
		// a duplicated key stays on the scan path, where filtering handles it
		if countKey(filter, field) != 1 || !isExistsTrue(must.NotFail(filter.Get(field))) {
			continue
		}

		if indexed, _ := leadingIndex(meta, field); !indexed {
			continue
		}

		if condition, ok := metadata.ExistsCondition(field); ok {
			terms = append(terms, condition)
			continue
		}

		// every document has an _id: reading it through the index only costs more
		if field == "_id" || !pushableField.MatchString(field) || strings.HasPrefix(field, backends.ReservedPrefix) {
			continue
		}

		terms = append(terms, fieldExpression(field)+" >= ''")
	}

	if len(terms) == 0 {
		return "", false
	}

	return strings.Join(terms, " AND "), true
}

// isExistsTrue says whether a filter value is exactly {$exists: true}. FerretDB matches
// every document for a non-boolean $exists ({$exists: 1}), and $exists: false holds for
// the rows an index leaves out, so neither is pushed down; nor are other operators
// beside it, to keep the rule simple.
func isExistsTrue(v any) bool {
	d, ok := v.(*types.Document)
	if !ok || d.Len() != 1 || d.Keys()[0] != "$exists" {
		return false
	}

	b, ok := must.NotFail(d.Get("$exists")).(bool)

	return ok && b
}
