/* cairo_png.c: the PNG painter. Draws a scene with cairo onto an image surface (1 pt = 4/3 px,
 * times the scale), text from the same TTF files fonts/ measured, at the measured positions,
 * then writes the pixels as a PNG (deflated by libdeflate): indexed when reports/palette.c finds
 * a palette within its bound, else RGB. Part of reports/; pk_paint (layouts/scene.c) drives it.
 * Text is measured and its glyphs found by fonts/, through fonts/' own FreeType faces. The one
 * file that includes cairo.h. */
#include "reports/render.h"

#include <cairo-ft.h> /* (and FreeType's headers through it: FT_Face, FT_LOAD_NO_HINTING) */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/arena.h"
#include "data/deflate.h"
#include "reports/palette.h"

/* ---- fonts: a cairo font face per FreeType face of fonts/, for the process ---- */

enum { FACE_CACHE = 16, MAX_SIDE_PX = 16384 };

typedef struct face {
    FT_Face ft;             /* fonts/' face; the key (a reference is held while cff lives) */
    cairo_font_face_t *cff; /* one reference, dropped at exit or when the slot is reused */
} face;

/* The only state kept between calls, so cairo keeps its rasterised glyphs from one chart to the
 * next (a new face per call would make cairo rasterise every glyph again, as its glyph cache is
 * keyed by face). The faces are fonts/' own (pk_fonts_ft_face_ref), the FreeType that measured
 * the text, so the PNG draws the glyphs fonts/ measured. Not thread-safe: presskit runs batches
 * in forked processes, each with its own copy. FreeType maps the file, so a forked child shares
 * no file offset with its parent. */
static struct {
    face faces[FACE_CACHE];
    size_t n, next; /* next: the slot reused when all are taken (oldest first) */
    bool at_exit;
} cache;

static const cairo_user_data_key_t ft_key;

static void done_face(void *ft)
{
    pk_fonts_ft_face_unref(ft);
}

/* At exit: drop our font faces, then cairo's caches (which hold them through their scaled
 * fonts, and release each FT_Face reference through done_face), so valgrind and LSan find
 * nothing left. No cairo object is alive then: each pk_png_write destroys what it made. */
static void cache_free(void)
{
    for (size_t i = 0; i < cache.n; i++)
        cairo_font_face_destroy(cache.faces[i].cff);
    cache.n = cache.next = 0;
    cairo_debug_reset_static_data();
}

/* The cairo face for font id of fonts, made on first use; NULL with a message when cairo cannot
 * use it. A slot reused drops only our reference: cairo's own keep the face (and, through
 * done_face, the FT_Face) alive while it needs them. */
static face *face_get(const pk_fonts *fonts, int id, pk_diag *d)
{
    FT_Face ft = pk_fonts_ft_face_ref(fonts, id);
    for (size_t i = 0; i < cache.n; i++)
        if (cache.faces[i].ft == ft) {
            pk_fonts_ft_face_unref(ft); /* the cached face holds one already */
            return &cache.faces[i];
        }
    if (!cache.at_exit) {
        cache.at_exit = true;
        atexit(cache_free);
    }
    /* Unhinted outlines, as measured: hinting would move glyph shapes away from the PDF's */
    cairo_font_face_t *cff = cairo_ft_font_face_create_for_ft_face(ft, FT_LOAD_NO_HINTING);
    /* cairo may use the FT_Face until its last scaled font goes: the reference taken above is
     * dropped then (cairo gives back the face it already has for this FT_Face, whose old
     * reference set_user_data drops: one is held either way) */
    if (cairo_font_face_status(cff) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(cff, &ft_key, ft, done_face) != CAIRO_STATUS_SUCCESS) {
        pk_diag_add(d, PK_FAIL_IO, "error: cairo cannot use the font file %s: %s",
                    pk_fonts_file(fonts, id), cairo_status_to_string(cairo_font_face_status(cff)));
        cairo_font_face_destroy(cff);
        pk_fonts_ft_face_unref(ft);
        return NULL;
    }
    size_t slot;
    if (cache.n < FACE_CACHE) {
        slot = cache.n++;
    } else { /* a process that made many pk_fonts: the oldest slot goes */
        slot = cache.next;
        cache.next = (slot + 1) % FACE_CACHE;
        cairo_font_face_destroy(cache.faces[slot].cff);
    }
    cache.faces[slot] = (face){ft, cff};
    return &cache.faces[slot];
}

/* ---- the painter ---- */

typedef struct px_painter {
    cairo_t *cr;
    pk_diag *d;
    double px_per_pt;
    size_t clips; /* cairo_save()s open for clips: a stray UNCLIP must not restore past them */
    int failed;   /* a font could not be opened (already reported) */
    cairo_glyph_t glyphs[256];
    pk_glyph measured[256]; /* a run's characters as fonts/ measured them */
} px_painter;

static void set_color(cairo_t *cr, pk_rgba c)
{
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

/* Fills then strokes the current path, as SVG paints them; clears it. */
static void fill_stroke(cairo_t *cr, pk_rgba fill, pk_rgba stroke, double stroke_w)
{
    bool do_stroke = stroke.a && stroke_w > 0;
    if (fill.a) {
        set_color(cr, fill);
        if (do_stroke)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (do_stroke) {
        set_color(cr, stroke);
        cairo_set_line_width(cr, stroke_w);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static void px_rect(void *ctx, const pk_op *op)
{
    cairo_t *cr = ((px_painter *)ctx)->cr;
    cairo_rectangle(cr, op->x, op->y, op->w, op->h);
    fill_stroke(cr, op->fill, op->stroke, op->stroke_w);
}

static void px_line(void *ctx, const pk_op *op)
{
    cairo_t *cr = ((px_painter *)ctx)->cr;
    if (op->stroke.a == 0 || op->stroke_w <= 0) return;
    cairo_move_to(cr, op->x, op->y);
    cairo_line_to(cr, op->x2, op->y2);
    if (op->dash > 0) cairo_set_dash(cr, &op->dash, 1, 0); /* one length: as long on as off */
    fill_stroke(cr, PK_NONE, op->stroke, op->stroke_w);
    if (op->dash > 0) cairo_set_dash(cr, NULL, 0, 0);
}

static void px_path(void *ctx, const pk_op *op)
{
    cairo_t *cr = ((px_painter *)ctx)->cr;
    if (op->n_pts < 2) return;
    for (size_t i = 0; i < op->n_pts; i++)
        cairo_line_to(cr, op->pts[2 * i], op->pts[2 * i + 1]); /* no current point: a move */
    if (op->closed) cairo_close_path(cr);
    /* an open path is a line: a fill would close it (the SVG painter does the same) */
    fill_stroke(cr, op->closed ? op->fill : PK_NONE, op->stroke, op->stroke_w);
}

/* Places each glyph where the measurement put it: the run starts at x less the measured width
 * (all of it for END, half for MIDDLE), and each glyph follows the one before by its advance and
 * pair kerning in font units, as pk_fonts_width adds them. Nothing is measured again: the scene's
 * text_w decides the run's extent, the font's own advances its inside. */
static void px_text(void *ctx, const pk_scene *s, const pk_op *op)
{
    px_painter *pp = ctx;
    cairo_t *cr = pp->cr;
    /* after a font failed, the message is there once and the PNG will not be written */
    if (pp->failed || op->fill.a == 0 || !op->text || !op->text[0] || op->size <= 0) return;
    face *f = face_get(s->fonts, op->font, pp->d);
    if (!f) {
        pp->failed = -1;
        return;
    }
    size_t len = strlen(op->text);
    /* at most one character, so one glyph, per byte */
    bool small = len <= sizeof pp->glyphs / sizeof *pp->glyphs;
    cairo_glyph_t *g = small ? pp->glyphs : pk_xmalloc(len * sizeof *g);
    pk_glyph *m = small ? pp->measured : pk_xmalloc(len * sizeof *m);
    size_t n_chars = pk_fonts_glyphs(s->fonts, op->font, op->text, len, m, len);
    double x0 = op->x - (op->anchor == PK_ANCHOR_END      ? op->text_w
                         : op->anchor == PK_ANCHOR_MIDDLE ? op->text_w / 2
                                                          : 0);
    double k = op->size / pk_fonts_units_per_em(s->fonts, op->font);
    long units = 0;
    size_t n = 0;
    for (size_t i = 0; i < n_chars; i++) {
        units += m[i].kern;
        /* a control or format character takes its measured advance, but shows nothing */
        if (m[i].cp >= 0x20 && !pk_fonts_inkless(m[i].cp)) {
            g[n].index = m[i].gid;
            g[n].x = x0 + units * k;
            g[n].y = op->y;
            n++;
        }
        units += m[i].advance;
    }
    cairo_set_font_face(cr, f->cff);
    cairo_set_font_size(cr, op->size);
    set_color(cr, op->fill);
    cairo_show_glyphs(cr, g, (int)n);
    if (!small) {
        free(g);
        free(m);
    }
}

static void px_clip(void *ctx, const pk_op *op)
{
    px_painter *pp = ctx;
    cairo_save(pp->cr);
    cairo_rectangle(pp->cr, op->x, op->y, op->w, op->h);
    cairo_clip(pp->cr);
    pp->clips++;
}

static void px_unclip(void *ctx)
{
    px_painter *pp = ctx;
    if (pp->clips == 0) return; /* cairo_restore without a save is a sticky error */
    pp->clips--;
    cairo_restore(pp->cr);
}

/* Groups only name things (an SVG class, a PDF marked section): pixels have no structure. */
static void px_group(void *ctx, const pk_op *op)
{
    (void)ctx;
    (void)op;
}

static void px_ungroup(void *ctx)
{
    (void)ctx;
}

static int px_begin(void *ctx, const pk_scene *s)
{
    px_painter *pp = ctx;
    cairo_t *cr = pp->cr;
    /* the image has no alpha channel: "no background" is white, as on paper; the pixels start
     * undefined (see pk_png_write), so this first paint covers them all */
    if (s->background.a < 255) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    if (s->background.a) {
        set_color(cr, s->background);
        cairo_paint(cr);
    }
    cairo_scale(cr, pp->px_per_pt, pp->px_per_pt);
    cairo_set_miter_limit(cr, 4); /* SVG's default (cairo's is 10), so corners match */
    cairo_font_options_t *fo = cairo_font_options_create();
    /* Set rather than left to defaults, which may come from the desktop: grey antialiasing
     * (subpixel colour fringes are wrong in a file shown on any screen), no hinting. Metrics
     * are not hinted either, though positions come from px_text anyway. */
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    return 0;
}

static int px_end(void *ctx, const pk_scene *s)
{
    px_painter *pp = ctx;
    (void)s;
    while (pp->clips)
        px_unclip(pp);
    /* cairo errors are sticky: one check at the end sees any failure on the way */
    cairo_status_t st = cairo_status(pp->cr);
    if (st != CAIRO_STATUS_SUCCESS)
        return pk_diag_add(pp->d, PK_FAIL_IO, "error: cairo: %s", cairo_status_to_string(st));
    return pp->failed;
}

static const pk_painter px_table = {
    .name = "png",
    .begin = px_begin,
    .rect = px_rect,
    .line = px_line,
    .path = px_path,
    .text = px_text,
    .clip = px_clip,
    .unclip = px_unclip,
    .group = px_group,
    .ungroup = px_ungroup,
    .end = px_end,
};

/* ---- PNG encoding ---- */

/* The PNG is written here, chunk by chunk (PNG 1.2: signature, IHDR, sRGB, PLTE, pHYs, one IDAT,
 * IEND, as libpng ordered them), its rows filtered with NONE and compressed whole by
 * presskit's own encoder for chart rows (data/deflate_rows.c). zlib, which libpng drove 8 KB at
 * a time, was 41% of a full batch, and its adler32 8%. Chosen by measuring (bench/bench_render.c
 * prints the tables): charts are flat fills and antialiased edges, so an indexed image with no
 * row filter leaves the fewest literals (a flat run repeats at the pixel before, a repeated row
 * at the row's width; SUB or UP turn antialiased edges into noise and mean nothing on palette
 * indexes). A kit's 21 images, compressed alone, on this 2-core machine (median of 9):
 *     zlib level 1, memLevel 8 (libpng's, before)     92.7 ms   1,055,704 bytes
 *     libdeflate level 1 / 3 / 6                      112.8 / 106.8 / 123.7 ms
 *                                                     804,067 / 793,531 / 755,736 bytes
 *     presskit's rows encoder (used)                   20.5 ms     806,733 bytes
 * libdeflate is slower than zlib here (and zlib than the rows encoder) because both hash every
 * position inside every match, which on a chart is nearly every byte. RGB images (the fallback
 * when no palette is within bound) go the same way, with three-byte pixels. */
static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC-32 of type and data. */
static void chunk(pk_buf *out, const char type[4], const void *data, size_t n)
{
    unsigned char head[8];
    put_u32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    pk_buf_add(out, head, 8);
    pk_buf_add(out, data, n);
    uint32_t crc = pk_crc32(pk_crc32(0, type, 4), data, n);
    unsigned char tail[4];
    put_u32(tail, crc);
    pk_buf_add(out, tail, 4);
}

static const uint32_t *row_at(const uint32_t *pixels, size_t stride, int y)
{
    return (const uint32_t *)(const void *)((const unsigned char *)pixels + (size_t)y * stride);
}

/* Encodes the pixels as an indexed PNG with pal (when it is not PK_PALETTE_NONE) or as 8-bit
 * RGB, appended to out; see pk_png_encode. With `scratch` (the pixels' own memory, which the
 * caller frees unread), RGB rows are packed in place: a packed row (3 bytes a pixel and the
 * filter byte) never reaches a byte of a pixel not yet read, as rows are at least 4 bytes a
 * pixel apart, so the fallback's image costs no second buffer (9.7 MB at @2x). */
static int encode(const uint32_t *pixels, uint32_t *scratch, size_t stride, int w, int h,
                  double scale, const pk_palette *pal, pk_buf *out, pk_diag *d)
{
    bool indexed = pal->kind != PK_PALETTE_NONE;
    size_t row_bytes = indexed ? ((size_t)w * (size_t)pal->bits + 7) / 8 : (size_t)w * 3;
    /* the filtered image: each row its filter byte (0, none) and its bytes */
    size_t raw_len = (size_t)h * (1 + row_bytes);
    bool in_place = !indexed && scratch && w > 1;
    unsigned char *raw = in_place ? (unsigned char *)(void *)scratch : pk_xmalloc(raw_len);
    for (int y = 0; y < h; y++) {
        unsigned char *row = raw + (size_t)y * (1 + row_bytes);
        if (indexed) {
            row[0] = 0;
            pk_palette_row(pal, (size_t)y, y ? row + 1 - (1 + row_bytes) : NULL, row + 1);
            continue;
        }
        /* each pixel read whole before its bytes are written (in place, they may overlap it) */
        const uint32_t *src = row_at(pixels, stride, y);
        unsigned char *dst = row + 1;
        for (int x = 0; x < w; x++, dst += 3) {
            uint32_t v = src[x];
            dst[0] = (unsigned char)(v >> 16);
            dst[1] = (unsigned char)(v >> 8);
            dst[2] = (unsigned char)v;
        }
        row[0] = 0; /* after the row: in place, row 0's filter byte is pixel 0's first byte */
    }
    size_t start = out->len;
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    pk_buf_add(out, sig, sizeof sig);
    unsigned char ihdr[13];
    put_u32(ihdr, (uint32_t)w);
    put_u32(ihdr + 4, (uint32_t)h);
    ihdr[8] = indexed ? (unsigned char)pal->bits : 8;
    ihdr[9] = indexed ? 3 : 2; /* palette, or truecolour */
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filtering (type 0 used), no interlace */
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    static const unsigned char srgb = 0; /* perceptual */
    chunk(out, "sRGB", &srgb, 1);
    if (indexed) {
        unsigned char plte[3 * PK_PALETTE_MAX];
        for (size_t i = 0; i < pal->n; i++) {
            plte[3 * i] = (unsigned char)(pal->rgb[i] >> 16);
            plte[3 * i + 1] = (unsigned char)(pal->rgb[i] >> 8);
            plte[3 * i + 2] = (unsigned char)pal->rgb[i];
        }
        chunk(out, "PLTE", plte, 3 * pal->n);
    }
    unsigned char phys[9];
    uint32_t ppm = (uint32_t)lround(96 * scale / 0.0254);
    put_u32(phys, ppm);
    put_u32(phys + 4, ppm);
    phys[8] = 1; /* per metre */
    chunk(out, "pHYs", phys, sizeof phys);
    pk_buf z = PK_BUF_INIT;
    int rc = pk_zlib_compress_rows(raw, raw_len, 1 + row_bytes, indexed ? 1 : 3, &z);
    if (!in_place) free(raw);
    if (rc != 0) {
        pk_buf_fini(&z);
        out->len = start; /* no half-written PNG */
        if (out->data) out->data[start] = '\0';
        return pk_diag_add(d, PK_FAIL_IO, "error: PNG: cannot compress %d x %d px", w, h);
    }
    chunk(out, "IDAT", z.data, z.len);
    pk_buf_fini(&z);
    chunk(out, "IEND", "", 0);
    return 0;
}

/* pk_png_encode, with the pixels' memory to spare when scratch is pixels (see encode). */
static int encode_image(const uint32_t *pixels, uint32_t *scratch, size_t stride, int width_px,
                        int height_px, double scale, pk_png_colors colors, pk_buf *out,
                        pk_diag *d)
{
    if (width_px < 1 || height_px < 1 || width_px > MAX_SIDE_PX || height_px > MAX_SIDE_PX ||
        stride < (size_t)width_px * sizeof *pixels || !(scale > 0))
        return pk_diag_add(d, PK_FAIL_IO,
                           "error: a PNG of %d x %d px is out of range (1 to %d px a side)",
                           width_px, height_px, MAX_SIDE_PX);
    pk_palette pal = {.kind = PK_PALETTE_NONE};
    if (colors == PK_PNG_AUTO)
        pk_palette_init(&pal, pixels, stride, (size_t)width_px, (size_t)height_px);
    int rc = encode(pixels, scratch, stride, width_px, height_px, scale, &pal, out, d);
    pk_palette_fini(&pal);
    return rc;
}

int pk_png_encode(const uint32_t *pixels, size_t stride, int width_px, int height_px, double scale,
                  pk_png_colors colors, pk_buf *out, pk_diag *d)
{
    return encode_image(pixels, NULL, stride, width_px, height_px, scale, colors, out, d);
}

uint32_t *pk_png_draw(const pk_scene *s, double scale, int *width_px, int *height_px,
                      size_t *stride, pk_diag *d)
{
    double wf = s->width * 4 / 3 * scale, hf = s->height * 4 / 3 * scale;
    if (!(scale > 0) || !(wf >= 0.5 && wf < MAX_SIDE_PX + 0.5) ||
        !(hf >= 0.5 && hf < MAX_SIDE_PX + 0.5)) {
        pk_diag_add(d, PK_FAIL_IO, "error: a PNG of %g x %g px is out of range (1 to %d px a side)",
                    wf, hf, MAX_SIDE_PX);
        return NULL;
    }
    int w = (int)lround(wf), h = (int)lround(hf);
    /* Our own buffer, from malloc rather than the calloc cairo would use: px_begin paints every
     * pixel anyway, and memory malloc hands back from an earlier call is not cleared again. */
    int cstride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
    unsigned char *pixels = pk_xmalloc((size_t)cstride * (size_t)h);
    cairo_surface_t *surf =
        cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, w, h, cstride);
    cairo_t *cr = cairo_create(surf);
    px_painter pp = {.cr = cr, .d = d, .px_per_pt = 4.0 / 3.0 * scale};
    int rc = pk_paint(s, &px_table, &pp);
    if (rc == 0) {
        cairo_surface_flush(surf);
        cairo_status_t st = cairo_surface_status(surf);
        if (st != CAIRO_STATUS_SUCCESS)
            rc = pk_diag_add(d, PK_FAIL_IO, "error: cairo: %s", cairo_status_to_string(st));
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    if (rc != 0) {
        free(pixels);
        return NULL;
    }
    *width_px = w;
    *height_px = h;
    *stride = (size_t)cstride;
    return (uint32_t *)(void *)pixels;
}

int pk_png_write(const pk_scene *s, double scale, pk_buf *out, pk_diag *d)
{
    int w, h;
    size_t stride;
    uint32_t *pixels = pk_png_draw(s, scale, &w, &h, &stride, d);
    if (!pixels) return -1;
    int rc = encode_image(pixels, pixels, stride, w, h, scale, PK_PNG_AUTO, out, d);
    free(pixels);
    return rc;
}
