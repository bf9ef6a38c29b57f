// The tree-sitter runtime API and the grammar entry points that `make setup`
// (scripts/setup-tree-sitter.sh) compiled into libmu-tree-sitter.a; the header names the
// grammars it linked and where the dlopen-ed grammar library lives.
#include <mu_tree_sitter.h>
#include <dlfcn.h>
