/* style.c: the default chart style (see charts.h): a 16:9 frame, DejaVu Sans, and the Okabe–Ito
 * blue and vermillion, which stay distinct for the common forms of colour blindness and in
 * greyscale print. Templates start from this and change what they need. */
#include "charts/charts.h"

#include <string.h>

int pk_chart_style_default(pk_chart_style *st, pk_fonts *fonts, pk_diag *d)
{
    memset(st, 0, sizeof *st);
    st->font = pk_fonts_load(fonts, PK_DEFAULT_FAMILY, false, d);
    if (st->font < 0) return -1;
    st->font_bold = pk_fonts_load(fonts, PK_DEFAULT_FAMILY, true, d);
    if (st->font_bold < 0) return -1;

    /* 900 x 506.25 pt is 16:9 and renders 1200 x 675 px at 4/3 px per point: the size news
     * sites and social cards take without cropping. */
    st->width = 900;
    st->height = 506.25;
    st->title_size = 20;
    st->text_size = 13;
    st->small_size = 11; /* the smallest size still legible when a site scales the PNG down */
    st->margin = 24;

    st->ink = PK_RGB(0x1A1A1A);   /* near-black: softer than pure black on white */
    st->muted = PK_RGB(0x5F5F5F); /* 6.4:1 on white, above WCAG AA for small text */
    st->grid = PK_RGB(0xE0E0E0);
    st->background = PK_RGB(0xFFFFFF);
    st->accent = PK_RGB(0x0072B2);       /* Okabe–Ito blue */
    st->accent_light = PK_RGB(0xA6CEE3); /* the same hue, light: wide ranges, low bands */
    st->accent_dark = PK_RGB(0x004B75);  /* the same hue, dark: high bands */
    st->highlight = PK_RGB(0xD55E00);    /* Okabe–Ito vermillion: this occupation, declines */
    return 0;
}
