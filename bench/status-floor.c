// The libgit2 floor under a no-op `mu summarize` (bench/rerun.sh): exactly what mu's walk asks of
// libgit2 when nothing changed (GitRepository.listFiles in Sources/MuSource/GitRepository.swift),
// and nothing else: git_libgit2_init, git_repository_open_ext, every index entry read, and one
// git_status_list_new with the options of GitRepository.withStatusList (index and working tree,
// untracked files recursed, submodules left out), then exit without freeing (mu never shuts down
// libgit2 either).
//
// Usage: status-floor [--init-only | --nothing] [PATH=.]
//   --init-only  git_libgit2_init alone (it loads the system's CA bundle for the HTTPS transport)
//   --nothing    exit at once: process start plus loading libgit2 and its ~20 shared libraries
// Prints the number of index entries and status entries on stderr; exits 1 on any libgit2 error.
#include <git2.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what) {
  const git_error *e = git_error_last();
  fprintf(stderr, "status-floor: %s: %s\n", what, e && e->message ? e->message : "unknown error");
  return 1;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 && strncmp(argv[1], "--", 2) == 0 ? argv[1] : "";
  const char *path = argc > (*mode ? 2 : 1) ? argv[*mode ? 2 : 1] : ".";
  if (strcmp(mode, "--nothing") == 0) return 0;
  git_libgit2_init();
  if (strcmp(mode, "--init-only") == 0) return 0;
  if (*mode) { fprintf(stderr, "status-floor: unknown option %s\n", mode); return 2; }

  git_repository *repo = NULL;
  if (git_repository_open_ext(&repo, path, 0, NULL) != 0) return fail("open");
  if (git_repository_is_bare(repo) || !git_repository_workdir(repo)) { fprintf(stderr, "status-floor: bare\n"); return 1; }

  // The index's entries, as listFiles reads them (path and mode of each; submodules skipped).
  git_index *index = NULL;
  if (git_repository_index(&index, repo) != 0) return fail("index");
  size_t tracked = 0, bytes = 0, count = git_index_entrycount(index);
  for (size_t i = 0; i < count; i++) {
    const git_index_entry *entry = git_index_get_byindex(index, i);
    if (!entry || !entry->path || entry->mode == 0160000) continue;
    bytes += strlen(entry->path);
    tracked++;
  }

  // One status list, the options of withStatusList with no pathspec (a full walk).
  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
                | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list *list = NULL;
  if (git_status_list_new(&list, repo, &options) != 0) return fail("status");
  size_t changed = 0, n = git_status_list_entrycount(list);
  for (size_t i = 0; i < n; i++) {
    const git_status_entry *entry = git_status_byindex(list, i);
    const git_diff_delta *delta = entry->index_to_workdir ? entry->index_to_workdir : entry->head_to_index;
    if (delta && (delta->new_file.path || delta->old_file.path)) changed++;
  }
  fprintf(stderr, "%zu tracked (%zu path bytes), %zu status entries\n", tracked, bytes, changed);
  return 0;
}
