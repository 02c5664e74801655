//! What brief's own scanner (`scan`) knows of each language writers paste most: its
//! comments, strings, keywords, constants and types, and how it writes keys. Plain
//! tables, one per language; a language not here is left to the grammars.
//!
//! These languages are scanned rather than parsed with a grammar because a grammar's
//! regular expressions cost a build of 10,000 briefings, 3,000 with code, twice what
//! the rest of the build does (`bench/code.sh`), where a scanner costs a few percent.

/// How a language writes the keys of a mapping, which are coloured as keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keys {
    None,
    /// `key: value` (YAML) and `"key": value` (JSON).
    Colon,
    /// `key = value` and `[table]` (TOML).
    Equals,
}

/// One language, as the scanner reads it.
#[derive(Debug)]
pub(super) struct Lexicon {
    pub line_comments: &'static [&'static str],
    pub block_comment: Option<(&'static str, &'static str)>,
    /// Characters that open and close a string, with backslash escapes inside.
    pub quotes: &'static [u8],
    /// Quotes inside which a backslash is just a backslash (the shell's `'`).
    pub raw_quotes: &'static [u8],
    /// Quotes whose strings may run over several lines (a template literal, a Go raw
    /// string); every other string ends at its line's end, so one stray quote does not
    /// colour the rest of the block.
    pub multiline_quotes: &'static [u8],
    /// `"""` and `'''` strings (Python).
    pub triple_quotes: bool,
    /// A `'` that opens a string only when it closes a character later (`'a'`, `'\n'`):
    /// otherwise it is a lifetime (Rust).
    pub lifetimes: bool,
    pub keywords: &'static [&'static str],
    /// Keywords a language adds to those of the one it extends (TypeScript's to
    /// JavaScript's), so the shared ones are written once.
    pub more_keywords: &'static [&'static str],
    /// Keywords in any case (SQL).
    pub any_case: bool,
    pub constants: &'static [&'static str],
    /// Built-in types (`i32`, `string`).
    pub types: &'static [&'static str],
    /// A name that starts with a capital letter is a type (`Vec`, `Move`).
    pub capitalised_types: bool,
    /// A name followed by `!` and a bracket is a macro (Rust).
    pub macros: bool,
    pub keys: Keys,
}

const NONE: Lexicon = Lexicon {
    line_comments: &[],
    block_comment: None,
    quotes: b"\"",
    raw_quotes: &[],
    multiline_quotes: &[],
    triple_quotes: false,
    lifetimes: false,
    keywords: &[],
    more_keywords: &[],
    any_case: false,
    constants: &[],
    types: &[],
    capitalised_types: false,
    macros: false,
    keys: Keys::None,
};

const RUST: Lexicon = Lexicon {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"'",
    lifetimes: true,
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "type",
        "unsafe", "use", "where", "while",
    ],
    constants: &["true", "false"],
    types: &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "f32", "f64", "bool", "char", "str",
    ],
    capitalised_types: true,
    macros: true,
    ..NONE
};

const PYTHON: Lexicon = Lexicon {
    line_comments: &["#"],
    quotes: b"\"'",
    triple_quotes: true,
    keywords: &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
        "yield",
    ],
    constants: &["True", "False", "None"],
    types: &[
        "int", "float", "str", "bool", "list", "dict", "tuple", "set", "bytes", "object",
    ],
    capitalised_types: true,
    ..NONE
};

const GO: Lexicon = Lexicon {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"'`",
    raw_quotes: b"`",
    multiline_quotes: b"`",
    keywords: &[
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
    ],
    constants: &["true", "false", "nil", "iota"],
    types: &[
        "any",
        "bool",
        "byte",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
    ],
    capitalised_types: true,
    ..NONE
};

const JS_KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "from",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "of",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

const JS_CONSTANTS: &[&str] = &["true", "false", "null", "undefined", "NaN", "Infinity"];

const JAVASCRIPT: Lexicon = Lexicon {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: b"\"'`",
    multiline_quotes: b"`",
    keywords: JS_KEYWORDS,
    constants: JS_CONSTANTS,
    capitalised_types: true,
    ..NONE
};

const TYPESCRIPT: Lexicon = Lexicon {
    more_keywords: &[
        "abstract",
        "as",
        "declare",
        "enum",
        "implements",
        "infer",
        "interface",
        "is",
        "keyof",
        "namespace",
        "private",
        "protected",
        "public",
        "readonly",
        "type",
    ],
    types: &[
        "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
    ],
    ..JAVASCRIPT
};

const JSON: Lexicon = Lexicon {
    constants: &["true", "false", "null"],
    keys: Keys::Colon,
    ..NONE
};

const TOML: Lexicon = Lexicon {
    line_comments: &["#"],
    quotes: b"\"'",
    raw_quotes: b"'",
    triple_quotes: true,
    constants: &["true", "false", "inf", "nan"],
    keys: Keys::Equals,
    ..NONE
};

const YAML: Lexicon = Lexicon {
    line_comments: &["#"],
    quotes: b"\"'",
    raw_quotes: b"'",
    constants: &[
        "true", "false", "null", "yes", "no", "on", "off", "True", "False",
    ],
    keys: Keys::Colon,
    ..NONE
};

const SHELL: Lexicon = Lexicon {
    line_comments: &["#"],
    quotes: b"\"'",
    raw_quotes: b"'",
    keywords: &[
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "in", "function", "return", "local", "export", "readonly", "set", "unset", "shift", "exit",
        "break", "continue", "source", "alias", "declare",
    ],
    constants: &["true", "false"],
    ..NONE
};

const SQL: Lexicon = Lexicon {
    line_comments: &["--"],
    block_comment: Some(("/*", "*/")),
    quotes: b"'\"",
    keywords: &[
        "add",
        "all",
        "alter",
        "and",
        "as",
        "asc",
        "between",
        "by",
        "case",
        "create",
        "delete",
        "desc",
        "distinct",
        "drop",
        "else",
        "end",
        "exists",
        "foreign",
        "from",
        "full",
        "group",
        "having",
        "in",
        "index",
        "inner",
        "insert",
        "into",
        "is",
        "join",
        "key",
        "left",
        "like",
        "limit",
        "not",
        "offset",
        "on",
        "or",
        "order",
        "outer",
        "over",
        "partition",
        "primary",
        "references",
        "returning",
        "right",
        "select",
        "set",
        "table",
        "then",
        "union",
        "update",
        "using",
        "values",
        "view",
        "when",
        "where",
        "with",
    ],
    any_case: true,
    constants: &["null", "NULL", "true", "false", "TRUE", "FALSE"],
    types: &[
        "bigint",
        "boolean",
        "char",
        "date",
        "decimal",
        "double",
        "float",
        "int",
        "integer",
        "numeric",
        "real",
        "serial",
        "smallint",
        "text",
        "timestamp",
        "varchar",
    ],
    ..NONE
};

/// The lexicon for a fence's language, lower-cased: its name, a file extension or
/// a name writers use for it.
pub(super) fn find(language: &str) -> Option<&'static Lexicon> {
    Some(match language {
        "rust" | "rs" => &RUST,
        "python" | "py" | "py3" | "python3" => &PYTHON,
        "go" | "golang" => &GO,
        "javascript" | "js" | "jsx" | "mjs" | "cjs" => &JAVASCRIPT,
        "typescript" | "ts" | "tsx" | "mts" => &TYPESCRIPT,
        "json" | "jsonc" | "json5" => &JSON,
        "toml" => &TOML,
        "yaml" | "yml" => &YAML,
        "bash" | "sh" | "shell" | "zsh" | "console" | "shellsession" => &SHELL,
        "sql" | "postgresql" | "postgres" | "mysql" | "sqlite" | "psql" => &SQL,
        _ => return None,
    })
}
