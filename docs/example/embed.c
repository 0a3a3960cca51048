/* embed.c: presskit inside a newsroom's own C program, through libpresskit. Loads the data (the
 * built-in sample, or a folder, record file or pack manifest), loads one occupation's record and
 * writes its press kit; every problem comes back through the API as a message with its kind.
 * The library prints nothing and never exits: this program decides what to do with both.
 *
 *     cc embed.c $(pkg-config --cflags --libs presskit) -o embed
 *     ./embed [--data PATH [--root DIR]] [SOC [OUT_DIR]]      (defaults: the sample, 27-4014.00, kit)
 */
#include <presskit/presskit.h>

#include <stdio.h>
#include <string.h>

/* Prints what the library reported, and returns the exit code the presskit command would. */
static int report(const presskit_messages *m)
{
    for (size_t i = 0; i < presskit_messages_count(m); i++)
        fprintf(stderr, "embed: %s (kind %d)\n", presskit_message_text(m, i), presskit_message_kind(m, i));
    if (presskit_messages_dropped(m))
        fprintf(stderr, "embed: %zu more problems not shown\n", presskit_messages_dropped(m));
    return presskit_messages_status(m);
}

int main(int argc, char **argv)
{
    const char *data_path = NULL, *root = NULL, *soc = "27-4014.00", *out = "kit";
    int a = 1;
    for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
        if (strcmp(argv[a], "--data") == 0) data_path = argv[a + 1];
        else if (strcmp(argv[a], "--root") == 0) root = argv[a + 1];
    }
    if (a < argc) soc = argv[a++];
    if (a < argc) out = argv[a++];

    printf("libpresskit %s\n", presskit_version());
    presskit_messages *m = presskit_messages_new();
    presskit_data *data = presskit_data_open(data_path, root, m);
    if (!data) {
        int code = report(m);
        presskit_messages_free(m);
        return code;
    }
    printf("%zu occupations, the first %s\n", presskit_data_count(data), presskit_data_code(data, 0));

    int code = 0;
    presskit_record *r = presskit_record_load(data, soc, m);
    if (r) {
        /* the text outputs and the PDF brief in the newsroom template */
        presskit_kit_options opts = {PRESSKIT_FORMAT_TXT | PRESSKIT_FORMAT_MD | PRESSKIT_FORMAT_PDF,
                                     "newsroom-a4"};
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", out, presskit_record_code(r));
        int files = presskit_kit_write(data, r, dir, &opts, m);
        if (files >= 0) printf("wrote %d files to %s/ (%s)\n", files, dir, presskit_record_title(r));
        size_t len = 0;
        char *json = presskit_record_json(r, &len);
        printf("the record is %zu bytes of JSON\n", len);
        presskit_free(json);
        presskit_record_free(r);
    }
    code = report(m);
    presskit_data_free(data);
    presskit_messages_free(m);
    return code;
}
