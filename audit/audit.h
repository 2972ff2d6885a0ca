// newsarc_audit: the versions of an archived article and how they changed.
// history.h lists every capture of a URL (and of URLs redirecting to it or
// naming it canonical) with the article extracted from each; changes.h finds
// the edited and deleted articles of an archive; article_diff.h compares two
// versions field by field with text_diff.h (words, CJK characters) and
// classifies the change as cosmetic or substantive; version_select.h picks
// the two versions `newsarc diff` compares; index_builder.h keeps the
// archive's article index (storage/article_index.h) current with the same
// rules.
//
// This is the module's face: code outside audit/ includes only this header.
// It reads archives through storage/'s public interface (storage/storage.h)
// only.
#ifndef NEWSARC_AUDIT_AUDIT_H_
#define NEWSARC_AUDIT_AUDIT_H_

#include "audit/article_diff.h"
#include "audit/audit_json.h"
#include "audit/changes.h"
#include "audit/history.h"
#include "audit/index_builder.h"
#include "audit/text_diff.h"
#include "audit/version_select.h"

#endif  // NEWSARC_AUDIT_AUDIT_H_
