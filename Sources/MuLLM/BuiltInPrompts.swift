/// The text of mu's built-in prompts. Changing anything here requires a new
/// ``PROMPT_VERSION``.
enum BuiltInPrompts {
    static let system = """
        You summarize source code for a searchable index of functions. You answer with 1 to 5 \
        short bullet lines, each starting with "- ", each at most 25 words, in plain English. \
        No introduction, no headings, no code blocks, no repetition of the code itself.
        """

    static let direct = """
        Summarize what this {{language}} {{kind}} `{{qualified_name}}` ({{context}}) does.

        {{code}}
        """

    static let instruction = """
        Summarize the {{language}} {{kind}} `{{qualified_name}}` from {{context}}.
        Signature: {{signature}}
        Doc comment: {{doc_comment}}

        {{code}}

        Rules:
        - First bullet: its purpose, starting with a verb ("Parses…", "Returns…").
        - Then, only if present: inputs that matter, what it returns, errors it raises, side effects \
        (files, network, database, processes, global state).
        - At most {{max_bullets}} bullets of at most {{max_words}} words each; no code, no preamble.
        """

    static let chainOfThought = """
        Summarize the {{language}} {{kind}} `{{qualified_name}}` from {{context}}.

        {{code}}

        First think step by step inside <thinking></thinking>: what it takes, what it computes, \
        what it returns, what can fail, what it changes outside itself. Keep the thinking short.
        Then write a line "Summary:" followed by 1 to {{max_bullets}} bullets starting with "- ", \
        at most {{max_words}} words each. Only the bullets after "Summary:" are kept.
        """

    static let examples: [ChatMessage] = [
        .user("""
            Summarize what this python function `Config.load` (Config in file app/config.py) does.

            ```python
            def load(self, path):
                with open(path) as handle:
                    data = json.load(handle)
                self.values.update(data)
                return len(data)
            ```
            """),
        .assistant("""
            - Reads a JSON file at path and merges its keys into the configuration values.
            - Returns the number of keys loaded; raises if the file is missing or invalid JSON.
            """),
        .user("""
            Summarize what this go function `retry` (file net/retry.go) does.

            ```go
            func retry(n int, f func() error) error {
                var err error
                for i := 0; i < n; i++ {
                    if err = f(); err == nil {
                        return nil
                    }
                    time.Sleep(time.Duration(1<<i) * time.Second)
                }
                return err
            }
            ```
            """),
        .assistant("""
            - Calls f up to n times until it succeeds, doubling the pause between attempts.
            - Returns nil on the first success, otherwise the last error.
            """),
    ]
}
