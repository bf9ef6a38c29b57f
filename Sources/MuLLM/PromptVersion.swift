/// Version of the built-in prompts and of the parser rules that accept a
/// reply. Part of every cache key: bump it whenever a built-in template, the
/// few-shot examples or the validation rules change, so old summaries are
/// not reused for a different question.
public let PROMPT_VERSION = "mu-prompt-1"
