/* markdown.h: brief.md, the source-stamped Markdown brief ("Take this to your AI"): every
 * section of the record as text, each figure followed by its source in [brackets], in the
 * brief's section order (PRODUCT.md §3). CommonMark, so cmark renders it. Part of reports/. */
#ifndef PK_MARKDOWN_H
#define PK_MARKDOWN_H

#include "data/buf.h"
#include "data/record.h"
#include "reports/kit.h"

/* brief.md of r: its brief's document tree with every section (pk_brief_doc with no template),
 * rendered. */
void pk_markdown_brief(pk_buf *out, const pk_record *r, const pk_sources *s, const pk_kit *k);

struct pk_doc;
/* A document tree (reports/doc.h) as Markdown, appended to out. */
void pk_markdown_doc(pk_buf *out, const struct pk_doc *doc);

/* Appends text with every character CommonMark could read as markup backslash-escaped. */
void pk_md_escape(pk_buf *b, const char *text);

#endif
