// Where a byte offset falls in a document's structure: which page, under which
// heading. Lets the navigation boxes follow the reader as the view scrolls.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/import/imported_document.h"

namespace frontseat::ui {

// Index of the page holding `byte_offset`: the last page that begins at or before
// it (so the gap between two pages belongs to the earlier one). 0 when the offset
// precedes every page; -1 when there are no pages. O(log n).
int pageIndexAt(const std::vector<DocumentPage>& pages, int64_t byte_offset);

// Index of the last heading at or before `byte_offset`; -1 when none is. O(log n).
int headingIndexAt(const std::vector<DocumentHeading>& headings, int64_t byte_offset);

}  // namespace frontseat::ui
