/// The text of `.murc.toml.example` (at the repository root), which `mu config init` writes.
///
/// The file is the single source of truth; this copy exists so the binary needs no resources at run time.
/// A test asserts the two are equal byte for byte, so edit the file and paste it here (between the
/// delimiters, keeping the blank line before the closing one: the text ends with a newline).
public enum ConfigExample {
    public static let text = #"""
# mu configuration.
#
# `mu config init` copies this file into a repository as .murc.toml; the same keys work in
# ~/.config/mu/config.toml for settings of your own. Every value below is the default, so this file as
# written changes nothing: edit what you need and delete the rest if you like.
#
# Precedence, highest first:
#   command-line flag > environment variable > <repo>/.murc.toml
#   > ~/.config/mu/config.toml (or the file named by MU_CONFIG) > built-in default
# `mu config show` prints every value in effect and where it came from.
#
# API keys are never read from a file: set ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENROUTER_API_KEY
# in the environment. A key written here is an error.
#
# Reference: docs/configuration.md

[llm]
# Who writes the summaries:
#   extractive         no LLM and no network: summaries built from the code itself (free, offline)
#   anthropic          Anthropic Messages API        (key: ANTHROPIC_API_KEY)
#   openai             OpenAI chat completions       (key: OPENAI_API_KEY)
#   openrouter         OpenRouter                    (key: OPENROUTER_API_KEY)
#   ollama             a local Ollama server         (no key)
#   openai-compatible  any server speaking OpenAI's chat completions API at
#                      [llm.openai-compatible] base_url
# Environment: MU_PROVIDER. Flag: --provider.
provider = "extractive"

# The model; "" means the provider's default. `mu models` lists the known ones.
# Environment: MU_MODEL. Flag: --model.
model = ""

# Seconds before one request is abandoned (and retried, if retries are left). Flag: --timeout.
timeout_seconds = 30

# Retries after a failed request (rate limited, server error, timeout), with backoff. Flag: --max-retries.
max_retries = 2

# Requests in flight at once (at least 1). Flag: --concurrency.
concurrency = 5

# Client-side rate limits; 0 = unlimited.
requests_per_minute = 0
tokens_per_minute = 0

# Stop before spending more than this many US dollars in one run; 0 = no budget. Flag: --max-cost.
max_cost_usd = 0

# Sampling temperature, 0 to 2. Flag: --temperature.
temperature = 0.2

# Upper bound on the tokens of one summary. Flag: --max-tokens.
max_tokens = 300

# A longer prompt is cut to the declaration, doc comment, head and tail of the body, with a line saying
# how many lines were left out; part of the cache key.
max_input_tokens = 8000

# How the prompt asks for a summary: direct | few-shot | instruction | chain-of-thought.
# Flag: --strategy.
strategy = "direct"

# Your own prompt instead of the built-in one; "" uses the built-in prompt. A multi-line string works:
# prompt_template = '''
# ...
# '''
prompt_template = ""

# Where each provider's API lives. Environment: ANTHROPIC_BASE_URL, OPENAI_BASE_URL, and OLLAMA_HOST
# (`localhost:11434` is read as http://localhost:11434).
[llm.anthropic]
base_url = "https://api.anthropic.com"

[llm.openai]
base_url = "https://api.openai.com/v1"

[llm.openrouter]
base_url = "https://openrouter.ai/api/v1"

[llm.ollama]
base_url = "http://localhost:11434"

# Required when provider = "openai-compatible", e.g. "http://localhost:8000/v1".
[llm.openai-compatible]
base_url = ""
# The environment variable holding the server's key, sent as "Authorization: Bearer" (a LiteLLM
# proxy, or vLLM or llama.cpp given an API key). "" means OPENAI_API_KEY, when it is set.
api_key_env = ""

[index]
# Globs, relative to the repository root, of the files to read; [] means every file.
include = []

# Globs of files to skip, e.g. ["vendor/**", "**/*_generated.go"].
exclude = []

# Files larger than this many bytes are skipped.
max_file_bytes = 1048576

[cache]
# The SQLite file holding the index and the summaries. A relative path is relative to the repository
# root; "~/" is your home directory. A shared file (e.g. "~/.cache/mu/cache.db") lets several
# checkouts reuse the summaries they have paid for.
path = ".mu/mu.db"

# A team-wide summary cache on PostgreSQL, shared by every machine and CI run: memory -> the file above
# -> this server -> the provider. "" means none. postgres://USER@HOST:5432/DATABASE?sslmode=MODE with
# sslmode disable, prefer (default), require or verify-full (add &sslrootcert=/path/ca.pem for a private
# CA). Never write the password here: mu reads it from PGPASSWORD, or from MU_CACHE_URL, which may
# carry the whole URL. An unreachable server only prints a warning (see --require-remote-cache).
url = ""

[security]
# Replace likely secrets (keys, tokens, passwords) in function bodies before sending them to a provider.
redact_secrets = true

[prompt]
# A JSON file of few-shot examples for the few-shot strategy, instead of mu's built-in ones; "" = built-in.
# Relative to the repository root. Each entry: {"language": "python", "code": "def f(): ...",
# "summary": ["Does this.", "Returns that."]}. Its content is part of the cache key.
examples_file = ""

[quality]
# What an LLM summary must satisfy to be accepted. A reply that fails gets one re-ask; still failing,
# the function counts as failed and nothing is cached. Non-default values are part of the cache key.
# Fewest and most bullets.
min_bullets = 1
max_bullets = 5

# Words per bullet at most.
max_words = 25

# Least share (0 to 1) of the code identifiers named in a summary (snake_case, camelCase, dotted.names,
# calls()) that must occur in the function's body; 0 = not checked.
min_grounding = 0

# [models.NAME] adds a model to mu's catalog, or overrides fields of a known one. All fields are
# optional; a model the catalog does not know needs at least `provider`. Quote names with dots.
#
# [models."my-finetune"]
# provider = "openai"              # one of the providers above
# id = "ft:gpt-4o-mini:acme::abc"  # the model id sent to the API, when it differs from NAME
# context_window = 128000          # tokens
# input_usd_per_mtok = 0.30        # US dollars per million input tokens
# output_usd_per_mtok = 1.20       # US dollars per million output tokens

"""#
}
