// The parse-only floor under `mu functions` (bench/parse-floor.sh): tree-sitter's Python parser, the
// runtime and grammar mu links (libmu-tree-sitter.a from `make setup`), over every file named on
// stdin, on N threads, doing nothing with the trees. No extraction, hashing or storage: what
// tree-sitter alone costs on the same files.
#include <tree_sitter/api.h>
#include <mu_tree_sitter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
static char **files; static int nfiles; static int next = 0; static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long nodes_total = 0;
static void *work(void *arg) {
  TSParser *p = ts_parser_new(); ts_parser_set_language(p, tree_sitter_python());
  long nodes = 0;
  for (;;) {
    pthread_mutex_lock(&mu); int i = next++; pthread_mutex_unlock(&mu);
    if (i >= nfiles) break;
    FILE *f = fopen(files[i], "rb"); if (!f) continue;
    fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
    char *buf = malloc(n + 1); fread(buf, 1, n, f); fclose(f);
    TSTree *t = ts_parser_parse_string(p, NULL, buf, n);
    nodes += ts_node_child_count(ts_tree_root_node(t));
    ts_tree_delete(t); free(buf);
  }
  pthread_mutex_lock(&mu); nodes_total += nodes; pthread_mutex_unlock(&mu);
  ts_parser_delete(p); return NULL;
}
int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  files = malloc(sizeof(char*) * 100000); char line[4096];
  while (fgets(line, sizeof line, stdin)) { line[strcspn(line, "\n")] = 0; files[nfiles++] = strdup(line); }
  pthread_t th[64]; for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, work, NULL);
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  printf("%d files, %ld top-level nodes\n", nfiles, nodes_total); return 0;
}
