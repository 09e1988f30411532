"""STD8xx: security (secrets, hashing, tokens, transport, SQL)."""

from __future__ import annotations

import ast
import functools
import re

from stdcheck.core.context import FileContext
from stdcheck.core.registry import Rule
from stdcheck.rules.common.calls import (
    NameResolver,
    has_double_star,
    is_constant,
    keyword,
)

HARDCODED_SECRET = Rule(
    code="STD801",
    name="hardcoded-secret",
    message="hard-coded secret in {name}; read it from the environment "
    "or a secret store",
    summary=(
        "A password, secret key, API key or access token written as a "
        "string literal."
    ),
    rationale=(
        "Secrets in source code end up in every clone, backup and log "
        "of the repository and cannot be rotated without a release."
    ),
    bad='SECRET_KEY = "k3y-7f9a2c41d8e6b05"\n',
    good='import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
    peers=("ruff S105", "ruff S106", "ruff S107", "bandit B105"),
    notes=(
        "Looks at assignments (names, attributes, annotated), keyword "
        "arguments, parameter defaults, dict entries with string keys "
        "and `==`/`!=` comparisons. The name must end in a secret word: "
        "`password`, `passwd`, `pwd`, `passphrase`, `secret`, "
        "`secret_key`/`api_key`/`private_key`/`access_key`/"
        "`signing_key`, or a credential token (`access_token`, "
        "`auth_token`, `api_token`, `bearer_token`, `refresh_token`). "
        "Exempt values: empty strings, text with spaces (prompts, "
        "messages, SQL), placeholders (`<...>`, `{...}`, `${...}`, "
        "`%(...)s`, one repeated character, `changeme`, `dummy`, "
        "`example`, `your-...`) and a value that is part of the name "
        "(`PASSWORD = 'password'`, a field name). Test files are "
        "exempt (fixtures need fake credentials). Deliberate "
        "differences from ruff S105: a bare `token` or `token_type` is "
        "not a secret (lexers have many) and a word followed by more "
        "words (`PASSWORD_FIELD`, `password_prompt`) names metadata, "
        "not a secret; ruff does not know `api_key` and friends."
    ),
)
WEAK_PASSWORD_HASH = Rule(
    code="STD802",
    name="weak-password-hash",
    message="password hashed with {call}(); use bcrypt, argon2, "
    "scrypt or hashlib.pbkdf2_hmac",
    summary="A password hashed with a fast `hashlib` digest.",
    rationale=(
        "The standard asks to store passwords with strong hashing "
        "algorithms (bcrypt, Argon2). MD5, SHA-1 and even SHA-256 are "
        "built to be fast, so a leaked table of them is cracked by "
        "brute force; password hashes must be slow and salted."
    ),
    bad=(
        "import hashlib\n"
        "\n"
        "\n"
        "def store(user, password):\n"
        "    user.hash = hashlib.sha256(password.encode()).hexdigest()\n"
    ),
    good=(
        "from argon2 import PasswordHasher\n"
        "\n"
        "\n"
        "def store(user, password):\n"
        "    user.hash = PasswordHasher().hash(password)\n"
    ),
    peers=("ruff S324",),
    notes=(
        "Reports `hashlib.md5`/`sha1`/`sha224`/`sha256`/`sha384`/"
        "`sha512`/`sha3_*`/`blake2*`/`new` called on an argument that "
        "uses a password-like name (`password`, `passwd`, `pwd`, "
        "`passphrase`, `*_pass`, ...), and `.update(...)` with one on "
        "such a hash object. Deliberate difference from ruff S324, "
        "which reports MD5 and SHA-1 wherever they are used: checksums "
        "and cache keys are legitimate uses of a fast hash, and the "
        "standard's concern is password storage."
    ),
)
JWT_UNVERIFIED = Rule(
    code="STD803",
    name="jwt-unverified",
    message="jwt.decode() {problem}",
    summary=(
        "`jwt.decode` without `algorithms=`, or with signature "
        "verification turned off."
    ),
    rationale=(
        "Without a fixed list of algorithms the token's own header "
        "picks how it is checked (`none`, or an HMAC keyed with the "
        "public key); with verification off anyone can forge a token."
    ),
    bad="payload = jwt.decode(token, SECRET_KEY)\n",
    good="payload = jwt.decode(token, SECRET_KEY, algorithms=['HS256'])\n",
    notes=(
        "Applies to PyJWT (`import jwt`) and python-jose (`from jose "
        "import jwt`). Reports a call without `algorithms=` (unless "
        "`**options` may carry it), `verify=False`, and `options=` "
        "given as a dict with `verify_signature` false. No peer tool "
        "has this rule."
    ),
)
PLAIN_HTTP_URL = Rule(
    code="STD804",
    name="plain-http-url",
    message="plain http:// URL for {host}; use https://",
    summary="A plain `http://` URL for a remote endpoint.",
    rationale=(
        "The standard asks for HTTPS for all API endpoints: over plain "
        "HTTP, credentials, tokens and data travel readable and "
        "changeable by anyone on the path."
    ),
    bad='API_URL = "http://api.payments.io/v1"\n',
    good='API_URL = "https://api.payments.io/v1"\n',
    notes=(
        "A URL counts as an endpoint where code uses it as one: "
        "assigned to, passed as or a default of a name containing "
        "`url`, `uri`, `endpoint` or `webhook` (a dict entry with such "
        "a key too), or the first argument of an HTTP call "
        "(`requests`/`httpx` functions, `urlopen`, `Request`, and "
        "`.get`/`.post`/... methods). URLs in docstrings, comments and "
        "messages are not endpoints, nor are XML namespaces (names "
        "containing `namespace`, `xmlns` or `schema`). Exempt hosts: "
        "`localhost`, loopback addresses, `0.0.0.0`, and the reserved "
        "example and test domains (`example.com`, `*.test`, ...). An "
        "f-string whose host is interpolated is not judged. No peer "
        "tool has this rule."
    ),
)
TLS_VERIFY_DISABLED = Rule(
    code="STD805",
    name="tls-verify-disabled",
    message="{call}() with verify=False accepts any certificate",
    summary="An HTTP call or client made with `verify=False`.",
    rationale=(
        "Without certificate checks HTTPS no longer proves who answers: "
        "anyone on the path can read and change the traffic."
    ),
    bad='requests.get(url, verify=False, timeout=10)\n',
    good='requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=10)\n',
    peers=("ruff S501", "bandit B501"),
    notes=(
        "Reports `verify=False` on any `requests` or `httpx` function "
        "or client, and on `.get`/`.post`/`.request`/... methods of any "
        "object (a `requests.Session`, an `httpx.Client` held in an "
        "attribute). ruff S501 reports only the module-level calls."
    ),
)
REQUEST_WITHOUT_TIMEOUT = Rule(
    code="STD806",
    name="request-without-timeout",
    message="{call}() {problem}; a stalled server hangs the caller",
    summary=(
        "A `requests` call without `timeout=`, or any `requests`/`httpx` "
        "call with `timeout=None`."
    ),
    rationale=(
        "`requests` waits forever by default: one unresponsive server "
        "ties up a worker until the process is restarted."
    ),
    bad='response = requests.get(url)\n',
    good='response = requests.get(url, timeout=10)\n',
    peers=("ruff S113",),
    notes=(
        "`httpx` has a default timeout, so only an explicit "
        "`timeout=None` is reported there, as in ruff. A call passing "
        "`**options` may carry a timeout and is not reported "
        "(deliberate difference: ruff S113 reports it)."
    ),
)
FORMATTED_SQL = Rule(
    code="STD807",
    name="formatted-sql",
    message="SQL built with {how} passed to {call}(); pass the values "
    "as query parameters",
    summary=(
        "SQL built with an f-string, `%`, `.format()` or `+` and passed "
        "to `execute()` or `text()`."
    ),
    rationale=(
        "Values pasted into SQL text are an injection hole; query "
        "parameters are quoted by the driver and let it reuse plans."
    ),
    bad=(
        "def find(cursor, email):\n"
        "    cursor.execute(f\"SELECT * FROM users WHERE email = "
        "'{email}'\")\n"
    ),
    good=(
        "def find(cursor, email):\n"
        "    cursor.execute(\n"
        "        \"SELECT * FROM users WHERE email = %s\", (email,)\n"
        "    )\n"
    ),
    peers=("ruff S608", "bandit B608"),
    notes=(
        "Checks the first argument of `.execute()`, `.executemany()`, "
        "`.executescript()`, `.raw()` (Django) and SQLAlchemy's "
        "`text()`, also when it is a name assigned earlier in the same "
        "function (`sql = f'...'; cursor.execute(sql)`). Values that "
        "cannot inject are exempt: literals, UPPER_CASE constants and "
        "calls that quote (`quote_name(table)`, `quote_identifier(...)`, "
        "`sql.Identifier(...)`, and any method of a dialect's identifier "
        "preparer, an object named `...preparer`: "
        "`preparer.format_table(table)`; identifiers cannot be "
        "parameters), and placeholder lists made "
        "by joining literals (`', '.join(['%s'] * n)`). Deliberate "
        "difference from ruff S608, which reports any SQL-looking "
        "formatted string wherever it is built, whether or not it "
        "reaches a query, and reports quoted identifiers too, but only "
        "recognises `SELECT ... FROM`, `INSERT ... VALUES`, `UPDATE ... "
        "SET` and `DELETE FROM` (not DDL such as `CREATE DATABASE "
        "%s`); here any text formatted into a query runner counts, and "
        "the finding is at the call that runs the SQL."
    ),
)

SECRET_NAME = re.compile(
    r"(?:.*_)?(?:password|passwd|pwd|passphrase|secret"
    r"|(?:secret|api|private|access|signing)_?key"
    r"|(?:access|auth|api|bearer|refresh)_?token)",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(
    r"(.)\1*|<.*>|\{.*\}|\$.*|%\(.*\)s|.*(?:change_?me|dummy|example"
    r"|placeholder|redacted).*|your_.*",
    re.IGNORECASE,
)
PASSWORD_NAME = re.compile(
    r"(?:.*_)?(?:password|passwd|pwd|passphrase|pass|pw)(?:_.*)?",
    re.IGNORECASE,
)
HASHERS = frozenset(
    f"hashlib.{name}"
    for name in (
        "md5", "sha1", "sha224", "sha256", "sha384", "sha512",
        "sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b",
        "blake2s", "new",
    )
)
JWT_DECODERS = frozenset({"jwt.decode", "jose.jwt.decode"})
HTTP_METHODS = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request",
})
HTTP_MODULES = ("requests.", "httpx.")
URL_CALLS = frozenset({
    "urllib.request.urlopen", "urllib.request.Request", "urllib3.request",
})
URL_NAME = re.compile(
    r"(?:.*_)?(?:urls?|uri|endpoint|webhook)(?:_.*)?", re.IGNORECASE
)
NOT_URL_NAME = re.compile(r"namespace|xmlns|schema", re.IGNORECASE)
HTTP_URL = re.compile(r"http://(\[[^\]]*\]|[^/:?#\s\[]+)", re.IGNORECASE)
LOCAL_HOST = re.compile(
    r"localhost|.*\.localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0"
    r"|(?:.*\.)?example\.(?:com|net|org)|.*\.(?:example|test|invalid)",
    re.IGNORECASE,
)
SQL_RUNNERS = frozenset({"execute", "executemany", "executescript", "raw"})
SQL_TEXT = frozenset({
    "sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.expression.text",
    "sqlalchemy.sql.expression.text",
})
SQL_KEYWORDS = ("sql", "query", "statement", "operation")
SAFE_SQL_CALL = re.compile(r"quote|escape|identifier", re.IGNORECASE)
CONSTANT_NAME = re.compile(r"_*[A-Z][A-Z0-9_]*\Z")


class SecurityPractices(NameResolver):
    """Reports secrets, weak hashes, bad tokens, transport and SQL."""

    rules = (
        HARDCODED_SECRET,
        WEAK_PASSWORD_HASH,
        JWT_UNVERIFIED,
        PLAIN_HTTP_URL,
        TLS_VERIFY_DISABLED,
        REQUEST_WITHOUT_TIMEOUT,
        FORMATTED_SQL,
    )
    on_demand = frozenset({"visit_Name", "visit_Attribute"})

    def __init__(self, ctx: FileContext) -> None:
        """Start a file; remember hash calls already reported."""
        super().__init__(ctx)
        self.hashed: set[int] = set()
        # A fast hash's name (HASHERS) comes from a "hashlib" written
        # in the file, or from the file being hashlib: only then can a
        # password-like name be hashed fast.
        if "hashlib" in ctx.source or ctx.module_name == "hashlib":
            self.switch("visit_Name", True)
            self.switch("visit_Attribute", True)

    def visit_Assign(self, node: ast.Assign) -> None:
        """Check a value bound to secret- or URL-like names."""
        for target in node.targets:
            self._check_named(_target_name(target), node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        """Check an annotated assignment like a plain one."""
        if node.value is not None:
            self._check_named(_target_name(node.target), node.value)

    def visit_arguments(self, node: ast.arguments) -> None:
        """Check parameter defaults."""
        positional = node.posonlyargs + node.args
        pairs = list(zip(positional[len(positional) - len(node.defaults):],
                         node.defaults))
        pairs += [
            (arg, default)
            for arg, default in zip(node.kwonlyargs, node.kw_defaults)
            if default is not None
        ]
        for arg, default in pairs:
            self._check_named(arg.arg, default)

    def visit_Dict(self, node: ast.Dict) -> None:
        """Check dict entries with string keys."""
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self._check_named(key.value, value)

    def visit_Compare(self, node: ast.Compare) -> None:
        """Check ``password == "literal"``."""
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if isinstance(op, (ast.Eq, ast.NotEq)):
                self._check_secret(_target_name(left), right)
                self._check_secret(_target_name(right), left)

    def visit_Name(self, node: ast.Name) -> None:
        """Check a password-like name for a fast hash around it."""
        if _password_like(node.id):
            self._check_hashed(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        """Check a password-like attribute for a fast hash around it."""
        if _password_like(node.attr):
            self._check_hashed(node)

    def visit_Call(self, node: ast.Call) -> None:
        """Check keyword arguments and what the call does."""
        for item in node.keywords:
            if item.arg is not None:
                self._check_named(item.arg, item.value)
        name = self.names.call_name(node) or ""
        method = node.func.attr if isinstance(
            node.func, ast.Attribute
        ) else ""
        if name in JWT_DECODERS:
            self._check_jwt(node)
        http = name.startswith(HTTP_MODULES)
        if http or method in HTTP_METHODS:
            self._check_http(node, name or ast.unparse(node.func), http)
        if node.args and (http or method in HTTP_METHODS
                          or name in URL_CALLS):
            self._check_url(node.args[0])
        if method in SQL_RUNNERS or name in SQL_TEXT:
            self._check_sql(node, name or ast.unparse(node.func))

    def _check_named(self, name: str | None, value: ast.expr) -> None:
        """Check a value given to a name (secret, URL)."""
        if name is None or not _is_text(value):  # both need text
            return
        self._check_secret(name, value)
        if URL_NAME.fullmatch(name) and not NOT_URL_NAME.search(name):
            self._check_url(value)

    def _check_secret(self, name: str | None, value: ast.expr) -> None:
        """Report a secret-looking literal given to a secret name."""
        if (
            name is None
            or not isinstance(value, ast.Constant)
            or not isinstance(value.value, str)
            or self.ctx.is_test
            or not SECRET_NAME.fullmatch(name)
        ):
            return
        text = value.value
        if (
            not text
            or any(char.isspace() for char in text)
            or PLACEHOLDER.fullmatch(text)
            or text.lower().replace("-", "_") in name.lower()
        ):
            return
        self.ctx.report_node(HARDCODED_SECRET, value, name=f"`{name}`")

    def _check_hashed(self, node: ast.expr) -> None:
        """Report a fast hash call whose arguments hold this name."""
        child: ast.AST = node
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, ast.stmt):
                return
            if isinstance(parent, ast.Call) and child is not parent.func:
                call = self._hash_call(parent)
                if call is not None and id(parent) not in self.hashed:
                    self.hashed.add(id(parent))
                    self.ctx.report_node(
                        WEAK_PASSWORD_HASH, parent, call=call
                    )
                    return
            child = parent

    def _hash_call(self, call: ast.Call) -> str | None:
        """Return the hash function a call feeds, if a fast one."""
        name = self.names.call_name(call)
        if name in HASHERS:
            return name
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "update":
            maker = self.names.bound_value(func.value)
            if isinstance(maker, ast.Call):
                made = self.names.call_name(maker)
                return made if made in HASHERS else None
        return None

    def _check_jwt(self, call: ast.Call) -> None:
        """Report a JWT decode that skips algorithms or verification."""
        options = keyword(call, "options")
        problem = None
        if is_constant(keyword(call, "verify"), False) or (
            isinstance(options, ast.Dict)
            and any(
                isinstance(key, ast.Constant)
                and key.value == "verify_signature"
                and isinstance(value, ast.Constant)
                and not value.value
                for key, value in zip(options.keys, options.values)
            )
        ):
            problem = "with signature verification disabled"
        elif keyword(call, "algorithms") is None and not has_double_star(
            call
        ):
            problem = "without algorithms=: the token picks its own"
        if problem is not None:
            self.ctx.report_node(JWT_UNVERIFIED, call, problem=problem)

    def _check_http(self, call: ast.Call, name: str, module: bool) -> None:
        """Report disabled TLS checks and missing timeouts."""
        if is_constant(keyword(call, "verify"), False):
            self.ctx.report_node(TLS_VERIFY_DISABLED, call, call=name)
        if not module:
            return
        timeout = keyword(call, "timeout")
        if is_constant(timeout, None):
            self.ctx.report_node(
                REQUEST_WITHOUT_TIMEOUT, call, call=name,
                problem="with timeout=None",
            )
        elif (
            timeout is None
            and name.startswith("requests.")
            and name.rsplit(".", 1)[-1] in HTTP_METHODS
            and not has_double_star(call)
        ):
            self.ctx.report_node(
                REQUEST_WITHOUT_TIMEOUT, call, call=name,
                problem="without timeout=",
            )

    def _check_url(self, value: ast.expr) -> None:
        """Report a plain-HTTP URL literal for a remote host."""
        if isinstance(value, ast.JoinedStr) and value.values:
            text = value.values[0]
        else:
            text = value
        if not isinstance(text, ast.Constant) or not isinstance(
            text.value, str
        ):
            return
        match = HTTP_URL.match(text.value)
        if match is None:
            return
        host = match.group(1)
        whole = match.end() == len(text.value) or text.value[
            match.end()
        ] in "/:?#"
        if whole and not LOCAL_HOST.fullmatch(host):
            self.ctx.report_node(PLAIN_HTTP_URL, value, host=host)

    def _check_sql(self, call: ast.Call, name: str) -> None:
        """Report SQL text built by formatting values into it."""
        argument = call.args[0] if call.args else next(
            (keyword(call, key) for key in SQL_KEYWORDS
             if keyword(call, key) is not None),
            None,
        )
        if argument is None:
            return
        how = self._formatting(self.names.bound_value(argument))
        if how is not None:
            self.ctx.report_node(FORMATTED_SQL, call, how=how, call=name)

    def _formatting(self, node: ast.expr) -> str | None:
        """Return how a string was formatted with unsafe values."""
        if isinstance(node, ast.JoinedStr):
            values = [
                part.value for part in node.values
                if isinstance(part, ast.FormattedValue)
            ]
            return "an f-string" if self._unsafe(values) else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if not _is_text(node.left):
                return None
            right = node.right
            values = right.elts if isinstance(right, ast.Tuple) else (
                list(right.values) if isinstance(right, ast.Dict)
                else [right]
            )
            return "`%`" if self._unsafe(values) else None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and _is_text(node.func.value)
        ):
            values = [*node.args, *(item.value for item in node.keywords)]
            return "`.format()`" if self._unsafe(values) else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            operands = _added(node)
            if not any(_is_text(item) for item in operands):
                return None
            values = [
                part.value
                for item in operands
                for part in (
                    item.values if isinstance(item, ast.JoinedStr)
                    else [ast.FormattedValue(item, -1)]
                )
                if isinstance(part, ast.FormattedValue)
                and not _is_text(part.value)
            ]
            return "`+`" if self._unsafe(values) else None
        return None

    def _unsafe(self, values: list[ast.expr]) -> bool:
        """Return whether any formatted value could carry input."""
        return any(not self._safe_value(value) for value in values)

    def _safe_value(self, node: ast.expr) -> bool:
        """Return whether a value cannot inject SQL."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Starred):
            return self._safe_value(node.value)
        if isinstance(node, ast.Name):
            value = self.names.bound_value(node)
            return CONSTANT_NAME.match(node.id) is not None or (
                value is not node and self._safe_value(value)
            )
        if isinstance(node, ast.Attribute):
            return CONSTANT_NAME.match(node.attr) is not None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            return self._safe_value(node.left) and (
                self._safe_value(node.right)
                or not _is_text(node.right)
            )
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self._safe_value(item) for item in node.elts)
        if isinstance(node, ast.Dict):
            return all(self._safe_value(item) for item in node.values)
        if isinstance(node, ast.Call):
            called = self.names.qualified_name(node.func) or ""
            if SAFE_SQL_CALL.search(called.rsplit(".", 1)[-1]):
                return True
            func = node.func
            if isinstance(func, ast.Attribute) and _owner_name(
                func.value
            ).lower().endswith("preparer"):
                return True  # a dialect's identifier preparer quotes
            return (
                isinstance(func, ast.Attribute)
                and func.attr == "join"
                and isinstance(func.value, ast.Constant)
                and all(self._safe_value(arg) for arg in node.args)
            )
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self._safe_value(node.elt)
        return False


def _owner_name(node: ast.expr) -> str:
    """Return ``b`` of ``b.method`` or ``a.b.method`` (else "")."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


@functools.lru_cache(maxsize=4096)
def _password_like(name: str) -> bool:
    """Return whether a name or attribute names a password.

    Asked of every name in the file: identifiers repeat, the pattern's
    leading ``.*_`` makes matching them slow.
    """
    return PASSWORD_NAME.fullmatch(name) is not None


def _target_name(node: ast.expr) -> str | None:
    """Return the last name of an assignment target or operand."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_text(node: ast.expr) -> bool:
    """Return whether a node is a string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _added(node: ast.expr) -> list[ast.expr]:
    """Flatten a chain of ``+`` into its operands (iteratively)."""
    operands = []
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, ast.BinOp) and isinstance(item.op, ast.Add):
            pending += (item.right, item.left)
        else:
            operands.append(item)
    return operands
