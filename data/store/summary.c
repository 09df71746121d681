#include <config.h>

#include <stdlib.h>

#include <sqlite3.h>

#include "data/store/summary.h"
#include "lib/xmalloc.h"

/*
 * One GROUP BY each over the items, done once by the builder where the
 * kiosk and chayue-admin would otherwise do them at every open. The
 * jurisdictions are stored in the order they are shown (most items
 * first, then by name) so that reading the first three, or all of them,
 * is a walk of the table in rowid order; their number is in meta, so
 * that the home screen reads a row, not the list. '' (not stated) is
 * listed as a jurisdiction (status shows it) but not counted as one.
 */
static const char summary_sql[] =
	"CREATE TABLE summary_count ("
	"  kind TEXT NOT NULL,"		/* 'domain' or 'source' */
	"  id INTEGER NOT NULL,"	/* domain.id or source_file.id */
	"  items INTEGER NOT NULL,"
	"  PRIMARY KEY (kind, id)) WITHOUT ROWID;"
	"CREATE TABLE summary_jurisdiction ("
	"  rank INTEGER PRIMARY KEY,"	/* 1 = most items */
	"  name TEXT NOT NULL,"
	"  items INTEGER NOT NULL);"
	"INSERT INTO summary_count (kind, id, items)"
	"  SELECT 'domain', domain_id, COUNT(*) FROM item GROUP BY domain_id;"
	"INSERT INTO summary_count (kind, id, items)"
	"  SELECT 'source', source_id, COUNT(*) FROM item"
	"  WHERE source_id IS NOT NULL GROUP BY source_id;"
	"INSERT INTO summary_jurisdiction (rank, name, items)"
	"  SELECT ROW_NUMBER() OVER (ORDER BY n DESC, jurisdiction),"
	"  jurisdiction, n FROM (SELECT jurisdiction, COUNT(*) AS n FROM item"
	"  GROUP BY jurisdiction);"
	/*
	 * A domain's jurisdictions under each level filter (enum
	 * level_filter: 0 any, 1 county, 2 township, 3 village, 4 none
	 * stated), for the jurisdiction picker: one pass over the items,
	 * in table order and sorted (through item_domain_jurisdiction, each
	 * row's flags cost a lookup of the row: twice the time at 1,000,000).
	 */
	"CREATE TABLE summary_level ("
	"  domain_id INTEGER NOT NULL,"
	"  level INTEGER NOT NULL,"
	"  rank INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  items INTEGER NOT NULL,"
	"  PRIMARY KEY (domain_id, level, rank)) WITHOUT ROWID;"
	"INSERT INTO summary_level (domain_id, level, rank, name, items)"
	"  WITH g AS (SELECT domain_id AS d, jurisdiction AS j, COUNT(*) AS n0,"
	"   SUM(level_county = 1) AS n1, SUM(level_township = 1) AS n2,"
	"   SUM(level_village = 1) AS n3, SUM(IFNULL(level_county, 0) <> 1"
	"   AND IFNULL(level_township, 0) <> 1 AND IFNULL(level_village, 0)"
	"   <> 1) AS n4 FROM item NOT INDEXED"
	"   GROUP BY domain_id, jurisdiction),"
	"  u AS (SELECT d, 0 AS l, j, n0 AS n FROM g"
	"   UNION ALL SELECT d, 1, j, n1 FROM g WHERE n1 > 0"
	"   UNION ALL SELECT d, 2, j, n2 FROM g WHERE n2 > 0"
	"   UNION ALL SELECT d, 3, j, n3 FROM g WHERE n3 > 0"
	"   UNION ALL SELECT d, 4, j, n4 FROM g WHERE n4 > 0)"
	"  SELECT d, l, ROW_NUMBER() OVER (PARTITION BY d, l"
	"  ORDER BY n DESC, j), j, n FROM u;"
	"INSERT OR REPLACE INTO meta (key, value)"
	"  SELECT 'jurisdictions', COUNT(*) FROM summary_jurisdiction"
	"  WHERE name <> '';"
	"INSERT OR REPLACE INTO meta (key, value)"
	"  VALUES ('" SUMMARY_META "', '1');";

int
summary_write(sqlite3 *db, char **error)
{
	char *msg = NULL;

	if (sqlite3_exec(db, summary_sql, NULL, NULL, &msg) != SQLITE_OK) {
		*error = xstrdup(msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
summary_present(sqlite3 *db)
{
	sqlite3_stmt *st;
	int present = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM meta WHERE key = '"
	    SUMMARY_META "' AND value = '1'", -1, &st, NULL) != SQLITE_OK)
		return 0;
	present = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return present;
}
