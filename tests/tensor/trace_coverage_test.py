#!/usr/bin/env python3
"""Every public op of the tensor layer reports to the tracer (tjit/tensor/trace_hook.hpp).

Scans the definitions of include/tjit/tensor/ops/detail/*.hpp (including those that macros
generate), the inline definitions of include/tjit/tensor/ops/*.hpp and the view methods of
tensor_base.hpp. A public function definition (namespace tjit, outside any `detail` namespace)
passes when its body starts with TJIT_TRACE (possibly inside an `if` choosing the schema) or when
a `// not traced: <reason>` comment (or `/* not traced: ... */` inside a macro) stands directly
above it; `// not traced (block): <reason>` covers the definitions that follow it up to the next
blank line. Also checks that every schema name given to TJIT_TRACE (or to TJIT_CONV) is one
registered in include/tjit/runtime/detail/ops_*.hpp.

Prints a doctest-style summary line; exits non-zero on any failure.
"""
import glob
import os
import re
import sys


def repo_root():
    src = os.environ.get("TEST_SRCDIR")
    if src:
        for ws in (os.environ.get("TEST_WORKSPACE", ""), "__main__", "tjit"):
            cand = os.path.join(src, ws)
            if ws and os.path.isdir(os.path.join(cand, "include", "tjit")):
                return cand
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def mask(text):
    """Comments, string and character literals replaced by spaces (newlines kept); macro
    continuations joined (the backslash becomes a space); preprocessor lines blanked except the
    bodies of #define (the `#define NAME(params)` part is blanked)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            for k in range(i, min(j + 1, n)):
                if out[k] != "\n":
                    out[k] = " "
            i = j + 1
        else:
            i += 1
    code = "".join(out)
    code = code.replace("\\\n", " \n")
    lines = code.split("\n")
    for idx, line in enumerate(lines):
        s = line.lstrip()
        if not s.startswith("#"):
            continue
        m = re.match(r"(\s*#\s*define\s+\w+(\([^)]*\))?)", line)
        if m:
            lines[idx] = " " * len(m.group(1)) + line[len(m.group(1)):]
        else:
            lines[idx] = " " * len(line)
    return "\n".join(lines)


QUALS = r"(\s*(const|noexcept|override|final|->\s*[\w:<>,&*\s]+))*"


def classify(head):
    """'ns:<name>', 'class', 'func:<name>' or 'other' for the code before a `{`."""
    h = " ".join(head.split())
    m = re.search(r"\bnamespace\s*([\w:]*)\s*$", h)
    if m:
        return "ns:" + m.group(1)
    if re.search(r"\b(class|struct|union|enum)\b[^()]*$", h):
        return "class"
    if not re.search(r"\)" + QUALS + r"\s*$", h):
        return "other"
    # the last top-level parenthesised group
    depth, end, start = 0, None, None
    body = re.sub(QUALS + r"\s*$", "", h)
    for k in range(len(body) - 1, -1, -1):
        if body[k] == ")":
            if depth == 0:
                end = k
            depth += 1
        elif body[k] == "(":
            depth -= 1
            if depth == 0:
                start = k
                break
    if start is None:
        return "other"
    before = body[:start].rstrip()
    # a top-level `=` (outside parentheses, not an operator name) is no function head
    d = 0
    for k, ch in enumerate(before):
        d += ch == "("
        d -= ch == ")"
        if ch == "=" and d == 0 and not re.search(r"operator\s*\S*$", before[:k + 1]):
            return "other"
    m = re.search(r"(operator\s*[^\s\w(]+|operator\s*\(\s*\)|[\w#]+)$", before)
    if not m or m.group(1) in ("if", "for", "while", "switch", "catch", "return", "sizeof"):
        return "other"
    return "func:" + m.group(1)


def scan(text, path="<text>", window=None, class_ok=()):
    """Public function definitions of `text` that are neither traced nor marked not traced:
    [(path, line, name)]. `window` (line range) limits the check; members of classes named in
    `class_ok` count as public."""
    code = mask(text)
    orig_lines = text.split("\n")
    missing, checked = [], []
    stack = []  # ('ns', name) | ('class', name) | ('body', None)
    head_start = 0
    depth_paren = 0
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c in "([":
            depth_paren += 1
        elif c in ")]":
            depth_paren -= 1
        elif depth_paren == 0 and c == ";":
            head_start = i + 1
        elif depth_paren == 0 and c == "}":
            if stack:
                stack.pop()
            head_start = i + 1
        elif depth_paren == 0 and c == "{":
            head = code[head_start:i]
            kind = classify(head)
            in_body = any(k == "body" for k, _ in stack)
            public = not in_body and all(
                (k == "ns" and "detail" not in nm) or (k == "class" and nm in class_ok)
                for k, nm in stack)
            if kind.startswith("ns:"):
                stack.append(("ns", kind[3:]))
            elif kind == "class":
                m = re.search(r"\b(?:class|struct|union)\s+(\w+)", " ".join(head.split()))
                stack.append(("class", m.group(1) if m else ""))
            elif kind.startswith("func:") and public:
                name = kind[5:]
                # the matching brace
                d, j = 0, i
                while j < n:
                    if code[j] == "{":
                        d += 1
                    elif code[j] == "}":
                        d -= 1
                        if d == 0:
                            break
                    j += 1
                body = code[i + 1:j]
                name_pos = head_start + head.rfind(name) if name in head else i
                line = code.count("\n", 0, name_pos) + 1
                if window is None or window[0] <= line <= window[1]:
                    checked.append(name)
                    first = body.split(";", 1)[0]
                    ok = "TJIT_TRACE" in first
                    if not ok:
                        ok = "not traced:" in text[head_start:i]
                    if not ok:  # a block comment above, up to a blank line
                        k = line - 1
                        while k >= 0 and orig_lines[k].strip():
                            if "not traced (block):" in orig_lines[k]:
                                ok = True
                                break
                            k -= 1
                    if not ok:
                        missing.append((path, line, name))
                stack.append(("body", None))
                i = j  # the closing brace pops it
                continue
            else:
                stack.append(("body", None) if kind.startswith("func:") or kind == "other"
                             else ("other", None))
            head_start = i + 1
        i += 1
    return missing, checked


def registered_names(root):
    names = set()
    for p in glob.glob(os.path.join(root, "include/tjit/runtime/detail/ops_*.hpp")):
        names.update(re.findall(r'"((?:aten|prim)::[\w.]+)\(', open(p).read()))
    return names


def traced_names(text):
    return (re.findall(r'TJIT_TRACE\(\s*"([^"]+)"\s*,', text) +
            re.findall(r'TJIT_CONV\(\s*\d+,\s*"([^"]+)"', text))


SELF_TEST = r'''
namespace tjit {
namespace detail {
inline Tensor helper(const Tensor& t) { return t; }
}  // namespace detail
TJIT_DEF Tensor traced(const Tensor& t) {
  TJIT_TRACE("aten::relu", traced(t), t);
  return t;
}
TJIT_DEF Tensor branched(const Tensor& t, bool b) {
  if (b) {
    TJIT_TRACE("aten::relu", branched(t, b), t);
  }
  return t;
}
// not traced: a helper
TJIT_DEF Tensor marked(const Tensor& t) { return t; }
TJIT_DEF Tensor bare(const Tensor& t, const char* s = "{;}") {
  Tensor r = t;
  TJIT_TRACE("aten::relu", bare(t), t);
  return r;
}
#define TJIT_MAKE(name)                     \
  TJIT_DEF Tensor name(const Tensor& t) {   \
    return t;                               \
  }
// not traced (block): forwarders
inline Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }

inline Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
}  // namespace tjit
'''


def main():
    root = repo_root()
    checks = []

    def check(name, ok, detail=""):
        checks.append(ok)
        print(("PASS " if ok else "FAIL ") + name)
        if not ok and detail:
            print(detail)

    # The scanner itself: flags exactly the uninstrumented definitions of a sample.
    missing, checked = scan(SELF_TEST, "self_test")
    got = sorted(m[2] for m in missing)
    check("scanner flags exactly the untraced sample definitions",
          got == ["bare", "name", "operator*"] and "helper" not in checked,
          "flagged: %s, checked: %s" % (got, checked))

    tensor = os.path.join(root, "include/tjit/tensor")
    files = sorted(glob.glob(os.path.join(tensor, "ops/detail/*.hpp")) +
                   glob.glob(os.path.join(tensor, "ops/*.hpp")))
    names = registered_names(root)
    check("the operator registry was found", len(names) > 500, "%d names" % len(names))
    total_checked = 0
    unknown = []
    for p in files + [os.path.join(tensor, "tensor_base.hpp")]:
        text = open(p).read()
        rel = os.path.relpath(p, root)
        if p.endswith("tensor_base.hpp"):
            lines = text.split("\n")
            lo = next(k for k, l in enumerate(lines) if "// --- views" in l) + 1
            hi = next(k for k, l in enumerate(lines) if k > lo and l.strip() == "private:") + 1
            missing, checked = scan(text, rel, (lo, hi), class_ok=("Tensor",))
            check(rel + ": Tensor's view methods are checked", len(checked) >= 20,
                  "only %d found" % len(checked))
        else:
            missing, checked = scan(text, rel)
        total_checked += len(checked)
        check(rel + ": %d definitions traced or marked" % len(checked), not missing,
              "\n".join("  %s:%d: %s neither starts with TJIT_TRACE nor is marked "
                        "`// not traced:`" % m for m in missing))
        unknown += ["  %s: %s" % (rel, nm) for nm in traced_names(text) if nm not in names]
    check("every TJIT_TRACE schema name is registered", not unknown, "\n".join(unknown))
    check("the scan found the ops (%d definitions)" % total_checked, total_checked > 300)

    passed = sum(checks)
    print("[doctest] test cases: %d | %d passed | %d failed | 0 skipped"
          % (len(checks), passed, len(checks) - passed))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
