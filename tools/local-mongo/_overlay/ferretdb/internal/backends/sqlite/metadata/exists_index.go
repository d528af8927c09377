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

package metadata

// OrgSphere patch: this file is not in FerretDB v1.24.2. An index led by a dotted path
// (MongoDB's sparse {'pending_events._id': 1}) is created on the expression
// _ferretdb_sjson->"pending_events"->"_id", which is NULL whenever the path goes into an
// array, so it cannot answer {'pending_events._id': {$exists: true}}. Beside such an
// index the registry keeps a partial "exists" index holding only the rows where the path
// can exist, and the pushdown selects rows with the same condition, so SQLite reads just
// those rows instead of the table.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// existsPath matches the dotted paths whose exists condition is written: two or more
// plain identifiers, which SQLite's JSON paths ($.a.b) read as object labels and which
// need no quoting inside the SQL string literal.
var existsPath = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$`)

// ExistsCondition returns an SQL condition that is true for every row in which the dotted
// path can exist: the whole path leads through objects to a key (of any value, null too),
// or some part of it before the last is a non-empty array (whose elements may hold the
// rest). It is true for more rows than match, never fewer: a non-empty array of scalars
// passes too. ok is false for top-level fields and paths it does not write.
//
// The text is a literal without parameters, identical in the partial index and in the
// WHERE clause of a query: SQLite uses a partial index only when the query's WHERE clause
// has its condition as a term.
func ExistsCondition(path string) (condition string, ok bool) {
	if !existsPath.MatchString(path) {
		return "", false
	}

	parts := strings.Split(path, ".")
	terms := []string{fmt.Sprintf("json_type(%s, '$.%s') IS NOT NULL", DefaultColumn, path)}

	for i := 1; i < len(parts); i++ {
		prefix := strings.Join(parts[:i], ".")
		terms = append(terms, fmt.Sprintf("json_array_length(%s, '$.%s') > 0", DefaultColumn, prefix))
	}

	return "(" + strings.Join(terms, " OR ") + ")", true
}

// existsIndexName is the SQLite name of the exists index kept beside the collection's
// index. The reserved prefix never starts a table name, so it cannot collide with the
// <table>_<index> names of the collections' own indexes.
func existsIndexName(tableName, indexName string) string {
	return backends.ReservedPrefix + "exists_" + tableName + "_" + indexName
}

// leadingExistsCondition returns the exists condition of the index's first field,
// when that field is a dotted path.
func leadingExistsCondition(index IndexInfo) (string, bool) {
	if len(index.Key) == 0 {
		return "", false
	}

	return ExistsCondition(index.Key[0].Field)
}

// createExistsIndex creates the exists index for an index led by a dotted path (nothing
// for other indexes). With replace, an index of that name left over from an earlier
// index is dropped first; without, an existing one is kept (start-up).
func createExistsIndex(ctx context.Context, db *fsql.DB, tableName string, index IndexInfo, replace bool) error {
	condition, ok := leadingExistsCondition(index)
	if !ok {
		return nil
	}

	name := existsIndexName(tableName, index.Name)

	if replace {
		if err := dropExistsIndex(ctx, db, tableName, index.Name); err != nil {
			return err
		}
	}

	// the indexed column is the _id: small, and the condition alone selects the rows
	q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %q ON %q (%s) WHERE %s", name, tableName, IDColumn, condition)
	if _, err := db.ExecContext(ctx, q); err != nil {
		return lazyerrors.Error(err)
	}

	return nil
}

// dropExistsIndex drops the exists index kept beside the named index, if there is one.
func dropExistsIndex(ctx context.Context, db *fsql.DB, tableName, indexName string) error {
	q := fmt.Sprintf("DROP INDEX IF EXISTS %q", existsIndexName(tableName, indexName))
	if _, err := db.ExecContext(ctx, q); err != nil {
		return lazyerrors.Error(err)
	}

	return nil
}

// createMissingExistsIndexes creates the exists indexes that collections of a database
// opened at start-up lack, because their indexes were created before this patch.
func createMissingExistsIndexes(ctx context.Context, db *fsql.DB, colls map[string]*Collection) error {
	for _, c := range colls {
		for _, index := range c.Settings.Indexes {
			if err := createExistsIndex(ctx, db, c.TableName, index, false); err != nil {
				return err
			}
		}
	}

	return nil
}
