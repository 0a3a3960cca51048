/* fuzz_import.c: every importer on any bytes. The first byte picks the importer; the rest is its
 * data file, read through a small synthetic pack (occupations, crosswalks and lookup files made
 * once). So the CSV/TSV reader runs under each importer's schema: its columns, codes, markers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pack.h"
#include "fuzz.h"

typedef struct fcase {
    const char *input; /* the manifest input(s) for the fuzzed file "data.*" (JSON fragment) */
    const char *file;  /* its name */
} fcase;

static const fcase cases[] = {
    {"{\"id\":\"x\",\"importer\":\"onet-titles\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-tasks\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-ratings\",\"section\":\"knowledge\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-ratings\",\"section\":\"skills\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-ratings\",\"section\":\"abilities\",\"file\":\"data.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"onet-technology\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-job-zones\",\"file\":\"data.txt\",\"lookup\":\"zones.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-job-zones\",\"file\":\"zone-ids.txt\",\"lookup\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-education\",\"file\":\"data.txt\",\"lookup\":\"edcat.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-interests\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"onet-related\",\"file\":\"data.txt\",\"source\":\"s\"}", "data.txt"},
    {"{\"id\":\"x\",\"importer\":\"oews-national\",\"file\":\"data.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"oews-sectors\",\"file\":\"data.csv\",\"lookup\":\"national.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"ep-projections\",\"file\":\"data.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"ep-openings\",\"file\":\"data.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"scores\",\"file\":\"data.csv\",\"source\":\"s\",\"code_column\":\"SOC Code\",\"code_kind\":\"soc\","
     "\"values\":[{\"column\":\"Score\",\"target\":\"study\",\"label\":\"L\",\"task_overlap\":true},{\"column\":\"P\",\"target\":\"frey_osborne\"}]}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"scores\",\"file\":\"data.csv\",\"source\":\"s\",\"code_column\":\"SOC Code\",\"code_kind\":\"soc2010\","
     "\"values\":[{\"column\":\"Score\",\"target\":\"gpt.gamma\"}]}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"scores\",\"file\":\"data.csv\",\"source\":\"s\",\"code_column\":\"code\",\"code_kind\":\"onet-soc2010\","
     "\"values\":[{\"column\":\"t\",\"target\":\"remote_work\"}]}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"aei-tasks\",\"file\":\"data.csv\",\"lookup\":\"tasks.txt\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"ilo\",\"file\":\"data.csv\",\"lookup\":\"isco.csv\",\"lookup_source\":\"s\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"cip-soc\",\"file\":\"data.csv\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"soc2010-crosswalk\",\"file\":\"data.csv\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"aei-patterns\",\"file\":\"data.csv\",\"weights\":\"weights.csv\",\"lookup\":\"tasks.txt\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"aei-patterns\",\"file\":\"mix.csv\",\"weights\":\"data.csv\",\"lookup\":\"tasks.txt\",\"source\":\"s\"}", "data.csv"},
    {"{\"id\":\"x\",\"importer\":\"scores\",\"file\":\"data.csv\",\"source\":\"s\",\"code_column\":\"soc10\",\"code_kind\":\"soc2010\",\"code_format\":\"digits\","
     "\"values\":[{\"column\":\"Score\",\"target\":\"study\",\"label\":\"L\"}]}", "data.csv"},
};
enum { N_CASES = sizeof cases / sizeof cases[0] };

static void make_fixtures(void)
{
    /* all synthetic: invented occupations and values, the public files' column names */
    static const char occ[] = "O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tSynthetic Chiefs\tA fixture.\n"
                              "27-4014.00\tSynthetic Technicians\tA fixture.\n27-4014.01\tSynthetic Mixers\tA fixture.\n";
    static const char xw[] = "2010 SOC Code,2010 SOC Title,2018 SOC Code,2018 SOC Title\n11-1011,A,11-1011,A\n27-4014,B,27-4014,B\n";
    static const char oxw[] = "O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,O*NET-SOC 2019 Code,O*NET-SOC 2019 Title\n"
                              "11-1011.00,A,11-1011.00,A\n27-4014.00,B,27-4014.00,B\n";
    static const char zones[] = "Job Zone\tName\tExperience\tEducation\tJob Training\tExamples\tSVP Range\n"
                                "3\tJob Zone Three\tSome.\tSome.\tSome.\tSome.\t(6.0 to < 7.0)\n";
    static const char zone_ids[] = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n27-4014.00\t3\t08/2020\tAnalyst\n";
    static const char edcat[] = "Element ID\tElement Name\tScale ID\tCategory\tCategory Description\n"
                                "2.D.1\tRequired Level of Education\tRL\t1\tLess than a diploma\n";
    static const char national[] = "OCC_CODE,O_GROUP,TOT_EMP\n00-0000,total,\"1,000,000\"\n27-4014,detailed,\"1,000\"\n";
    static const char tasks[] = "O*NET-SOC Code\tTask ID\tTask\tTask Type\n27-4014.00\t1\tMix sound.\tCore\n";
    static const char isco[] = "2010 SOC Code,2010 SOC Title,part,ISCO-08 Code,ISCO-08 Title EN,Comment\n27-4014,B,,3521,T,\n";
    pk_fuzz_write("occ.txt", occ, sizeof occ - 1);
    pk_fuzz_write("xw.csv", xw, sizeof xw - 1);
    pk_fuzz_write("oxw.csv", oxw, sizeof oxw - 1);
    pk_fuzz_write("zones.txt", zones, sizeof zones - 1);
    pk_fuzz_write("zone-ids.txt", zone_ids, sizeof zone_ids - 1);
    pk_fuzz_write("edcat.txt", edcat, sizeof edcat - 1);
    pk_fuzz_write("national.csv", national, sizeof national - 1);
    pk_fuzz_write("tasks.txt", tasks, sizeof tasks - 1);
    pk_fuzz_write("isco.csv", isco, sizeof isco - 1);
    static const char mix[] = "task_name,feedback_loop,directive,task_iteration,validation,learning,filtered\n"
                              "mix sound.,0,0.5,0.25,0,0,0.25\n";
    static const char weights[] = "task_name,pct\nmix sound.,0.5\nnone,1\n";
    pk_fuzz_write("mix.csv", mix, sizeof mix - 1);
    pk_fuzz_write("weights.csv", weights, sizeof weights - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        make_fixtures();
        ready = 1;
    }
    if (size < 1) return 0;
    const fcase *c = &cases[data[0] % N_CASES];
    char manifest[2048];
    snprintf(manifest, sizeof manifest,
             "{\"presskit_pack\":1,\"publication\":{\"publisher\":\"fixture\"},"
             "\"sources\":[{\"id\":\"s\",\"publisher\":\"P\",\"title\":\"T\",\"short\":\"S\"}],"
             "\"inputs\":[{\"id\":\"occ\",\"importer\":\"onet-occupations\",\"file\":\"occ.txt\",\"source\":\"s\"},"
             "{\"id\":\"xw\",\"importer\":\"soc2010-crosswalk\",\"file\":\"xw.csv\"},"
             "{\"id\":\"oxw\",\"importer\":\"onet-soc2010-crosswalk\",\"file\":\"oxw.csv\"},%s]}",
             c->input);
    pk_fuzz_write(c->file, data + 1, size - 1);
    const char *path = pk_fuzz_write("manifest.json", manifest, strlen(manifest));
    pk_diag d = PK_DIAG_INIT;
    pk_pack *p = pk_pack_load(path, NULL, &d);
    if (p) {
        size_t n;
        const char *const *codes = pk_pack_codes(p, &n);
        for (size_t i = 0; i < n; i++) {
            pk_record *r = pk_pack_record(p, codes[i], &d);
            if (!r) abort(); /* an importer made a record the schema refuses */
            pk_record_free(r);
        }
    }
    pk_pack_free(p);
    pk_diag_fini(&d);
    return 0;
}
