#pragma once
// The look and behaviour every record list of the console shares (processes, tasks,
// subscriptions): whole rows selected one at a time, read-only, compact rows, sorted on a column.

class QTableView;

namespace wfo::console {

void setUpRecordList(QTableView *view, int sortColumn, int defaultSectionSize);

} // namespace wfo::console
