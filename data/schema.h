/* schema.h: the record's JSON form as tables (key, kind, member offset), so that the reader,
 * the writer and the figure walker share one description and cannot drift apart.
 * Private to data/ and to the readers of other presskit JSON documents (templates). */
#ifndef PK_SCHEMA_H
#define PK_SCHEMA_H

#include <stddef.h>

#include "data/buf.h"
#include "data/record.h"

typedef enum pk_kind {
    PK_K_STR,  /* const char *: a non-empty string */
    PK_K_SRC,  /* const char *: a source id; in an object it is also the default source of
                  the figures inside */
    PK_K_SOC,  /* const char *: an O*NET-SOC code */
    PK_K_DATE, /* const char *: YYYY-MM-DD */
    PK_K_URL,  /* const char *: an http(s) URL (pk_url_valid) */
    PK_K_URLT, /* const char *: the same with {soc} and {slug} placeholders (a URL template) */
    PK_K_INT,  /* long: a positive integer */
    PK_K_NUM,  /* double: a finite number in the field's domain (lo, hi, PK_ABOVE) */
    PK_K_BOOL, /* bool */
    PK_K_FIG,  /* pk_figure */
    PK_K_LIST, /* pk_list */
    PK_K_STRS, /* pk_strs */
    PK_K_TEXT, /* pk_text: { "text", "source" } */
    PK_K_OBJ,  /* an embedded struct whose first member is `bool present` */
    PK_K_ARR   /* a pointer to structs plus a size_t count */
} pk_kind;

/* PK_REQ: the key is required. PK_ABOVE: the domain's lower bound is excluded (lo < v): a
 * size or a wage of 0 is as wrong as a negative one. */
enum { PK_REQ = 1, PK_ABOVE = 2, PK_TRUE = 4 /* a bool missing from its object is true */ };

/* 2^53: every number in a presskit JSON document is below it in magnitude (above it, doubles
 * no longer hold every whole number: 9007199254740993 reads as ...992). */
#define PK_MAX_EXACT 9007199254740992.0

typedef struct pk_schema pk_schema;

typedef struct pk_field {
    const char *key;
    pk_kind kind;
    size_t off;           /* offset of the member in the enclosing struct */
    size_t count_off;     /* PK_K_ARR: offset of the size_t count */
    const pk_schema *sub; /* PK_K_OBJ, PK_K_ARR */
    unsigned flags;       /* PK_REQ, PK_ABOVE */
    pk_unit unit;         /* PK_K_FIG, PK_K_LIST: the unit it must have, or PK_UNIT_NONE */
    /* The domain of a number (PK_K_NUM), a figure's value (PK_K_FIG) or a list item's value
     * (PK_K_LIST): lo <= v <= hi (lo < v with PK_ABOVE). lo == hi: the domain of the unit
     * (pk_unit_domain), which every figure also stays in. A value outside is refused by path. */
    double lo, hi;
    const char *note;     /* PK_K_NUM: what the number is, for the message ("points") */
} pk_field;

/* The domain every value of unit u lies in (usd: above 0; count: 0 or more; probability: 0 to
 * 1; ...), as pk_field's lo, hi and PK_ABOVE. PK_UNIT_NONE: any number below 2^53. */
void pk_unit_domain(pk_unit u, double *lo, double *hi, unsigned *flags);

/* Whether v lies in [lo, hi] (lo < v with PK_ABOVE in flags). */
int pk_in_domain(double v, double lo, double hi, unsigned flags);

/* "expected a number above 0, got -5" / "1.5 is outside the scale [0, 1]": the message for a
 * value outside its domain, appended to b. note: the unit words of a template's sizes. */
void pk_domain_message(pk_buf *b, double v, double lo, double hi, unsigned flags,
                       const char *note);

struct pk_schema {
    const char *name;
    size_t size; /* sizeof the struct */
    const pk_field *fields;
    size_t n_fields;
};

/* Table rows, for every schema table (record, sources, pack manifest, templates): a member
 * read by key, an embedded object, and a schema from its field array. */
#define PK_FIELD(T, key, kind, flags) {#key, kind, offsetof(T, key), 0, NULL, flags, PK_UNIT_NONE, 0, 0, NULL}
/* a number in [lo, hi] (flags PK_ABOVE: lo excluded), described in messages by note */
#define PK_FIELD_NUM(T, key, flags, lo, hi, note) \
    {#key, PK_K_NUM, offsetof(T, key), 0, NULL, flags, PK_UNIT_NONE, lo, hi, note}
#define PK_FIELD_OBJ(T, key, sub) {#key, PK_K_OBJ, offsetof(T, key), 0, &sub, 0, PK_UNIT_NONE, 0, 0, NULL}
#define PK_SCHEMA_OF(T, name, fields) {name, sizeof(T), fields, sizeof(fields) / sizeof((fields)[0])}

extern const pk_schema pk_schema_record;
extern const pk_schema pk_schema_sources;

/* Member access by offset. */
#define PK_AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))
#define PK_CAT(base, off, type) ((type const *)(const void *)((const char *)(base) + (off)))

#endif

/* Reads a JSON document into a new struct described by `s`, allocated in `arena` (strings too).
 * Source ids are checked against `sources` when it is not NULL. Returns the struct, or NULL with
 * every problem recorded in d (syntax as path:line:col, meaning by JSON path). */
void *pk_json_read(const char *path, const char *json, size_t len, const pk_schema *s,
                   pk_arena *arena, const pk_sources *sources, pk_diag *d);

/* Checks the ids of a registry's sources (charset, no id twice) and fills each cite_as left
 * out from its short label. Returns the number of problems reported. */
int pk_sources_check(const char *path, pk_source *items, size_t n, pk_diag *d);

/* The schemas of the sources registry's parts, for documents that embed a registry. */
extern const pk_schema pk_schema_publication;
extern const pk_schema pk_schema_source;
